import { UnmappableEventError } from '../shared/normalize/errors';
import type { Normalizer } from '../shared/normalize/types';

// Placeholder: the Amazon Inspector mapping is being written.
/** Maps Amazon Inspector events to ASFF findings. */
export const inspectorNormalizer: Normalizer = {
  id: 'inspector',
  title: 'Amazon Inspector',
  eventPattern: { source: ['aws.inspector2'], 'detail-type': ['Inspector2 Finding'] },
  normalize() {
    throw new UnmappableEventError('not implemented yet');
  },
};
