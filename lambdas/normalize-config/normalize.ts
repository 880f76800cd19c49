import { UnmappableEventError } from '../shared/normalize/errors';
import type { Normalizer } from '../shared/normalize/types';

// Placeholder: the AWS Config mapping is being written.
/** Maps AWS Config events to ASFF findings. */
export const configNormalizer: Normalizer = {
  id: 'config',
  title: 'AWS Config',
  eventPattern: { source: ['aws.config'], 'detail-type': ['Config Rules Compliance Change'] },
  normalize() {
    throw new UnmappableEventError('not implemented yet');
  },
};
