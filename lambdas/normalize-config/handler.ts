import { createNormalizerHandler } from '../shared/normalize/handler';
import { findingsStoreFromEnv } from '../shared/store/from-env';
import { configNormalizer } from './normalize';

/** AWS Config events (EventBridge rule target) → ASFF findings in the store. */
export const handler = createNormalizerHandler(configNormalizer, findingsStoreFromEnv);
