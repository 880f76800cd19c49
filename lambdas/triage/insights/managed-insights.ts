/**
 * Managed insights: Security Hub's built-in insights, with their real numbers (so
 * `arn:aws:securityhub:::insight/securityhub/default/<n>` answers as it does on AWS), names,
 * group-by attributes and filters as Security Hub's user guide lists them ("Managed insights in
 * Security Hub CSPM"), plus two of ours under the `opensecurityhub` owner. Data only: adding one is
 * an entry. They cannot be updated or deleted.
 */
import type { AwsSecurityFindingFilters, StringFilter } from '../../filters';
import type { GroupByAttribute } from './group-by';
import type { ManagedInsightOwner } from './insight';

/** One managed insight. */
export interface ManagedInsight {
  readonly owner: ManagedInsightOwner;
  /** The number in its ARN (Security Hub's numbers are not the order of its list). */
  readonly number: number;
  readonly name: string;
  readonly groupBy: GroupByAttribute;
  readonly filters: AwsSecurityFindingFilters;
}

const equals = (...values: string[]): StringFilter[] => values.map((Value) => ({ Value, Comparison: 'EQUALS' }));
const prefix = (...values: string[]): StringFilter[] => values.map((Value) => ({ Value, Comparison: 'PREFIX' }));

/** Every managed insight's own filter: active findings whose workflow is still open. */
const OPEN: AwsSecurityFindingFilters = { RecordState: equals('ACTIVE'), WorkflowStatus: equals('NEW', 'NOTIFIED') };

const BEST_PRACTICES = 'Software and Configuration Checks/Industry and Regulatory Standards/AWS Security Best Practices';
const NETWORK_REACHABILITY = 'Software and Configuration Checks/AWS Security Best Practices/Network Reachability';

function securityHub(number: number, name: string, groupBy: GroupByAttribute, filters: AwsSecurityFindingFilters = {}, open = true): ManagedInsight {
  return { owner: 'securityhub', number, name, groupBy, filters: open ? { ...filters, ...OPEN } : filters };
}

/** The managed insights, in the order of Security Hub's list, then ours. */
export const MANAGED_INSIGHTS: readonly ManagedInsight[] = [
  securityHub(1, 'AWS resources with the most findings', 'ResourceId'),
  securityHub(10, 'S3 buckets with public write or read permissions', 'ResourceId', { Type: prefix('Effects/Data Exposure'), ResourceType: equals('AwsS3Bucket') }),
  securityHub(3, 'AMIs that are generating the most findings', 'ResourceAwsEc2InstanceImageId', { ResourceType: equals('AwsEc2Instance') }),
  securityHub(14, 'EC2 instances involved in known Tactics, Techniques, and Procedures (TTPs)', 'ResourceId', { Type: prefix('TTPs'), ResourceType: equals('AwsEc2Instance') }),
  securityHub(9, 'AWS principals with suspicious access key activity', 'ResourceAwsIamAccessKeyPrincipalName', { ResourceType: equals('AwsIamAccessKey') }),
  securityHub(6, "AWS resources instances that don't meet security standards / best practices", 'ResourceId', { Type: equals(BEST_PRACTICES) }),
  securityHub(7, 'AWS resources associated with potential data exfiltration', 'ResourceId', { Type: prefix('Effects/Data Exfiltration/') }),
  securityHub(8, 'AWS resources associated with unauthorized resource consumption', 'ResourceId', { Type: prefix('Effects/Resource Consumption') }),
  securityHub(11, "S3 buckets that don't meet security standards / best practice", 'ResourceId', { ResourceType: equals('AwsS3Bucket'), Type: equals(BEST_PRACTICES) }),
  securityHub(12, 'S3 buckets with sensitive data', 'ResourceId', { ResourceType: equals('AwsS3Bucket'), Type: prefix('Sensitive Data Identifications/') }),
  securityHub(13, 'Credentials that may have leaked', 'ResourceId', { Type: prefix('Sensitive Data Identifications/Passwords/') }),
  securityHub(16, 'EC2 instances that have missing security patches for important vulnerabilities', 'ResourceId', {
    Type: prefix('Software and Configuration Checks/Vulnerabilities/CVE'),
    ResourceType: equals('AwsEc2Instance'),
  }),
  securityHub(17, 'EC2 instances with general unusual behavior', 'ResourceId', { Type: prefix('Unusual Behaviors'), ResourceType: equals('AwsEc2Instance') }),
  securityHub(18, 'EC2 instances that have ports accessible from the Internet', 'ResourceId', { Type: prefix(NETWORK_REACHABILITY), ResourceType: equals('AwsEc2Instance') }),
  securityHub(19, "EC2 instances that don't meet security standards / best practices", 'ResourceId', {
    Type: prefix('Software and Configuration Checks/Industry and Regulatory Standards/', 'Software and Configuration Checks/AWS Security Best Practices'),
    ResourceType: equals('AwsEc2Instance'),
  }),
  securityHub(21, 'EC2 instances that are open to the Internet', 'ResourceId', { Type: prefix(NETWORK_REACHABILITY), ResourceType: equals('AwsEc2Instance') }),
  securityHub(22, 'EC2 instances associated with adversary reconnaissance', 'ResourceId', { Type: prefix('TTPs/Discovery/Recon'), ResourceType: equals('AwsEc2Instance') }),
  securityHub(23, 'AWS resources that are associated with malware', 'ResourceId', {
    Type: prefix(
      'Effects/Data Exfiltration/Trojan',
      'TTPs/Initial Access/Trojan',
      'TTPs/Command and Control/Backdoor',
      'TTPs/Command and Control/Trojan',
      'Software and Configuration Checks/Backdoor',
      'Unusual Behaviors/VM/Backdoor',
    ),
  }),
  securityHub(24, 'AWS resources associated with cryptocurrency issues', 'ResourceId', {
    Type: prefix('Effects/Resource Consumption/Cryptocurrency', 'TTPs/Command and Control/CryptoCurrency'),
  }),
  securityHub(25, 'AWS resources with unauthorized access attempts', 'ResourceId', {
    Type: prefix(
      'TTPs/Command and Control/UnauthorizedAccess',
      'TTPs/Initial Access/UnauthorizedAccess',
      'Effects/Data Exfiltration/UnauthorizedAccess',
      'Unusual Behaviors/User/UnauthorizedAccess',
      'Effects/Resource Consumption/UnauthorizedAccess',
    ),
  }),
  // The guide names no group-by for this one; the indicator's value is what "most hits" counts.
  securityHub(26, 'Threat Intel indicators with the most hits in the last week', 'ThreatIntelIndicatorValue', { CreatedAt: [{ DateRange: { Value: 7, Unit: 'DAYS' } }] }, false),
  securityHub(27, 'Top accounts by counts of findings', 'AwsAccountId'),
  securityHub(28, 'Top products by counts of findings', 'ProductArn'),
  securityHub(29, 'Severity by counts of findings', 'SeverityLabel'),
  securityHub(30, 'Top S3 buckets by counts of findings', 'ResourceId', { ResourceType: equals('AwsS3Bucket') }),
  securityHub(31, 'Top EC2 instances by counts of findings', 'ResourceId', { ResourceType: equals('AwsEc2Instance') }),
  securityHub(32, 'Top AMIs by counts of findings', 'ResourceAwsEc2InstanceImageId', { ResourceType: equals('AwsEc2Instance') }),
  securityHub(33, 'Top IAM users by counts of findings', 'ResourceAwsIamAccessKeyUserName', { ResourceType: equals('AwsIamAccessKey') }),
  securityHub(34, 'Top resources by counts of failed CIS checks', 'ResourceId', {
    GeneratorId: prefix('arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule'),
    UpdatedAt: [{ DateRange: { Value: 1, Unit: 'DAYS' } }],
    ComplianceStatus: equals('FAILED'),
  }),
  securityHub(35, 'Top integrations by counts of findings', 'ProductArn'),
  securityHub(36, 'Resources with the most failed security checks', 'ResourceId', {
    UpdatedAt: [{ DateRange: { Value: 1, Unit: 'DAYS' } }],
    ComplianceStatus: equals('FAILED'),
  }),
  securityHub(37, 'IAM users with suspicious activity', 'ResourceAwsIamUserUserName', { ResourceType: equals('AwsIamUser') }),
  {
    owner: 'opensecurityhub',
    number: 1,
    name: 'Accounts with the most critical findings',
    groupBy: 'AwsAccountId',
    filters: { SeverityLabel: equals('CRITICAL'), ...OPEN },
  },
  {
    owner: 'opensecurityhub',
    number: 2,
    name: 'EC2 instances with CVEs that have a known exploit',
    groupBy: 'ResourceId',
    filters: {
      Type: prefix('Software and Configuration Checks/Vulnerabilities/CVE'),
      ResourceType: equals('AwsEc2Instance'),
      VulnerabilitiesExploitAvailable: equals('YES'),
      ...OPEN,
    },
  },
];

/** The managed insight with this owner and number, if any. */
export function findManagedInsight(owner: ManagedInsightOwner, number: number): ManagedInsight | undefined {
  return MANAGED_INSIGHTS.find((insight) => insight.owner === owner && insight.number === number);
}
