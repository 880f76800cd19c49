import { createNormalizerHandler, firewallManagerNormalizer } from '../../normalize';
import { findingsStoreFromEnv, regionGateFromEnv } from '../../wiring/findings-store';

/** Firewall Manager policy compliance (its `FMManaged…` Config rules' compliance changes, EventBridge rule target) → ASFF findings in the store. */
export const handler = createNormalizerHandler(firewallManagerNormalizer, findingsStoreFromEnv, regionGateFromEnv);
