/** Playbook ebs-default-encryption: EBS encryption by default in the account and Region (EC2.7). */
import { format, sdkTask, TARGET } from '../asl';
import type { PlaybookAslSpec } from '../skeleton';

const WHERE = [TARGET.accountId, TARGET.region];

/** The spec of ebs-default-encryption. */
export const EBS_DEFAULT_ENCRYPTION: PlaybookAslSpec = {
  id: 'ebs-default-encryption',
  description: 'turns on EBS encryption by default (account setting, in the Region the state machine runs in).',
  summaries: {
    change: format('turn on EBS encryption by default in account {} ({})', ...WHERE),
    success: format('turned on EBS encryption by default in account {} ({}); the read-back confirms it', ...WHERE),
    noOp: format('EBS encryption by default is already on in account {} ({}); nothing changed', ...WHERE),
    failure: format('could not turn on EBS encryption by default in account {} ({})', ...WHERE),
  },
  read: (side, next) => ({
    [side === 'before' ? 'Read Before' : 'Verify']: sdkTask({
      call: 'ec2:getEbsEncryptionByDefault',
      parameters: {},
      resultSelector: { 'enabled.$': '$.EbsEncryptionByDefault' },
      resultPath: `$.${side}`,
      next,
    }),
  }),
  fixed: (side) => ({ Variable: `$.${side}.enabled`, BooleanEquals: true }),
  act: (next) => ({ Act: sdkTask({ call: 'ec2:enableEbsEncryptionByDefault', parameters: {}, resultPath: null, next }) }),
  notFixedCause: 'EBS encryption by default reads back as off.',
};
