import type { ControlDefinition } from './types';
import { failed, passed } from './support/verdicts';
import { asBoolean, asString, field } from './support/readers';
import { controlPage, FSBP } from './support/mappings';
import { defineControl } from './support/guard';

/** SNS and SQS controls: encryption at rest. */
export const messagingControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'SNS.1',
      title: 'SNS topics should be encrypted at-rest using AWS KMS',
      description: 'Checks whether the SNS topic is encrypted at rest with an AWS KMS key.',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::SNS::Topic'],
      standards: [FSBP],
      remediationUrl: controlPage('SNS.1'),
    },
    (_item, configuration) => {
      const key = asString(field(configuration, ['KmsMasterKeyId', 'kmsMasterKeyId']));
      return key ? passed(`The topic is encrypted with KMS key ${key}.`) : failed('The topic is not encrypted with a KMS key (no KmsMasterKeyId).');
    },
  ),
  defineControl(
    {
      id: 'SQS.1',
      title: 'Amazon SQS queues should be encrypted at rest',
      description: 'Checks whether the SQS queue is encrypted at rest, with SQS managed keys (SSE-SQS) or an AWS KMS key (SSE-KMS).',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::SQS::Queue'],
      standards: [FSBP],
      remediationUrl: controlPage('SQS.1'),
    },
    (_item, configuration) => {
      const key = asString(field(configuration, ['KmsMasterKeyId', 'kmsMasterKeyId']));
      if (key) return passed(`The queue is encrypted with KMS key ${key} (SSE-KMS).`);
      return asBoolean(field(configuration, ['SqsManagedSseEnabled', 'sqsManagedSseEnabled'])) === true
        ? passed('The queue is encrypted with SQS managed keys (SSE-SQS).')
        : failed('The queue is not encrypted at rest (neither SSE-SQS nor a KMS key).');
    },
  ),
];
