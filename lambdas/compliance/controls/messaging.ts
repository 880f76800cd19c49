import type { ConfigurationItem, ControlDefinition } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asBoolean, asString, field } from './support/readers';
import { controlPage, FSBP } from './support/mappings';
import { defineControl } from './support/guard';
import { decodePolicy, grantsEveryone } from './support/iam-policies';

/** The Sids (or positions) of a resource policy's statements that grant everyone access; `undefined` with the reason when the policy cannot be read. */
function publicStatements(raw: unknown): { open: string[] } | { unreadable: string } {
  if (raw === undefined || raw === null || raw === '') return { open: [] };
  const decoded = decodePolicy(raw);
  if (!decoded.ok) return { unreadable: decoded.reason };
  return {
    open: decoded.statements
      .map((statement, index) => (grantsEveryone(statement) ? (typeof statement.Sid === 'string' && statement.Sid ? statement.Sid : `statement ${index + 1}`) : undefined))
      .filter((sid): sid is string => sid !== undefined),
  };
}

/** The verdict on a topic's or queue's access policy (`Policy`, the GetTopicAttributes / GetQueueAttributes attribute AWS Config records). */
function accessPolicyVerdict(item: ConfigurationItem, configuration: Record<string, unknown>, kind: string) {
  const result = publicStatements(field(configuration, ['Policy', 'policy']));
  if ('unreadable' in result) return notApplicable(`The ${kind} ${item.resourceName ?? item.resourceId}: ${result.unreadable}.`);
  return result.open.length
    ? failed(`The ${kind} access policy allows public access (${result.open.join(', ')}: an everyone principal without a fixed-value condition on the caller).`)
    : passed(`The ${kind} access policy does not allow public access.`);
}

/** SNS and SQS controls: encryption at rest and public access policies. */
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
  defineControl(
    {
      id: 'SNS.4',
      title: 'SNS topic access policies should not allow public access',
      description:
        'Checks whether the SNS topic access policy allows public access: an Allow statement for everyone (`*`) not narrowed by a fixed-value condition on the caller (source account or ARN, organization, VPC…). A topic without a policy passes.',
      severity: 'CRITICAL',
      resourceTypes: ['AWS::SNS::Topic'],
      standards: [FSBP],
      remediationUrl: controlPage('SNS.4'),
    },
    (item, configuration) => accessPolicyVerdict(item, configuration, 'topic'),
  ),
];
