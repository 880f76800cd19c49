import type { ControlDefinition } from './types';
import { controlPage, failed, flag, notApplicable, passed, text, unjudgeable } from './support/identity-common';
import { FSBP } from './support/identity-standards';

/** SNS and SQS controls: encryption at rest. */
export const messagingControls: ControlDefinition[] = [
  {
    id: 'SNS.1',
    title: 'SNS topics should be encrypted at-rest using AWS KMS',
    description: 'Checks whether the SNS topic is encrypted at rest with an AWS KMS key.',
    severity: 'MEDIUM',
    resourceTypes: ['AWS::SNS::Topic'],
    standards: [FSBP],
    remediationUrl: controlPage('sns', 'SNS.1'),
    evaluate: (item) => {
      const skip = unjudgeable(item, ['AWS::SNS::Topic']);
      if (skip) return notApplicable(skip);
      const key = text(item.configuration, 'KmsMasterKeyId', 'kmsMasterKeyId');
      return key ? passed(`The topic is encrypted with KMS key ${key}.`) : failed('The topic is not encrypted with a KMS key (no KmsMasterKeyId).');
    },
  },
  {
    id: 'SQS.1',
    title: 'Amazon SQS queues should be encrypted at rest',
    description: 'Checks whether the SQS queue is encrypted at rest, with SQS managed keys (SSE-SQS) or an AWS KMS key (SSE-KMS).',
    severity: 'MEDIUM',
    resourceTypes: ['AWS::SQS::Queue'],
    standards: [FSBP],
    remediationUrl: controlPage('sqs', 'SQS.1'),
    evaluate: (item) => {
      const skip = unjudgeable(item, ['AWS::SQS::Queue']);
      if (skip) return notApplicable(skip);
      const key = text(item.configuration, 'KmsMasterKeyId', 'kmsMasterKeyId');
      if (key) return passed(`The queue is encrypted with KMS key ${key} (SSE-KMS).`);
      return flag(item.configuration, 'SqsManagedSseEnabled', 'sqsManagedSseEnabled') === true
        ? passed('The queue is encrypted with SQS managed keys (SSE-SQS).')
        : failed('The queue is not encrypted at rest (neither SSE-SQS nor a KMS key).');
    },
  },
];
