/**
 * Per Security Hub operation, a loader of the SDK's module of its command class alone
 * (`@aws-sdk/client-securityhub/dist-es/commands/<Operation>Command.js`), and of the client class:
 * the bundle's build (`bin/build.mjs`) writes both in place of this file, so a call of one operation
 * initializes only its command's module, not the other commands, the aggregated `SecurityHub` class
 * or the enums. Unbundled (tsx, Jest) they are empty, and `loadSdk` loads the whole client module.
 */
export const OPERATION_LOADERS: Readonly<Record<string, () => Promise<Record<string, unknown>>>> = {};

/** Loads `SecurityHubClient` alone (bundled); undefined unbundled. */
export const CLIENT_LOADER: (() => Promise<Record<string, unknown>>) | undefined = undefined;
