import type { ControlDefinition } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asBoolean, asNumber, asString, field } from './support/readers';
import { numberParameter } from './support/parameters';
import { controlPage, FSBP } from './support/mappings';
import { defineControl } from './support/guard';

/** Glue versions as comparable numbers (`"4.0"` → 4). */
const glueVersion = (value: string) => Number.parseFloat(value);
/** Glue job commands that run Spark (the ETL and streaming ETL job types). */
const SPARK_COMMANDS = ['glueetl', 'gluestreaming'];

/** Security Hub controls for Amazon Kinesis Data Streams, Amazon Athena and AWS Glue. */
export const analyticsControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'Kinesis.1',
      title: 'Kinesis streams should be encrypted at rest',
      description: 'Checks whether the Kinesis data stream is encrypted at rest with server-side encryption (KMS).',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::Kinesis::Stream'],
      standards: [FSBP],
      remediationUrl: controlPage('Kinesis.1'),
    },
    (_item, configuration) => {
      const type =
        asString(field(configuration, ['StreamEncryption', 'streamEncryption'], ['EncryptionType', 'encryptionType'])) ??
        asString(field(configuration, ['encryptionType', 'EncryptionType']));
      return type === 'KMS' ? passed('The stream is encrypted at rest (EncryptionType KMS).') : failed(`The stream is not encrypted at rest (EncryptionType ${type ?? 'NONE'}).`);
    },
  ),
  defineControl(
    {
      id: 'Kinesis.3',
      title: 'Kinesis streams should have an adequate data retention period',
      description: 'Checks whether the Kinesis data stream keeps data for at least minimumBackupRetentionPeriod hours.',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::Kinesis::Stream'],
      standards: [FSBP],
      parameters: { minimumBackupRetentionPeriod: { type: 'int', default: 168, description: 'Minimum data retention period, in hours.' } },
      remediationUrl: controlPage('Kinesis.3'),
    },
    (_item, configuration, context) => {
      const minimum = numberParameter(context.parameters, 'minimumBackupRetentionPeriod', 168);
      const hours = asNumber(field(configuration, ['RetentionPeriodHours', 'retentionPeriodHours'])) ?? 24;
      return hours >= minimum
        ? passed(`The stream keeps data ${hours} hours (at least ${minimum}).`)
        : failed(`The stream keeps data ${hours} hours, less than minimumBackupRetentionPeriod ${minimum}.`);
    },
  ),
  defineControl(
    {
      id: 'Athena.4',
      title: 'Athena workgroups should have logging enabled',
      description: 'Checks whether the Athena workgroup publishes usage metrics to Amazon CloudWatch (PublishCloudWatchMetricsEnabled).',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::Athena::WorkGroup'],
      standards: [FSBP],
      remediationUrl: controlPage('Athena.4'),
    },
    (_item, configuration) =>
      asBoolean(field(configuration, ['WorkGroupConfiguration', 'workGroupConfiguration'], ['PublishCloudWatchMetricsEnabled', 'publishCloudWatchMetricsEnabled'])) === true
        ? passed('The workgroup publishes metrics to CloudWatch.')
        : failed('The workgroup does not publish metrics to CloudWatch (PublishCloudWatchMetricsEnabled is not true).'),
  ),
  defineControl(
    {
      id: 'Glue.3',
      title: 'AWS Glue machine learning transforms should be encrypted at rest',
      description: 'Checks whether the AWS Glue machine learning transform encrypts user data at rest (MLUserDataEncryptionMode SSE-KMS).',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::Glue::MLTransform'],
      standards: [FSBP],
      remediationUrl: controlPage('Glue.3'),
    },
    (_item, configuration) => {
      const mode = asString(
        field(
          configuration,
          ['TransformEncryption', 'transformEncryption'],
          ['MLUserDataEncryption', 'mlUserDataEncryption'],
          ['MLUserDataEncryptionMode', 'mlUserDataEncryptionMode'],
        ),
      );
      return mode === 'SSE-KMS'
        ? passed('The transform encrypts user data at rest (SSE-KMS).')
        : failed(`The transform does not encrypt user data at rest (MLUserDataEncryptionMode ${mode ?? 'not set'}).`);
    },
  ),
  defineControl(
    {
      id: 'Glue.4',
      title: 'AWS Glue Spark jobs should run on supported versions of AWS Glue',
      description: 'Checks whether the AWS Glue Spark job runs on a Glue version at least minimumSupportedGlueVersion.',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::Glue::Job'],
      standards: [FSBP],
      parameters: { minimumSupportedGlueVersion: { type: 'string', default: '3.0', description: 'Oldest supported AWS Glue version for Spark jobs.' } },
      remediationUrl: controlPage('Glue.4'),
    },
    (_item, configuration, context) => {
      const command = asString(field(configuration, ['Command', 'command'], ['Name', 'name']));
      if (!command || !SPARK_COMMANDS.includes(command)) return notApplicable(`The job is not a Spark job (Command.Name ${command ?? 'not set'}).`);
      const minimum = String(context.parameters.minimumSupportedGlueVersion ?? '3.0');
      const version = asString(field(configuration, ['GlueVersion', 'glueVersion'])) ?? '0.9';
      return glueVersion(version) >= glueVersion(minimum)
        ? passed(`The Spark job runs on AWS Glue ${version} (at least ${minimum}).`)
        : failed(`The Spark job runs on AWS Glue ${version}, older than minimumSupportedGlueVersion ${minimum}.`);
    },
  ),
];
