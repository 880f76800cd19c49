import { createNormalizerHandler } from '../../normalize';
import { findingsStoreFromEnv, regionGateFromEnv } from '../../wiring/findings-store';
import { inspectorNormalizer } from '../../normalize';

/** Amazon Inspector events (EventBridge rule target) → ASFF findings in the store. */
export const handler = createNormalizerHandler(inspectorNormalizer, findingsStoreFromEnv, regionGateFromEnv);
