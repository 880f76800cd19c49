import { createNormalizerHandler } from '../shared/normalize/handler';
import { findingsStoreFromEnv } from '../shared/store/from-env';
import { guardDutyNormalizer } from './normalize';

/** Amazon GuardDuty events (EventBridge rule target) → ASFF findings in the store. */
export const handler = createNormalizerHandler(guardDutyNormalizer, findingsStoreFromEnv);
