import { createNormalizerHandler, healthNormalizer } from '../../normalize';
import { findingsStoreFromEnv, regionGateFromEnv } from '../../wiring/findings-store';

/** AWS Health events (EventBridge rule target) → ASFF findings in the store (security-related events only). */
export const handler = createNormalizerHandler(healthNormalizer, findingsStoreFromEnv, regionGateFromEnv);
