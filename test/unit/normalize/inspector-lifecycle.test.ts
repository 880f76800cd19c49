import { inspectorNormalizer } from '../../../lambdas/normalize/inspector/normalize';
import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import type { SourceEvent } from '../../../lambdas/normalize/types';
import { sourceEvent } from '../../support/fixtures';

const fixture = (name: string): SourceEvent => sourceEvent(`inspector/${name}`) as SourceEvent;
const normalizeOne = (event: SourceEvent): AwsSecurityFinding => inspectorNormalizer.normalize(event)[0];

describe('Inspector network reachability on EC2', () => {
  const finding = normalizeOne(fixture('network-ec2'));

  it('files the finding under network reachability with its title and recommendation', () => {
    expect(finding.Types).toEqual(['Software and Configuration Checks/AWS Security Best Practices/Network Reachability']);
    expect(finding.Title).toBe('Port 22 is reachable from an Internet Gateway - TCP');
    expect(finding.Remediation?.Recommendation?.Text).toBe('You can restrict access to your instance by modifying the Security Groups or ACLs in the network path.');
    expect(finding.Vulnerabilities).toBeUndefined();
  });

  it('maps the open port range and protocol to Network', () => {
    expect(finding.Network).toEqual({ Direction: 'IN', Protocol: 'TCP', OpenPortRange: { Begin: 22, End: 22 } });
  });

  it('maps each path step to a NetworkPath component, in order', () => {
    expect(finding.NetworkPath).toEqual([
      { ComponentId: 'igw-261bab4d', ComponentType: 'AWS::EC2::InternetGateway' },
      { ComponentId: 'acl-171b527d', ComponentType: 'AWS::EC2::NetworkAcl' },
      { ComponentId: 'sg-0d34debf87410f2d9', ComponentType: 'AWS::EC2::SecurityGroup' },
      { ComponentId: 'eni-094ad651219472857', ComponentType: 'AWS::EC2::NetworkInterface' },
      { ComponentId: 'i-0abc1234def567890', ComponentType: 'AWS::EC2::Instance' },
    ]);
  });

  it('shortens a component type beyond the ASFF 32-character limit', () => {
    const event = fixture('network-ec2');
    const steps = (event.detail as { networkReachabilityDetails: { networkPath: { steps: Array<Record<string, string>> } } }).networkReachabilityDetails.networkPath.steps;
    steps[0].componentType = 'AWS::ElasticLoadBalancingV2::LoadBalancer';

    const component = normalizeOne(event).NetworkPath?.[0];

    expect(component?.ComponentType).toBe('ElasticLoadBalancingV2::LoadBala');
  });
});

describe('Inspector code vulnerability on Lambda', () => {
  const finding = normalizeOne(fixture('code-lambda'));

  it('files the finding as a CWE code vulnerability with the recommendation and its link', () => {
    expect(finding.Types).toEqual(['Software and Configuration Checks/Vulnerabilities/CWE']);
    expect(finding.Title).toBe('CWE-798 - Hardcoded credentials');
    expect(finding.Severity).toEqual({ Label: 'CRITICAL', Original: 'CRITICAL' });
    expect(finding.Remediation?.Recommendation).toEqual({
      Text: 'Your code uses hardcoded AWS credentials. Set AWS credentials with environment variables or an AWS profile instead.',
      Url: 'https://boto3.amazonaws.com/v1/documentation/api/latest/guide/credentials.html',
    });
  });

  it('maps the detector, CWEs, file and lines to a code vulnerability', () => {
    expect(finding.Vulnerabilities).toEqual([
      {
        Id: 'python/hardcoded-credentials@v1.0',
        CodeVulnerabilities: [{ Cwes: ['CWE-798'], FilePath: { FileName: 'lambda_function.py', FilePath: 'lambda_function.py', StartLine: 6, EndLine: 6 } }],
      },
    ]);
  });

  it('keeps the detector name, rule and tags in product fields', () => {
    expect(finding.ProductFields).toEqual({
      'aws/inspector/ProductVersion': '2',
      'aws/inspector/FindingStatus': 'ACTIVE',
      'aws/inspector/codeVulnerabilityDetails/detectorName': 'Hardcoded credentials',
      'aws/inspector/codeVulnerabilityDetails/ruleId': 'python-detect-hardcoded-aws-credentials',
      'aws/inspector/codeVulnerabilityDetails/detectorTags': 'secrets,security,owasp-top10,top25-cwes,cwe-798,Python',
    });
  });
});

describe('Inspector finding status', () => {
  it('archives a CLOSED finding and leaves the workflow to Security Hub', () => {
    const finding = normalizeOne(fixture('closed-ec2'));

    expect(finding.RecordState).toBe('ARCHIVED');
    expect(finding.Workflow).toBeUndefined();
    expect(finding.ProductFields?.['aws/inspector/FindingStatus']).toBe('CLOSED');
    expect(finding.UpdatedAt).toBe('2024-09-05T09:12:03.120Z');
  });

  it('archives a SUPPRESSED finding with workflow SUPPRESSED', () => {
    const finding = normalizeOne(fixture('suppressed-ecr'));

    expect(finding.RecordState).toBe('ARCHIVED');
    expect(finding.Workflow).toEqual({ Status: 'SUPPRESSED' });
    expect(finding.ProductFields?.['aws/inspector/FindingStatus']).toBe('SUPPRESSED');
  });

  it('labels an UNTRIAGED finding INFORMATIONAL and keeps UNTRIAGED as the original severity', () => {
    const finding = normalizeOne(fixture('suppressed-ecr'));

    expect(finding.Severity).toEqual({ Label: 'INFORMATIONAL', Original: 'UNTRIAGED' });
    expect(finding.FindingProviderFields?.Severity).toEqual({ Label: 'INFORMATIONAL', Original: 'UNTRIAGED' });
  });
});

describe('Inspector events of 2021 (old time format, N/A resource Region)', () => {
  const finding = normalizeOne(fixture('old-time-formats'));

  it('reads `Dec 3, 2021, 6:02:30 PM` times as UTC', () => {
    expect(finding.CreatedAt).toBe('2021-12-03T18:02:30.000Z');
    expect(finding.UpdatedAt).toBe('2021-12-03T18:02:30.000Z');
    expect(finding.Vulnerabilities?.[0].Vendor?.VendorCreatedAt).toBe('2019-10-16T00:00:00.000Z');
    expect(finding.Resources[0].Details).toMatchObject({ AwsEcrContainerImage: { ImagePublishedAt: '2021-12-03T06:02:15.000Z' } });
  });

  it('takes Region and partition from the finding ARN where the resource says N/A', () => {
    expect(finding.Region).toBe('us-east-2');
    expect(finding.ProductArn).toBe('arn:aws:securityhub:us-east-2::product/aws/inspector');
    expect(finding.Resources[0]).toMatchObject({ Partition: 'aws', Region: 'us-east-2' });
  });

  it('lists a CVSS v2 vector as Inspector gives it', () => {
    expect(finding.Vulnerabilities?.[0].Cvss?.[1]).toEqual({
      Version: '2.0',
      BaseScore: 5.8,
      BaseVector: 'AV:N/AC:M/Au:N/C:P/I:N/A:P',
      Source: 'NVD',
    });
  });
});

describe('Inspector events forwarded to another account and Region', () => {
  it('keeps the finding account and Region, not the envelope', () => {
    const event = { ...fixture('package-ec2'), account: '999988887777', region: 'us-west-2' };

    const finding = normalizeOne(event);

    expect(finding.AwsAccountId).toBe('111122223333');
    expect(finding.Region).toBe('eu-central-1');
    expect(finding.ProductArn).toBe('arn:aws:securityhub:eu-central-1::product/aws/inspector');
    expect(finding.Resources[0].Id).toBe('arn:aws:ec2:eu-central-1:111122223333:instance/i-0abc1234def567890');
  });

  it('builds GovCloud ARNs from the finding ARN partition', () => {
    const event = fixture('package-ec2');
    const detail = event.detail as Record<string, unknown> & { resources: Array<Record<string, unknown>> };
    detail.findingArn = 'arn:aws-us-gov:inspector2:us-gov-west-1:111122223333:finding/0123456789abcdef0123456789abcdef';
    detail.resources[0].region = 'us-gov-west-1';
    detail.resources[0].partition = 'aws-us-gov';

    const finding = normalizeOne(event);

    expect(finding.ProductArn).toBe('arn:aws-us-gov:securityhub:us-gov-west-1::product/aws/inspector');
    expect(finding.Resources[0].Id).toBe('arn:aws-us-gov:ec2:us-gov-west-1:111122223333:instance/i-0abc1234def567890');
  });
});
