import type { ControlDefinition, ConfigurationItem, Evaluation } from './types';
import { ACCOUNT_TYPE } from './support/identity-account';
import { controlPage, daysSince, failed, field, live, notApplicable, passed, text, unjudgeable, flag } from './support/identity-common';
import { cis, FSBP, pci } from './support/identity-standards';
import { multiRegionGap } from './support/identity-trails';

const TRAIL = ['AWS::CloudTrail::Trail'];
const page = (id: string) => controlPage('cloudtrail', id);

/** Runs a check on a trail's configuration, NOT_APPLICABLE for anything else. */
function onTrail(item: ConfigurationItem, check: (configuration: Record<string, unknown>) => Evaluation): Evaluation {
  const skip = unjudgeable(item, TRAIL);
  return skip ? notApplicable(skip) : check(item.configuration as Record<string, unknown>);
}

const trailName = (item: ConfigurationItem) => text(item.configuration, 'name') ?? item.resourceName ?? item.resourceId;

/** CloudTrail controls: the account's multi-Region trail, and each trail's encryption, validation, delivery and bucket logging. */
export const cloudtrailControls: ControlDefinition[] = [
  {
    id: 'CloudTrail.1',
    title: 'CloudTrail should be enabled and configured with at least one multi-Region trail that includes read and write management events',
    description: 'Checks whether the account has at least one logging multi-Region trail that captures read and write management events.',
    severity: 'HIGH',
    resourceTypes: [ACCOUNT_TYPE],
    standards: [FSBP, cis('3.1')],
    parameters: {
      readWriteType: { type: 'string', default: 'ALL', description: 'Management events the trail must capture (not customizable).' },
      includeManagementEvents: { type: 'boolean', default: true, description: 'The trail must include management events (not customizable).' },
    },
    remediationUrl: page('CloudTrail.1'),
    evaluate: (item, context) => {
      const skip = unjudgeable(item, [ACCOUNT_TYPE]);
      if (skip) return notApplicable(skip);
      const trails = live(context.related('AWS::CloudTrail::Trail'));
      if (trails.length === 0) return failed('The account has no CloudTrail trail.');
      const gaps = trails.map((trail) => ({ name: trailName(trail), gap: multiRegionGap(trail) }));
      const good = gaps.find(({ gap }) => gap === undefined);
      return good
        ? passed(`Trail ${good.name} is multi-Region and logs read and write management events.`)
        : failed(`No trail is a logging multi-Region trail with read and write management events: ${gaps.map(({ name, gap }) => `${name} ${gap}`).join('; ')}.`);
    },
  },
  {
    id: 'CloudTrail.2',
    title: 'CloudTrail should have encryption at-rest enabled',
    description: 'Checks whether the trail encrypts its log files with an AWS KMS key (server-side encryption with KMS).',
    severity: 'MEDIUM',
    resourceTypes: TRAIL,
    standards: [FSBP, cis('3.5'), pci('3.4')],
    remediationUrl: page('CloudTrail.2'),
    evaluate: (item) => onTrail(item, (configuration) => {
      const key = text(configuration, 'kmsKeyId', 'KmsKeyId');
      return key ? passed(`The trail encrypts log files with KMS key ${key}.`) : failed('The trail does not encrypt log files with a KMS key (no kmsKeyId).');
    }),
  },
  {
    id: 'CloudTrail.4',
    title: 'CloudTrail log file validation should be enabled',
    description: 'Checks whether log file integrity validation is enabled on the trail.',
    severity: 'LOW',
    resourceTypes: TRAIL,
    standards: [FSBP, cis('3.2'), pci('10.5.2', '10.5.5')],
    remediationUrl: page('CloudTrail.4'),
    evaluate: (item) => onTrail(item, (configuration) =>
      flag(configuration, 'logFileValidationEnabled', 'LogFileValidationEnabled') === true
        ? passed('Log file validation is enabled on the trail.')
        : failed('Log file validation is not enabled on the trail.')),
  },
  {
    id: 'CloudTrail.5',
    title: 'CloudTrail trails should be integrated with Amazon CloudWatch Logs',
    description: 'Checks whether the trail sends logs to CloudWatch Logs, and (when its status is recorded) delivered them within the last day.',
    severity: 'LOW',
    resourceTypes: TRAIL,
    standards: [FSBP, pci('10.5.3')],
    remediationUrl: page('CloudTrail.5'),
    evaluate: (item, { now }) => onTrail(item, (configuration) => {
      const group = text(configuration, 'cloudWatchLogsLogGroupArn', 'CloudWatchLogsLogGroupArn');
      if (!group) return failed('The trail is not integrated with CloudWatch Logs (no log group).');
      const delivered = field(field(item.supplementaryConfiguration, 'TrailStatus'), 'LatestCloudWatchLogsDeliveryTime');
      const age = daysSince(delivered, now);
      if (age !== undefined && age >= 1) return failed(`The trail last delivered to CloudWatch Logs ${age} days ago (more than 24 hours).`);
      return passed(`The trail sends logs to CloudWatch Logs group ${group}.`);
    }),
  },
  {
    id: 'CloudTrail.7',
    title: 'Ensure S3 bucket access logging is enabled on the CloudTrail S3 bucket',
    description: 'Checks whether server access logging is enabled on the S3 bucket that receives the trail\'s log files (looked up among the account\'s recorded buckets).',
    severity: 'LOW',
    resourceTypes: TRAIL,
    standards: [cis('3.4')],
    remediationUrl: page('CloudTrail.7'),
    evaluate: (item, context) => onTrail(item, (configuration) => {
      const bucketName = text(configuration, 's3BucketName', 'S3BucketName');
      if (!bucketName) return notApplicable('The trail names no S3 bucket.');
      const bucket = live(context.related('AWS::S3::Bucket')).find((candidate) =>
        (candidate.resourceName ?? candidate.resourceId) === bucketName || text(candidate.configuration, 'name') === bucketName);
      if (!bucket) return notApplicable(`Bucket ${bucketName} is not recorded in this account and Region (it may belong to another account).`);
      const logging = field(bucket.supplementaryConfiguration, 'BucketLoggingConfiguration');
      const target = text(logging, 'destinationBucketName', 'DestinationBucketName', 'TargetBucket');
      return target
        ? passed(`Server access logging of bucket ${bucketName} is enabled (to ${target}).`)
        : failed(`Server access logging is not enabled on the trail's bucket ${bucketName}.`);
    }),
  },
];
