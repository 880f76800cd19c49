import { accessAnalyzerNormalizer, createNormalizerHandler } from '../../normalize';
import { findingsStoreFromEnv, regionGateFromEnv } from '../../wiring/findings-store';

/** IAM Access Analyzer external access findings (EventBridge rule target) → ASFF findings in the store. */
export const handler = createNormalizerHandler(accessAnalyzerNormalizer, findingsStoreFromEnv, regionGateFromEnv);
