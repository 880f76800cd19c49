/**
 * Security Hub controls on settings AWS Config records for resource types the catalogue already
 * evaluates, added with the standards that list them: Lambda X-Ray tracing (Lambda.7), EKS secrets
 * encryption (EKS.3), MSK enhanced monitoring (MSK.2), Network Firewall zones (NetworkFirewall.1),
 * EFS backups and encryption (EFS.7, EFS.8) and S3 versioning, KMS encryption and MFA delete (S3.14, S3.17, S3.20).
 */
import type { ConfigurationItem, ControlDefinition } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asArray, asBoolean, asRecord, asString, field, supplementary } from './support/readers';
import { cis3, controlPage, FSBP } from './support/mappings';
import { defineControl, liveRelated } from './support/guard';

const SUBNET = 'AWS::EC2::Subnet';
const BUCKET = ['AWS::S3::Bucket'];

/** The Network Firewall firewall's subnets: Config records DescribeFirewall's `firewall.subnetMappings` (CloudFormation's shape is flat). */
const firewallSubnets = (item: ConfigurationItem) =>
  asArray(field(item.configuration, ['firewall', 'Firewall'], ['subnetMappings', 'SubnetMappings']) ?? field(item.configuration, ['SubnetMappings', 'subnetMappings']))
    .map((mapping) => asString(field(mapping, ['SubnetId', 'subnetId'])))
    .filter((id): id is string => id !== undefined);

/** The Availability Zones DescribeFirewall reports the firewall in (`firewallStatus.syncStates`, keyed by zone), when recorded. */
const syncZones = (configuration: Record<string, unknown>) => Object.keys(asRecord(field(configuration, ['firewallStatus', 'FirewallStatus'], ['syncStates', 'SyncStates'])) ?? {});

/** The bucket's versioning configuration (`BucketVersioningConfiguration`: status, isMfaDeleteEnabled). */
const versioningOf = (item: ConfigurationItem) => supplementary(item, 'BucketVersioningConfiguration');

/** The SSE algorithms of the bucket's default encryption rules. */
const sseAlgorithms = (item: ConfigurationItem) =>
  asArray(field(supplementary(item, 'ServerSideEncryptionConfiguration'), 'rules'))
    .map((rule) => asString(field(rule, 'applyServerSideEncryptionByDefault', 'sseAlgorithm')))
    .filter((algorithm): algorithm is string => algorithm !== undefined);

/** MSK monitoring levels of at least PER_TOPIC_PER_BROKER. */
const ENHANCED_MONITORING = ['PER_TOPIC_PER_BROKER', 'PER_TOPIC_PER_PARTITION'];

/** Security Hub controls on recorded settings of Lambda, EKS, MSK, Network Firewall, EFS and S3 resources. */
export const workloadSettingControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'Lambda.7',
      title: 'Lambda functions should have AWS X-Ray active tracing enabled',
      description: 'Checks whether active tracing with AWS X-Ray is enabled for a Lambda function (tracingConfig.mode Active).',
      severity: 'LOW',
      resourceTypes: ['AWS::Lambda::Function'],
      standards: [], // NIST SP 800-53 Rev. 5 only: membership is data (standards/nist-800-53-r5.ts)
      remediationUrl: controlPage('Lambda.7'),
    },
    (item, configuration) => {
      const mode = asString(field(configuration, ['tracingConfig', 'TracingConfig'], ['mode', 'Mode'])) ?? 'PassThrough';
      return mode === 'Active'
        ? passed(`Function ${item.resourceId} has X-Ray active tracing enabled.`)
        : failed(`Function ${item.resourceId} does not have X-Ray active tracing enabled (tracingConfig.mode ${mode}).`);
    },
  ),
  defineControl(
    {
      id: 'EKS.3',
      title: 'EKS clusters should use encrypted Kubernetes secrets',
      description: 'Checks whether an Amazon EKS cluster encrypts Kubernetes secrets with an AWS KMS key (an EncryptionConfig entry whose Resources include secrets).',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::EKS::Cluster'],
      standards: [FSBP],
      remediationUrl: controlPage('EKS.3'),
    },
    (item, configuration) => {
      const entries = asArray(field(configuration, ['EncryptionConfig', 'encryptionConfig']));
      const secrets = entries.find((entry) => asArray(field(entry, ['Resources', 'resources'])).includes('secrets'));
      if (!secrets) return failed(`Cluster ${item.resourceId} does not encrypt Kubernetes secrets (no EncryptionConfig for secrets).`);
      const key = asString(field(secrets, ['Provider', 'provider'], ['KeyArn', 'keyArn']));
      return passed(`Cluster ${item.resourceId} encrypts Kubernetes secrets${key ? ` with ${key}` : ''}.`);
    },
  ),
  defineControl(
    {
      id: 'MSK.2',
      title: 'MSK clusters should have enhanced monitoring configured',
      description: 'Checks whether an Amazon MSK cluster has enhanced monitoring of at least PER_TOPIC_PER_BROKER. Fails for DEFAULT or PER_BROKER.',
      severity: 'LOW',
      resourceTypes: ['AWS::MSK::Cluster'],
      standards: [], // NIST SP 800-53 Rev. 5 only: membership is data
      remediationUrl: controlPage('MSK.2'),
    },
    (item, configuration) => {
      const level = asString(field(configuration, ['EnhancedMonitoring', 'enhancedMonitoring'])) ?? 'DEFAULT';
      return ENHANCED_MONITORING.includes(level)
        ? passed(`Cluster ${item.resourceId} has enhanced monitoring ${level}.`)
        : failed(`Cluster ${item.resourceId} has monitoring level ${level}, below PER_TOPIC_PER_BROKER.`);
    },
  ),
  defineControl(
    {
      id: 'NetworkFirewall.1',
      title: 'Network Firewall firewalls should be deployed across multiple Availability Zones',
      description:
        "Checks whether an AWS Network Firewall firewall has subnets in more than one Availability Zone (the zones DescribeFirewall's sync states name, else those of its subnets' AWS::EC2::Subnet items).",
      severity: 'MEDIUM',
      resourceTypes: ['AWS::NetworkFirewall::Firewall'],
      standards: [], // NIST SP 800-53 Rev. 5 only: membership is data
      reads: [{ resourceType: SUBNET, affects: (subnet, firewall) => firewallSubnets(firewall).includes(subnet.resourceId) }],
      remediationUrl: controlPage('NetworkFirewall.1'),
    },
    (item, _configuration, context) => {
      const reported = syncZones(item.configuration as Record<string, unknown>);
      if (reported.length > 0) {
        return reported.length > 1
          ? passed(`Firewall ${item.resourceId} is deployed in ${reported.length} Availability Zones (${reported.join(', ')}).`)
          : failed(`Firewall ${item.resourceId} is deployed in one Availability Zone (${reported[0]}).`);
      }
      const subnets = firewallSubnets(item);
      if (subnets.length === 0) return failed(`Firewall ${item.resourceId} has no subnet mappings.`);
      const zoneOf = new Map(liveRelated(context, SUBNET).map((subnet) => [subnet.resourceId, asString(field(subnet.configuration, 'availabilityZone'))]));
      const zones = [...new Set(subnets.map((id) => zoneOf.get(id)).filter((zone): zone is string => !!zone))];
      if (zones.length > 1) return passed(`Firewall ${item.resourceId} is deployed in ${zones.length} Availability Zones (${zones.join(', ')}).`);
      const unknown = subnets.filter((id) => !zoneOf.get(id));
      if (unknown.length) return notApplicable(`Firewall ${item.resourceId}: the Availability Zones of subnet(s) ${unknown.join(', ')} are not recorded.`);
      return failed(`Firewall ${item.resourceId} is deployed in one Availability Zone (${zones.join(', ')}).`);
    },
  ),
  defineControl(
    {
      id: 'EFS.8',
      title: 'EFS file systems should be encrypted at rest',
      description: 'Checks whether an Amazon EFS file system encrypts its data with AWS KMS (Encrypted).',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::EFS::FileSystem'],
      standards: [FSBP],
      remediationUrl: controlPage('EFS.8'),
    },
    (item, configuration) =>
      asBoolean(field(configuration, ['Encrypted', 'encrypted'])) === true
        ? passed(`File system ${item.resourceId} is encrypted at rest.`)
        : failed(`File system ${item.resourceId} is not encrypted at rest.`),
  ),
  defineControl(
    {
      id: 'EFS.7',
      title: 'EFS file systems should have automatic backups enabled',
      description: 'Checks whether an Amazon EFS file system has automatic backups enabled (BackupPolicy.Status ENABLED).',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::EFS::FileSystem'],
      standards: [FSBP],
      remediationUrl: controlPage('EFS.7'),
    },
    (item, configuration) => {
      const status = asString(field(configuration, ['BackupPolicy', 'backupPolicy'], ['Status', 'status'])) ?? 'DISABLED';
      return status === 'ENABLED'
        ? passed(`File system ${item.resourceId} has automatic backups enabled.`)
        : failed(`File system ${item.resourceId} does not have automatic backups enabled (BackupPolicy.Status ${status}).`);
    },
  ),
  defineControl(
    {
      id: 'S3.14',
      title: 'S3 general purpose buckets should have versioning enabled',
      description: 'Checks whether an S3 general purpose bucket has versioning enabled. Fails when versioning is suspended or was never enabled.',
      severity: 'LOW',
      resourceTypes: BUCKET,
      standards: [], // NIST SP 800-53 Rev. 5 only: membership is data
      remediationUrl: controlPage('S3.14'),
    },
    (item) => {
      const status = asString(field(versioningOf(item), 'status')) ?? 'Off';
      return status === 'Enabled'
        ? passed(`Bucket ${item.resourceId} has versioning enabled.`)
        : failed(`Bucket ${item.resourceId} does not have versioning enabled (status ${status}).`);
    },
  ),
  defineControl(
    {
      id: 'S3.17',
      title: 'S3 general purpose buckets should be encrypted at rest with AWS KMS keys',
      description: 'Checks whether an S3 general purpose bucket is encrypted by default with an AWS KMS key (SSE-KMS or DSSE-KMS). Fails with SSE-S3.',
      severity: 'MEDIUM',
      resourceTypes: BUCKET,
      standards: [], // NIST SP 800-53 Rev. 5 and PCI DSS v4.0.1: membership is data
      remediationUrl: controlPage('S3.17'),
    },
    (item) => {
      const algorithms = sseAlgorithms(item);
      return algorithms.some((algorithm) => algorithm === 'aws:kms' || algorithm === 'aws:kms:dsse')
        ? passed(`Bucket ${item.resourceId} is encrypted by default with an AWS KMS key (${algorithms.join(', ')}).`)
        : failed(`Bucket ${item.resourceId} is not encrypted by default with an AWS KMS key (${algorithms.join(', ') || 'SSE-S3, the default'}).`);
    },
  ),
  defineControl(
    {
      id: 'S3.20',
      title: 'S3 general purpose buckets should have MFA delete enabled',
      description: 'Checks whether MFA delete is enabled on an S3 general purpose bucket with versioning (BucketVersioningConfiguration.isMfaDeleteEnabled).',
      severity: 'LOW',
      resourceTypes: BUCKET,
      standards: [cis3('2.1.2')], // and CIS v5.0.0 2.1.2, NIST SP 800-53 Rev. 5: membership is data
      remediationUrl: controlPage('S3.20'),
    },
    (item) =>
      asBoolean(field(versioningOf(item), 'isMfaDeleteEnabled')) === true
        ? passed(`Bucket ${item.resourceId} has MFA delete enabled.`)
        : failed(`Bucket ${item.resourceId} does not have MFA delete enabled.`),
  ),
];
