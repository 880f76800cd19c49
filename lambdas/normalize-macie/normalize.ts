import { UnmappableEventError } from '../shared/normalize/errors';
import type { Normalizer } from '../shared/normalize/types';

// Placeholder: the Amazon Macie mapping is being written.
/** Maps Amazon Macie events to ASFF findings. */
export const macieNormalizer: Normalizer = {
  id: 'macie',
  title: 'Amazon Macie',
  eventPattern: { source: ['aws.macie'], 'detail-type': ['Macie Finding'] },
  normalize() {
    throw new UnmappableEventError('not implemented yet');
  },
};
