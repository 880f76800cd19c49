import { createNormalizerHandler } from '../../normalize/handler';
import { findingsStoreFromEnv } from '../../store/from-env';
import { configNormalizer } from '../../normalize/config/normalize';

/** AWS Config events (EventBridge rule target) → ASFF findings in the store. */
export const handler = createNormalizerHandler(configNormalizer, findingsStoreFromEnv);
