import { createNormalizerHandler } from '../../normalize';
import { findingsStoreFromEnv, regionGateFromEnv } from '../../wiring/findings-store';
import { guardDutyNormalizer } from '../../normalize';

/** Amazon GuardDuty events (EventBridge rule target) → ASFF findings in the store. */
export const handler = createNormalizerHandler(guardDutyNormalizer, findingsStoreFromEnv, regionGateFromEnv);
