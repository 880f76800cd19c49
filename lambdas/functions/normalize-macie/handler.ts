import { createNormalizerHandler } from '../../normalize';
import { findingsStoreFromEnv, regionGateFromEnv } from '../../wiring/findings-store';
import { macieNormalizer } from '../../normalize';

/** Amazon Macie events (EventBridge rule target) → ASFF findings in the store. */
export const handler = createNormalizerHandler(macieNormalizer, findingsStoreFromEnv, regionGateFromEnv);
