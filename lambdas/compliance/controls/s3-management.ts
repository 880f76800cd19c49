import type { ConfigurationItem, ControlDefinition } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asArray, asRecord, asString, field, supplementary } from './support/readers';
import { controlPage, FSBP, pci321 } from './support/mappings';
import { defineControl } from './support/guard';

const BUCKET = ['AWS::S3::Bucket'];

/** The bucket's versioning status (`BucketVersioningConfiguration.status`: Enabled, Suspended or Off). */
const versioning = (item: ConfigurationItem) => asString(field(supplementary(item, 'BucketVersioningConfiguration'), 'status')) ?? 'Off';

/** The bucket's enabled lifecycle rules (`BucketLifecycleConfiguration.rules[].status` Enabled). */
const enabledLifecycleRules = (item: ConfigurationItem) =>
  asArray(field(supplementary(item, 'BucketLifecycleConfiguration'), 'rules')).filter((rule) => asString(field(rule, 'status')) === 'Enabled');

/** Security Hub controls for S3 bucket data management: replication, lifecycle, notifications, ACLs. */
export const s3ManagementControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'S3.7',
      title: 'S3 general purpose buckets should use cross-Region replication',
      description: 'Checks whether an S3 bucket has replication enabled (an Enabled rule in its replication configuration).',
      severity: 'LOW',
      resourceTypes: BUCKET,
      standards: [pci321('2.2')],
      remediationUrl: controlPage('S3.7'),
    },
    (item) => {
      const rules = asArray(field(supplementary(item, 'BucketReplicationConfiguration'), 'rules'));
      const enabled = rules.filter((rule) => asString(field(rule, 'status')) === 'Enabled');
      if (enabled.length) return passed(`Bucket ${item.resourceId} replicates objects (${enabled.length} enabled replication rule(s)).`);
      return failed(
        rules.length
          ? `Bucket ${item.resourceId} has replication rules, none Enabled.`
          : `Bucket ${item.resourceId} has no replication configuration (BucketReplicationConfiguration.rules empty).`,
      );
    },
  ),
  defineControl(
    {
      id: 'S3.10',
      title: 'S3 general purpose buckets with versioning enabled should have Lifecycle configurations',
      description: 'Checks whether an S3 bucket with versioning enabled has an enabled lifecycle rule. Buckets without versioning are not evaluated.',
      severity: 'MEDIUM',
      resourceTypes: BUCKET,
      standards: [], // NIST SP 800-53 Rev. 5 only: its membership is data (standards/nist-800-53-r5.ts)
      remediationUrl: controlPage('S3.10'),
    },
    (item) => {
      const status = versioning(item);
      if (status !== 'Enabled') return notApplicable(`Bucket ${item.resourceId} does not have versioning enabled (status ${status}).`);
      return enabledLifecycleRules(item).length
        ? passed(`Versioned bucket ${item.resourceId} has an enabled lifecycle rule.`)
        : failed(`Versioned bucket ${item.resourceId} has no enabled lifecycle rule.`);
    },
  ),
  defineControl(
    {
      id: 'S3.11',
      title: 'S3 general purpose buckets should have event notifications enabled',
      description: 'Checks whether an S3 bucket has event notifications configured (BucketNotificationConfiguration.configurations not empty).',
      severity: 'MEDIUM',
      resourceTypes: BUCKET,
      standards: [], // NIST SP 800-53 Rev. 5 only: its membership is data (standards/nist-800-53-r5.ts)
      remediationUrl: controlPage('S3.11'),
    },
    (item) => {
      const configurations = asRecord(field(supplementary(item, 'BucketNotificationConfiguration'), 'configurations')) ?? {};
      const count = Object.keys(configurations).length;
      return count
        ? passed(`Bucket ${item.resourceId} has ${count} event notification configuration(s).`)
        : failed(`Bucket ${item.resourceId} has no event notifications (BucketNotificationConfiguration.configurations empty).`);
    },
  ),
  defineControl(
    {
      id: 'S3.12',
      title: 'ACLs should not be used to manage user access to S3 general purpose buckets',
      description:
        'Checks whether an S3 bucket grants permissions through its ACL: it passes with ACLs disabled (Object Ownership BucketOwnerEnforced) or an ACL that grants only the bucket owner.',
      severity: 'MEDIUM',
      resourceTypes: BUCKET,
      standards: [FSBP],
      remediationUrl: controlPage('S3.12'),
    },
    (item) => {
      const ownership = asArray(field(supplementary(item, 'BucketOwnershipControls'), 'rules')).map((rule) => asString(field(rule, 'objectOwnership')));
      if (ownership.includes('BucketOwnerEnforced')) return passed(`Bucket ${item.resourceId} has ACLs disabled (Object Ownership BucketOwnerEnforced).`);
      const acl = asRecord(supplementary(item, 'AccessControlList'));
      if (!acl) return failed(`Bucket ${item.resourceId} records neither Object Ownership BucketOwnerEnforced nor an ACL.`);
      const owner = asString(field(acl, 'owner', 'id')) ?? asString(field(item.configuration, 'owner', 'id'));
      const others = asArray(acl.grantList ?? acl.grantSet)
        .map((grant) => ({ grantee: field(grant, 'grantee'), permission: asString(field(grant, 'permission')) ?? '?' }))
        .filter(({ grantee }) => (typeof grantee === 'string' ? grantee : asString(field(grantee, 'id'))) !== owner)
        .map(
          ({ grantee, permission }) =>
            `${typeof grantee === 'string' ? grantee : (asString(field(grantee, 'uri')) ?? asString(field(grantee, 'id')) ?? 'unknown grantee')} (${permission})`,
        );
      return others.length
        ? failed(`Bucket ${item.resourceId} grants access through its ACL to: ${others.join(', ')}.`)
        : passed(`Bucket ${item.resourceId}'s ACL grants only the bucket owner.`);
    },
  ),
  defineControl(
    {
      id: 'S3.13',
      title: 'S3 general purpose buckets should have Lifecycle configurations',
      description: 'Checks whether an S3 bucket has an enabled lifecycle rule.',
      severity: 'LOW',
      resourceTypes: BUCKET,
      standards: [FSBP],
      remediationUrl: controlPage('S3.13'),
    },
    (item) =>
      enabledLifecycleRules(item).length
        ? passed(`Bucket ${item.resourceId} has an enabled lifecycle rule.`)
        : failed(`Bucket ${item.resourceId} has no enabled lifecycle rule (BucketLifecycleConfiguration).`),
  ),
];
