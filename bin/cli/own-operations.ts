/**
 * `sechub`'s calls of our own operations (not in Security Hub's model, e.g. `POST /compliance/scores`):
 * the client side the console shares (`./own-operation-call.ts`), with the SDK loaded lazily.
 */
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { defineCommand, type CommandSpec, type Output } from './command-spec';
import { callOwnOperation } from './own-operation-call';
import { securityHub } from './sdk';

export { ownOperationPath } from './own-operation-call';

/** POSTs `input` as JSON to `path` on the client's endpoint (below its stage path, if any); resolves to the JSON answer. */
export function sendOwnOperation(client: SecurityHubClient, path: string, input: Record<string, unknown>): Promise<Output> {
  return callOwnOperation<Output>(client, securityHub().GetEnabledStandardsCommand, path, input);
}

/** Our own command that is one POST of our API to `path` with its flags' members as the JSON body. */
export function ownOperation(path: string, spec: Omit<CommandSpec, 'send' | 'schema'>): CommandSpec {
  return defineCommand({ ...spec, send: (client, input) => sendOwnOperation(client, path, input) });
}
