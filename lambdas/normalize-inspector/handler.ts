import { createNormalizerHandler } from '../shared/normalize/handler';
import { findingsStoreFromEnv } from '../shared/store/from-env';
import { inspectorNormalizer } from './normalize';

/** Amazon Inspector events (EventBridge rule target) → ASFF findings in the store. */
export const handler = createNormalizerHandler(inspectorNormalizer, findingsStoreFromEnv);
