import { createNormalizerHandler } from '../../normalize';
import { findingsStoreFromEnv, regionGateFromEnv } from '../../wiring/findings-store';
import { createAsffNormalizer } from '../../normalize';

/** Third-party ASFF batches sent on the bus → findings in the store (validated by the store). */
export const handler = createNormalizerHandler(createAsffNormalizer({ trustedAccount: process.env.TRUSTED_ACCOUNT_ID }), findingsStoreFromEnv, regionGateFromEnv);
