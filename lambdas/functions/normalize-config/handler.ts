import { createNormalizerHandler } from '../../normalize/handler';
import { findingsStoreFromEnv } from '../../wiring/findings-store';
import { configNormalizer } from '../../normalize/config/normalize';

/** AWS Config events (EventBridge rule target) → ASFF findings in the store. */
export const handler = createNormalizerHandler(configNormalizer, findingsStoreFromEnv);
