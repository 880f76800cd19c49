import { createHash } from 'node:crypto';
import { validateFinding } from '../../../lambdas/asff/validate';
import { configNormalizer } from '../../../lambdas/normalize/config/normalize';
import { UnmappableEventError } from '../../../lambdas/normalize/errors';
import { FMS_FINDING_TYPES, firewallManagerNormalizer, fmsFindingKind, normalizeFirewallManager } from '../../../lambdas/normalize/firewall-manager/normalize';
import { normalizerFor } from '../../../bin/cli/normalize';
import type { SourceEvent } from '../../../lambdas/normalize/types';
import { sourceEvent } from '../../support/fixtures';

const load = (name: string): SourceEvent => sourceEvent(`firewall-manager/${name}`) as SourceEvent;
const detail = (event: SourceEvent) => event.detail as Record<string, unknown>;
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

describe('Firewall Manager policy compliance (its FMManaged… Config rules) → ASFF', () => {
  it('routes Firewall Manager rules to this normalizer and every other Config rule to the Config one', () => {
    const fms = load('shield-non-compliant-cloudfront');
    expect(normalizerFor(fms)).toBe(firewallManagerNormalizer);
    const other = load('shield-non-compliant-cloudfront');
    detail(other).configRuleName = 's3-bucket-level-public-access-prohibited';
    expect(normalizerFor(other)).toBe(configNormalizer);
    const unnamed = load('shield-non-compliant-cloudfront');
    delete detail(unnamed).configRuleName;
    expect(normalizerFor(unnamed)).toBe(configNormalizer);
  });

  it('maps a resource without its Shield Advanced protection field by field', () => {
    const finding = normalizeFirewallManager(load('shield-non-compliant-cloudfront'));
    expect(validateFinding(finding)).toMatchObject({ ok: true });
    const ruleArn = 'arn:aws:config:us-east-1:111122223333:config-rule/config-rule-fms001';
    expect(finding).toEqual({
      SchemaVersion: '2018-10-08',
      Id: `${ruleArn}/finding/${sha1('AWS::CloudFront::Distribution/E2QWRUHAPOMQZL')}`,
      ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/firewall-manager',
      ProductName: 'Firewall Manager',
      CompanyName: 'AWS',
      Region: 'us-east-1',
      GeneratorId: 'FMManagedShieldConfigRule1111111-2222-3333-4444-a55aa5aaa555',
      AwsAccountId: '111122223333',
      Types: [...FMS_FINDING_TYPES],
      CreatedAt: '2024-06-11T09:30:12.540Z',
      UpdatedAt: '2024-06-11T09:30:12.540Z',
      Severity: { Label: 'MEDIUM', Normalized: 60 },
      Title: 'Resource lacks Shield Advanced protection.',
      Description: expect.stringMatching(
        /^An AWS resource that should have Shield Advanced protection.* Firewall Manager rule: FMManagedShieldConfigRule1111111-2222-3333-4444-a55aa5aaa555$/,
      ),
      ProductFields: {
        'aws/firewall-manager/PolicyId': '1111111-2222-3333-4444-a55aa5aaa555',
        'aws/firewall-manager/PolicyType': 'SHIELD_ADVANCED',
        'aws/firewall-manager/ConfigRuleName': 'FMManagedShieldConfigRule1111111-2222-3333-4444-a55aa5aaa555',
        'aws/firewall-manager/ConfigRuleArn': ruleArn,
        'aws/firewall-manager/ConfigComplianceType': 'NON_COMPLIANT',
        'aws/firewall-manager/ResourceType': 'AWS::CloudFront::Distribution',
        'aws/firewall-manager/ResourceId': 'E2QWRUHAPOMQZL',
      },
      Resources: [{ Type: 'AwsCloudFrontDistribution', Id: expect.stringContaining('E2QWRUHAPOMQZL'), Partition: 'aws', Region: 'us-east-1' }],
      Compliance: { Status: 'FAILED' },
      Workflow: { Status: 'NEW' },
      RecordState: 'ACTIVE',
      FindingProviderFields: { Severity: { Label: 'MEDIUM' }, Types: [...FMS_FINDING_TYPES] },
    });
  });

  it('updates the same finding to PASSED and INFORMATIONAL once the resource complies, as the guide says', () => {
    const failed = normalizeFirewallManager(load('shield-non-compliant-cloudfront'));
    const passed = normalizeFirewallManager(load('shield-compliant-cloudfront'));
    expect(passed.Id).toBe(failed.Id);
    expect(passed).toMatchObject({
      Compliance: { Status: 'PASSED' },
      Severity: { Label: 'INFORMATIONAL', Normalized: 0 },
      Workflow: { Status: 'RESOLVED' },
      RecordState: 'ACTIVE',
    });
  });

  it('maps a load balancer without the managed web ACL as HIGH (80) with the annotation as reason', () => {
    const finding = normalizeFirewallManager(load('waf-non-compliant-alb'));
    expect(validateFinding(finding)).toMatchObject({ ok: true });
    expect(finding).toMatchObject({
      Title: 'Resource is missing Firewall Manager managed web ACL.',
      Severity: { Label: 'HIGH', Normalized: 80 },
      Resources: [{ Type: 'AwsElbv2LoadBalancer', Id: 'arn:aws:elasticloadbalancing:eu-west-1:444455556666:loadbalancer/app/shop-frontend/50dc6c495c0c9188' }],
      Compliance: { Status: 'FAILED', StatusReasons: [{ ReasonCode: 'NON_COMPLIANT', Description: expect.stringMatching(/^The resource is not associated/) }] },
    });
    expect(finding.ProductFields?.['aws/firewall-manager/PolicyId']).toBeUndefined();
  });

  it('archives a finding whose resource left the policy’s scope (NOT_APPLICABLE)', () => {
    const finding = normalizeFirewallManager(load('security-group-content-audit-not-applicable'));
    expect(finding).toMatchObject({
      RecordState: 'ARCHIVED',
      Compliance: { Status: 'NOT_AVAILABLE' },
      Title: 'Security group is not in compliance with content audit security group.',
    });
  });

  it.each([
    ['FMManagedSecurityGroupCommonRule-x', 'AWS::EC2::Instance', 'Resource has misconfigured security group.', 70],
    ['FMManagedDnsFirewallRule-x', 'AWS::EC2::VPC', 'Resource is missing DNS Firewall protection', 80],
    ['FMManagedNetworkFirewallRule-x', 'AWS::EC2::VPC', 'Resource is not compliant with a Firewall Manager policy.', 40],
  ])('reads the policy type of %s on %s', (rule, resourceType, title, normalized) => {
    expect(fmsFindingKind(rule, resourceType)).toMatchObject({ title, normalized });
  });

  it.each([
    ['detail.configRuleName', (event: SourceEvent) => (detail(event).configRuleName = 'restricted-ssh')],
    ['detail.newEvaluationResult', (event: SourceEvent) => delete detail(event).newEvaluationResult],
    ['detail.awsAccountId', (event: SourceEvent) => (detail(event).awsAccountId = 'x')],
    ['detail.configRuleARN', (event: SourceEvent) => delete detail(event).configRuleARN],
  ])('refuses an event with a bad %s, naming it', (path, spoil) => {
    const event = load('waf-non-compliant-alb');
    spoil(event);
    expect(() => normalizeFirewallManager(event)).toThrow(UnmappableEventError);
    expect(() => normalizeFirewallManager(event)).toThrow(path);
  });
});

describe('the Firewall Manager policy id', () => {
  it('is read from a rule name ending with a UUID', () => {
    const finding = normalizeFirewallManager(load('security-group-content-audit-not-applicable'));
    expect(finding.ProductFields?.['aws/firewall-manager/PolicyId']).toBe('7c1f0a2e-1b2c-4d3e-8f9a-0b1c2d3e4f5a');
  });
});
