import { createNormalizerHandler } from '../../normalize';
import { findingsStoreFromEnv, regionGateFromEnv } from '../../wiring/findings-store';
import { configNormalizer } from '../../normalize';

/** AWS Config events (EventBridge rule target) → ASFF findings in the store. */
export const handler = createNormalizerHandler(configNormalizer, findingsStoreFromEnv, regionGateFromEnv);
