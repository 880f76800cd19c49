import type { ControlDefinition, ConfigurationItem } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asBoolean, asString, daysSince, field } from './support/readers';
import { cis3, controlPage, FSBP, pci321 } from './support/mappings';
import { defineControl, liveRelated } from './support/guard';
import { ACCOUNT_TYPE } from './support/account-item';
import { multiRegionGap } from './support/trails';
import { bucketPublicAccess } from './s3';

const TRAIL = ['AWS::CloudTrail::Trail'];

const trailName = (item: ConfigurationItem) => asString(field(item.configuration, 'name')) ?? item.resourceName ?? item.resourceId;
/** The S3 bucket a trail delivers its log files to. */
const trailBucketName = (trail: ConfigurationItem) => asString(field(trail.configuration, ['s3BucketName', 'S3BucketName']));
/** Whether a bucket item is the bucket of this name. */
const isNamed = (bucket: ConfigurationItem, name: string) => (bucket.resourceName ?? bucket.resourceId) === name || asString(field(bucket.configuration, 'name')) === name;

/** CloudTrail controls: the account's multi-Region trail and any enabled trail, and each trail's encryption, validation, delivery, bucket access and bucket logging. */
export const cloudtrailControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'CloudTrail.1',
      title: 'CloudTrail should be enabled and configured with at least one multi-Region trail that includes read and write management events',
      description: 'Checks whether the account has at least one logging multi-Region trail that captures read and write management events.',
      severity: 'HIGH',
      resourceTypes: [ACCOUNT_TYPE],
      standards: [FSBP, cis3('3.1')],
      reads: [{ resourceType: 'AWS::CloudTrail::Trail' }],
      parameters: {
        readWriteType: { type: 'string', default: 'ALL', description: 'Management events the trail must capture (not customizable).' },
        includeManagementEvents: { type: 'boolean', default: true, description: 'The trail must include management events (not customizable).' },
      },
      remediationUrl: controlPage('CloudTrail.1'),
    },
    (_item, _configuration, context) => {
      const trails = liveRelated(context, 'AWS::CloudTrail::Trail');
      if (trails.length === 0) return failed('The account has no CloudTrail trail.');
      const gaps = trails.map((trail) => ({ name: trailName(trail), gap: multiRegionGap(trail) }));
      const good = gaps.find(({ gap }) => gap === undefined);
      return good
        ? passed(`Trail ${good.name} is multi-Region and logs read and write management events.`)
        : failed(`No trail is a logging multi-Region trail with read and write management events: ${gaps.map(({ name, gap }) => `${name} ${gap}`).join('; ')}.`);
    },
  ),
  defineControl(
    {
      id: 'CloudTrail.3',
      title: 'At least one CloudTrail trail should be enabled',
      description: 'Checks whether the account has at least one CloudTrail trail that is logging (TrailStatus.IsLogging not false).',
      severity: 'HIGH',
      resourceTypes: [ACCOUNT_TYPE],
      // And PCI DSS v4.0.1: membership is data (standards/pci-4.0.1.ts).
      standards: [pci321('10.1', '10.2.1', '10.2.2', '10.2.3', '10.2.4', '10.2.5', '10.2.6', '10.2.7', '10.3.1', '10.3.2', '10.3.3', '10.3.4', '10.3.5', '10.3.6')],
      reads: [{ resourceType: 'AWS::CloudTrail::Trail' }],
      remediationUrl: controlPage('CloudTrail.3'),
    },
    (_item, _configuration, context) => {
      const trails = liveRelated(context, 'AWS::CloudTrail::Trail');
      if (trails.length === 0) return failed('The account has no CloudTrail trail.');
      const logging = trails.find((trail) => asBoolean(field(trail.supplementaryConfiguration, 'TrailStatus', ['IsLogging', 'isLogging'])) !== false);
      return logging ? passed(`Trail ${trailName(logging)} is enabled.`) : failed(`No trail is logging: ${trails.map(trailName).join(', ')} (TrailStatus.IsLogging false).`);
    },
  ),
  defineControl(
    {
      id: 'CloudTrail.2',
      title: 'CloudTrail should have encryption at-rest enabled',
      description: 'Checks whether the trail encrypts its log files with an AWS KMS key (server-side encryption with KMS).',
      severity: 'MEDIUM',
      resourceTypes: TRAIL,
      standards: [FSBP, cis3('3.5'), pci321('3.4')],
      remediationUrl: controlPage('CloudTrail.2'),
    },
    (_item, configuration) => {
      const key = asString(field(configuration, ['kmsKeyId', 'KmsKeyId']));
      return key ? passed(`The trail encrypts log files with KMS key ${key}.`) : failed('The trail does not encrypt log files with a KMS key (no kmsKeyId).');
    },
  ),
  defineControl(
    {
      id: 'CloudTrail.4',
      title: 'CloudTrail log file validation should be enabled',
      description: 'Checks whether log file integrity validation is enabled on the trail.',
      severity: 'LOW',
      resourceTypes: TRAIL,
      standards: [FSBP, cis3('3.2'), pci321('10.5.2', '10.5.5')],
      remediationUrl: controlPage('CloudTrail.4'),
    },
    (_item, configuration) =>
      asBoolean(field(configuration, ['logFileValidationEnabled', 'LogFileValidationEnabled'])) === true
        ? passed('Log file validation is enabled on the trail.')
        : failed('Log file validation is not enabled on the trail.'),
  ),
  defineControl(
    {
      id: 'CloudTrail.5',
      title: 'CloudTrail trails should be integrated with Amazon CloudWatch Logs',
      description: 'Checks whether the trail sends logs to CloudWatch Logs, and (when its status is recorded) delivered them within the last day.',
      severity: 'LOW',
      resourceTypes: TRAIL,
      standards: [FSBP, pci321('10.5.3')],
      remediationUrl: controlPage('CloudTrail.5'),
    },
    (item, configuration, { now }) => {
      const group = asString(field(configuration, ['cloudWatchLogsLogGroupArn', 'CloudWatchLogsLogGroupArn']));
      if (!group) return failed('The trail is not integrated with CloudWatch Logs (no log group).');
      const delivered = field(item.supplementaryConfiguration, 'TrailStatus', 'LatestCloudWatchLogsDeliveryTime');
      const age = daysSince(delivered, now);
      if (age !== undefined && age >= 1) return failed(`The trail last delivered to CloudWatch Logs ${age} days ago (more than 24 hours).`);
      return passed(`The trail sends logs to CloudWatch Logs group ${group}.`);
    },
  ),
  defineControl(
    {
      id: 'CloudTrail.7',
      title: 'Ensure S3 bucket access logging is enabled on the CloudTrail S3 bucket',
      description: "Checks whether server access logging is enabled on the S3 bucket that receives the trail's log files (looked up among the account's recorded buckets).",
      severity: 'LOW',
      resourceTypes: TRAIL,
      standards: [cis3('3.4')],
      reads: [{ resourceType: 'AWS::S3::Bucket', affects: (bucket, trail) => trailBucketName(trail) !== undefined && isNamed(bucket, trailBucketName(trail)!) }],
      remediationUrl: controlPage('CloudTrail.7'),
    },
    (item, _configuration, context) => {
      const bucketName = trailBucketName(item);
      if (!bucketName) return notApplicable('The trail names no S3 bucket.');
      const bucket = liveRelated(context, 'AWS::S3::Bucket').find((candidate) => isNamed(candidate, bucketName));
      if (!bucket) return notApplicable(`Bucket ${bucketName} is not recorded in this account and Region (it may belong to another account).`);
      const logging = field(bucket.supplementaryConfiguration, 'BucketLoggingConfiguration');
      const target = asString(field(logging, ['destinationBucketName', 'DestinationBucketName', 'TargetBucket']));
      return target
        ? passed(`Server access logging of bucket ${bucketName} is enabled (to ${target}).`)
        : failed(`Server access logging is not enabled on the trail's bucket ${bucketName}.`);
    },
  ),
  defineControl(
    {
      id: 'CloudTrail.6',
      title: 'Ensure the S3 bucket used to store CloudTrail logs is not publicly accessible',
      description:
        "Checks whether the S3 bucket that receives the trail's log files allows public read or write access (its policy or ACL, unless Block Public Access of the bucket or the account overrides them), as S3.2 and S3.3 judge a bucket. A bucket not recorded in the trail's account and Region is not evaluated.",
      severity: 'CRITICAL',
      resourceTypes: TRAIL,
      standards: [], // PCI DSS v4.0.1 only among the offered standards (CIS v1.2.0 2.3 and v1.4.0 3.3 are not offered): membership is data
      reads: [
        { resourceType: 'AWS::S3::Bucket', affects: (bucket, trail) => trailBucketName(trail) !== undefined && isNamed(bucket, trailBucketName(trail)!) },
        { resourceType: 'AWS::S3::AccountPublicAccessBlock' },
      ],
      remediationUrl: controlPage('CloudTrail.6'),
    },
    (item, _configuration, context) => {
      const bucketName = trailBucketName(item);
      if (!bucketName) return notApplicable('The trail names no S3 bucket.');
      const bucket = liveRelated(context, 'AWS::S3::Bucket').find((candidate) => isNamed(candidate, bucketName));
      if (!bucket) return notApplicable(`Bucket ${bucketName} is not recorded in this account and Region (it may belong to another account).`);
      const exposure = bucketPublicAccess(bucket, context);
      return exposure ? failed(`The trail's bucket ${bucketName} is publicly accessible (${exposure}).`) : passed(`The trail's bucket ${bucketName} is not publicly accessible.`);
    },
  ),
];
