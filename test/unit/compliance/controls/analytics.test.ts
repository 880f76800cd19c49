import { analyticsControls } from '../../../../lambdas/compliance/controls/analytics';
import { describeVariants, drop, set } from '../../../support/control-variants';

describeVariants(
  'Kinesis, Athena and Glue controls',
  analyticsControls,
  'analytics',
  { 'AWS::Kinesis::Stream': 'stream', 'AWS::Athena::WorkGroup': 'workgroup', 'AWS::Glue::MLTransform': 'ml-transform', 'AWS::Glue::Job': 'job' },
  [
    { control: 'Kinesis.1', name: 'KMS encryption', expect: 'PASSED', reason: /EncryptionType KMS/ },
    { control: 'Kinesis.1', name: 'no encryption', patch: drop('StreamEncryption'), expect: 'FAILED', reason: /EncryptionType NONE/ },
    { control: 'Kinesis.3', name: '7-day retention', expect: 'PASSED', reason: /168 hours \(at least 168\)/ },
    {
      control: 'Kinesis.3',
      name: 'default 24-hour retention',
      patch: drop('RetentionPeriodHours'),
      expect: 'FAILED',
      reason: /24 hours, less than minimumBackupRetentionPeriod 168/,
    },
    {
      control: 'Kinesis.3',
      name: 'minimumBackupRetentionPeriod 720',
      parameters: { minimumBackupRetentionPeriod: 720 },
      expect: 'FAILED',
      reason: /less than minimumBackupRetentionPeriod 720/,
    },
    { control: 'Athena.4', name: 'metrics published', expect: 'PASSED', reason: /publishes metrics/ },
    {
      control: 'Athena.4',
      name: 'metrics not published',
      patch: set('WorkGroupConfiguration.PublishCloudWatchMetricsEnabled', false),
      expect: 'FAILED',
      reason: /PublishCloudWatchMetricsEnabled is not true/,
    },
    { control: 'Glue.3', name: 'SSE-KMS', expect: 'PASSED', reason: /SSE-KMS/ },
    {
      control: 'Glue.3',
      name: 'disabled',
      patch: set('TransformEncryption.MLUserDataEncryption.MLUserDataEncryptionMode', 'DISABLED'),
      expect: 'FAILED',
      reason: /MLUserDataEncryptionMode DISABLED/,
    },
    { control: 'Glue.4', name: 'Glue 4.0', expect: 'PASSED', reason: /AWS Glue 4.0 \(at least 3.0\)/ },
    { control: 'Glue.4', name: 'Glue 2.0', patch: set('GlueVersion', '2.0'), expect: 'FAILED', reason: /2.0, older than minimumSupportedGlueVersion 3.0/ },
    {
      control: 'Glue.4',
      name: 'minimumSupportedGlueVersion 5.0',
      parameters: { minimumSupportedGlueVersion: '5.0' },
      expect: 'FAILED',
      reason: /older than minimumSupportedGlueVersion 5.0/,
    },
    { control: 'Glue.4', name: 'a Python shell job', patch: set('Command.Name', 'pythonshell'), expect: 'NOT_APPLICABLE', reason: /not a Spark job \(Command.Name pythonshell\)/ },
  ],
);
