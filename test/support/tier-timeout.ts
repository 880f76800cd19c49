/**
 * Applies the tier's timeout (`globals.tierTimeout` of its Jest project in jest.config.ts): Jest's
 * own `testTimeout` is one global value, and the tiers need different ones (unit 10 s, integration 180 s).
 */
const timeout = (globalThis as { tierTimeout?: unknown }).tierTimeout;
if (typeof timeout !== 'number') throw new Error('tier-timeout: the Jest project sets no numeric globals.tierTimeout');
jest.setTimeout(timeout);
