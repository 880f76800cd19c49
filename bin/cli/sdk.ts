/**
 * The AWS SDK modules the CLI uses, loaded on demand. A start of `sechub` that calls nothing
 * (`--version`, `--help`, a usage error) never initializes them: in the bundle (`bin/build.mjs`) they
 * are modules that `loadSdk()` imports, initialized then. Code that runs after it reads them synchronously.
 * Under tsx and Jest (no bundle) a synchronous read loads them itself.
 */
import type * as SecurityHubModule from '@aws-sdk/client-securityhub';
import type * as SchemaModule from '@smithy/core/schema';
import { CLIENT_LOADER, OPERATION_LOADERS } from './sdk-operations';

/** Defined (`true`) by the bundle's build (`bin/build.mjs`); undeclared under tsx and Jest. */
declare const SECHUB_BUNDLED: boolean | undefined;
/** Defined by the bundle's build: the Security Hub operations of the SDK it was built with (`[OperationName…]`). */
declare const SECHUB_SDK_OPERATIONS: readonly string[] | undefined;

let securityHubModule: typeof SecurityHubModule | undefined;
let schemaModule: typeof SchemaModule | undefined;

/** The one operation a partial load holds (see {@link loadSdk}); undefined when the whole module is loaded. */
let partialOperation: string | undefined;

/**
 * Loads the Security Hub client module and the SDK's schema module (once). With `operation` (a
 * call that sends that SDK operation's command and reads nothing else of the SDK) and in the
 * bundle, only that command's module and the client class: `securityHub()` then holds
 * `SecurityHubClient`, `<Operation>Command` and `<Operation>$`.
 */
export async function loadSdk(operation?: string): Promise<void> {
  const loadCommand = operation === undefined ? undefined : OPERATION_LOADERS[operation];
  if (securityHubModule === undefined && loadCommand !== undefined && CLIENT_LOADER !== undefined) {
    const [commandModule, clientModule, schema] = await Promise.all([loadCommand(), CLIENT_LOADER(), schemaModule ?? import('@smithy/core/schema')]);
    const Command = commandModule[`${operation}Command`] as new (input: object) => { schema: unknown };
    securityHubModule = { ...clientModule, [`${operation}Command`]: Command, [`${operation}$`]: new Command({}).schema } as unknown as typeof SecurityHubModule;
    partialOperation = operation;
    schemaModule = schema;
    return;
  }
  if (partialOperation !== undefined && operation === partialOperation) return;
  [securityHubModule, schemaModule] = await Promise.all([
    securityHubModule === undefined || partialOperation !== undefined ? import('@aws-sdk/client-securityhub') : securityHubModule,
    schemaModule ?? import('@smithy/core/schema'),
  ]);
  partialOperation = undefined;
}

function notLoaded(name: string): never {
  throw new Error(`internal error: ${name} is read before loadSdk() loaded it`);
}

/** `@aws-sdk/client-securityhub` (loaded by {@link loadSdk}). */
export function securityHub(): typeof SecurityHubModule {
  if (securityHubModule === undefined && typeof SECHUB_BUNDLED === 'undefined') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    securityHubModule = require('@aws-sdk/client-securityhub') as typeof SecurityHubModule;
  }
  return securityHubModule ?? notLoaded('@aws-sdk/client-securityhub');
}

/** `@smithy/core/schema` (loaded by {@link loadSdk}). */
export function schemas(): typeof SchemaModule {
  if (schemaModule === undefined && typeof SECHUB_BUNDLED === 'undefined') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    schemaModule = require('@smithy/core/schema') as typeof SchemaModule;
  }
  return schemaModule ?? notLoaded('@smithy/core/schema');
}

/** A static operation schema: `[9, namespace, name, traits, input, output]`. */
export type OperationSchema = readonly [9, string, string, unknown, unknown, unknown];

/** True for an operation schema as the SDK exports it. */
export function isOperationSchema(value: unknown): value is OperationSchema {
  return Array.isArray(value) && value[0] === 9 && value.length >= 6;
}

/** The Security Hub operations of a client module: every `<Operation>$` schema with a `<Operation>Command` class. */
export function operationsOf(clientModule: Record<string, unknown>): string[] {
  const names: string[] = [];
  for (const [key, value] of Object.entries(clientModule)) {
    if (key.endsWith('$') && isOperationSchema(value) && typeof clientModule[`${value[2]}Command`] === 'function') names.push(value[2]);
  }
  return names.sort();
}

/** The Security Hub operations of the SDK (`DescribeHub` …): from the build when bundled, else from the SDK. */
export function securityHubOperations(): readonly string[] {
  if (typeof SECHUB_SDK_OPERATIONS !== 'undefined') return SECHUB_SDK_OPERATIONS;
  return operationsOf(securityHub() as unknown as Record<string, unknown>);
}
