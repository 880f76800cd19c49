import { labelFromNormalized, type AwsSecurityFinding, type ComplianceStatus } from '../../asff';
import { asffResource } from '../../shared/resources/config-resource-types';
import { FMS_RULE_PREFIX, configFindingId } from '../config/normalize';
import { UnmappableEventError } from '../errors';
import { optionalObject, optionalString, requireString, truncate } from '../fields';
import { requireAccountId, requireIdentifier, requireRegion } from '../identity';
import { awsProductArn, partitionOf } from '../product';
import { productFields } from '../product-fields';
import { optionalTimestamp } from '../time';
import type { Normalizer, SourceEvent } from '../types';

/**
 * AWS Firewall Manager policy compliance. Firewall Manager emits no EventBridge events of its own:
 * in each member account it evaluates a policy through an AWS Config service-linked rule whose name
 * starts with `FMManaged` (the WAF developer guide: a Shield Advanced policy's rule is
 * `FMManagedShieldConfigRule<policy id>`), so its results arrive as `Config Rules Compliance Change`
 * events of those rules. Each maps as the guide's "AWS Firewall Manager findings" pages describe the
 * finding Firewall Manager sends Security Hub for that policy type: its title, its severity
 * (Normalized), PASSED/FAILED compliance, and INFORMATIONAL once the resource complies.
 *
 * What the guide does not give, and is ours: the Types (`Software and Configuration Checks/AWS
 * Security Best Practices`), the Id (`<rule ARN>/finding/<hash>` as the Config normalizer, one per
 * rule and resource), and the policy type read from the rule name (`Shield`, `WebACL`/`WAF`,
 * `SecurityGroup`, `DnsFirewall`); another policy type (Network Firewall, network ACL, third-party
 * firewall) gets a generic title at MEDIUM.
 */

/** Types of every Firewall Manager finding (our choice: the guide lists none). */
export const FMS_FINDING_TYPES: readonly string[] = ['Software and Configuration Checks/AWS Security Best Practices'];

/** One kind of Firewall Manager finding: the guide's title, what it means and its severity. */
interface FmsFindingKind {
  readonly policyType: string;
  readonly title: string;
  readonly description: string;
  readonly normalized: number;
}

const KINDS = {
  shield: {
    policyType: 'SHIELD_ADVANCED',
    title: 'Resource lacks Shield Advanced protection.',
    description: 'An AWS resource that should have Shield Advanced protection, according to the Firewall Manager policy, doesn’t have it.',
    normalized: 60,
  },
  waf: {
    policyType: 'WAFV2',
    title: 'Resource is missing Firewall Manager managed web ACL.',
    description: 'An AWS resource doesn’t have the AWS Firewall Manager managed web ACL association in accordance with the Firewall Manager policy.',
    normalized: 80,
  },
  dnsFirewall: {
    policyType: 'DNS_FIREWALL',
    title: 'Resource is missing DNS Firewall protection',
    description: 'A VPC is missing a DNS Firewall rule group association that’s defined in the Firewall Manager DNS Firewall policy.',
    normalized: 80,
  },
  securityGroupContent: {
    policyType: 'SECURITY_GROUPS_CONTENT_AUDIT',
    title: 'Security group is not in compliance with content audit security group.',
    description: 'A Firewall Manager security group content audit policy has identified a noncompliant security group.',
    normalized: 70,
  },
  securityGroupCommon: {
    policyType: 'SECURITY_GROUPS_COMMON',
    title: 'Resource has misconfigured security group.',
    description: 'A resource is missing the Firewall Manager managed security group associations that it should have, according to the Firewall Manager policy.',
    normalized: 70,
  },
  other: {
    policyType: 'OTHER',
    title: 'Resource is not compliant with a Firewall Manager policy.',
    description: 'A resource in scope of a Firewall Manager policy does not comply with it.',
    normalized: 40,
  },
} as const satisfies Record<string, FmsFindingKind>;

/** The policy type a Firewall Manager rule evaluates, from its name (and the resource type for security groups). */
export function fmsFindingKind(ruleName: string, resourceType: string): FmsFindingKind {
  if (/shield/i.test(ruleName)) return KINDS.shield;
  if (/dnsfirewall/i.test(ruleName)) return KINDS.dnsFirewall;
  if (/securitygroup/i.test(ruleName)) return resourceType === 'AWS::EC2::SecurityGroup' ? KINDS.securityGroupContent : KINDS.securityGroupCommon;
  if (/webacl|waf/i.test(ruleName)) return KINDS.waf;
  return KINDS.other;
}

const STATUS_BY_COMPLIANCE: ReadonlyMap<string, ComplianceStatus> = new Map([
  ['COMPLIANT', 'PASSED'],
  ['NON_COMPLIANT', 'FAILED'],
  ['NOT_APPLICABLE', 'NOT_AVAILABLE'],
  ['INSUFFICIENT_DATA', 'NOT_AVAILABLE'],
]);

const NEW = 'detail.newEvaluationResult';
const QUALIFIER = `${NEW}.evaluationResultIdentifier.evaluationResultQualifier`;

function requireQualified(event: unknown, field: string): string {
  return optionalString(event, `detail.${field}`) ?? optionalString(event, `${QUALIFIER}.${field}`) ?? requireString(event, `detail.${field}`);
}

const SHIELD_RULE_PREFIX = 'FMManagedShieldConfigRule';

/** The policy id of a rule: what follows `FMManagedShieldConfigRule` (documented), else a trailing UUID-shaped id. */
function policyIdOf(ruleName: string): string | undefined {
  if (ruleName.startsWith(SHIELD_RULE_PREFIX) && ruleName.length > SHIELD_RULE_PREFIX.length) return ruleName.slice(SHIELD_RULE_PREFIX.length);
  return /(?:^|[^0-9a-f])([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(ruleName)?.[1];
}

/** Maps one Firewall Manager Config rule compliance change to its ASFF finding. */
export function normalizeFirewallManager(event: SourceEvent): AwsSecurityFinding {
  if (optionalObject(event, NEW) === undefined) throw new UnmappableEventError('is required', NEW);
  const ruleName = requireQualified(event, 'configRuleName');
  if (!ruleName.startsWith(FMS_RULE_PREFIX))
    throw new UnmappableEventError(`must name a Firewall Manager rule (${FMS_RULE_PREFIX}…), got ${JSON.stringify(ruleName)}`, 'detail.configRuleName');
  const account = requireAccountId(event, 'detail.awsAccountId');
  const region = requireRegion(event, 'detail.awsRegion');
  const partition = partitionOf(region);
  const ruleArn = requireIdentifier(event, 'detail.configRuleARN', 512 - '/finding/'.length - 40);
  const resourceType = requireQualified(event, 'resourceType');
  const resourceId = requireQualified(event, 'resourceId');
  const complianceType = requireString(event, `${NEW}.complianceType`);
  const annotation = optionalString(event, `${NEW}.annotation`);
  const recordedAt =
    optionalTimestamp(event, `${NEW}.resultRecordedTime`) ?? optionalTimestamp(event, `${NEW}.configRuleInvokedTime`) ?? requireString(event, `${NEW}.resultRecordedTime`);
  const status = STATUS_BY_COMPLIANCE.get(complianceType) ?? 'NOT_AVAILABLE';
  const kind = fmsFindingKind(ruleName, resourceType);
  // The guide: once the resource complies, the finding's severity lowers to INFORMATIONAL.
  const normalized = status === 'PASSED' ? 0 : kind.normalized;
  const label = labelFromNormalized(normalized);
  const policyId = policyIdOf(ruleName);
  const resource = asffResource(resourceType, resourceId, { partition, region, account });

  return {
    SchemaVersion: '2018-10-08',
    Id: configFindingId(ruleArn, resourceType, resourceId),
    ProductArn: awsProductArn(region, 'firewall-manager'),
    ProductName: 'Firewall Manager',
    CompanyName: 'AWS',
    Region: region,
    GeneratorId: truncate(ruleName, 512, ''),
    AwsAccountId: account,
    Types: [...FMS_FINDING_TYPES],
    CreatedAt: recordedAt,
    UpdatedAt: recordedAt,
    Severity: { Label: label, Normalized: normalized },
    Title: kind.title,
    Description: truncate(`${kind.description} Firewall Manager rule: ${ruleName}`, 1024),
    ProductFields: productFields([
      ['aws/firewall-manager/PolicyId', policyId],
      ['aws/firewall-manager/PolicyType', kind.policyType],
      ['aws/firewall-manager/ConfigRuleName', ruleName],
      ['aws/firewall-manager/ConfigRuleArn', ruleArn],
      ['aws/firewall-manager/ConfigComplianceType', complianceType],
      ['aws/firewall-manager/ResourceType', resourceType],
      ['aws/firewall-manager/ResourceId', resourceId],
    ]),
    Resources: [{ ...resource, Partition: partition, Region: region }],
    Compliance: {
      Status: status,
      ...(annotation !== undefined ? { StatusReasons: [{ ReasonCode: complianceType, Description: truncate(annotation, 2048) }] } : {}),
    },
    Workflow: { Status: status === 'PASSED' ? 'RESOLVED' : 'NEW' },
    RecordState: complianceType === 'NOT_APPLICABLE' ? 'ARCHIVED' : 'ACTIVE',
    FindingProviderFields: { Severity: { Label: label }, Types: [...FMS_FINDING_TYPES] },
  };
}

/** Config rule compliance changes of Firewall Manager's service-linked rules. */
export const FMS_RULE_EVENTS = {
  source: ['aws.config'],
  'detail-type': ['Config Rules Compliance Change'],
  detail: { configRuleName: [{ prefix: FMS_RULE_PREFIX }] },
} as const;

/** Maps Firewall Manager policy compliance (its Config rules' evaluations) to ASFF findings. */
export const firewallManagerNormalizer: Normalizer = {
  id: 'firewall-manager',
  title: 'AWS Firewall Manager',
  eventPattern: FMS_RULE_EVENTS,
  normalize(event) {
    return [normalizeFirewallManager(event)];
  },
};
