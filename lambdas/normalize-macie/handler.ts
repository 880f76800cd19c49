import { createNormalizerHandler } from '../shared/normalize/handler';
import { findingsStoreFromEnv } from '../shared/store/from-env';
import { macieNormalizer } from './normalize';

/** Amazon Macie events (EventBridge rule target) → ASFF findings in the store. */
export const handler = createNormalizerHandler(macieNormalizer, findingsStoreFromEnv);
