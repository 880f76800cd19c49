import { createNormalizerHandler, ssmPatchManagerNormalizer } from '../../normalize';
import { findingsStoreFromEnv, regionGateFromEnv } from '../../wiring/findings-store';

/** Patch Manager patch compliance changes (EventBridge rule target) → one ASFF finding per managed node in the store. */
export const handler = createNormalizerHandler(ssmPatchManagerNormalizer, findingsStoreFromEnv, regionGateFromEnv);
