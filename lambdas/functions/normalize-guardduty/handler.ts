import { createNormalizerHandler } from '../../normalize/handler';
import { findingsStoreFromEnv } from '../../wiring/findings-store';
import { guardDutyNormalizer } from '../../normalize/guardduty/normalize';

/** Amazon GuardDuty events (EventBridge rule target) → ASFF findings in the store. */
export const handler = createNormalizerHandler(guardDutyNormalizer, findingsStoreFromEnv);
