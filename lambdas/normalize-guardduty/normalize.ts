import { UnmappableEventError } from '../shared/normalize/errors';
import type { Normalizer } from '../shared/normalize/types';

// Placeholder: the Amazon GuardDuty mapping is being written.
/** Maps Amazon GuardDuty events to ASFF findings. */
export const guardDutyNormalizer: Normalizer = {
  id: 'guardduty',
  title: 'Amazon GuardDuty',
  eventPattern: { source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'] },
  normalize() {
    throw new UnmappableEventError('not implemented yet');
  },
};
