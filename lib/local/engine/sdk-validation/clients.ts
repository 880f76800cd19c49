/**
 * Which AWS SDK v3 client answers for a Step Functions service name, and the operation schemas it
 * exports. Step Functions names a service in lowercase without separators
 * (`arn:aws:states:::aws-sdk:cloudwatchlogs:…`, the table of AWS SDK service integrations); the JS
 * clients are `@aws-sdk/client-<kebab-case name>` (`client-cloudwatch-logs`), so a client matches
 * when its name without `client-` and hyphens is the service's name, or the JS name of the few
 * services Step Functions names differently ({@link JS_NAME_OF}). Only clients present in
 * node_modules are used; a service with none is reported as not validated, never guessed at.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SchemaRef } from './schema';

/** Step Functions service names whose JS client is named otherwise (normalized: no `client-`, no hyphens). */
const JS_NAME_OF: Readonly<Record<string, string>> = {
  config: 'configservice',
  databasemigration: 'databasemigrationservice',
  directory: 'directoryservice',
  costandusagereport: 'costandusagereportservice',
  elasticsearch: 'elasticsearchservice',
  lexmodelbuilding: 'lexmodelbuildingservice',
  lexruntime: 'lexruntimeservice',
  marketplaceentitlement: 'marketplaceentitlementservice',
};

/** The installed clients by normalized name → package name (`ec2` → `@aws-sdk/client-ec2`); listed once. */
let installed: Map<string, string> | undefined;

function installedClients(): Map<string, string> {
  if (installed !== undefined) return installed;
  installed = new Map();
  for (const nodeModules of require.resolve.paths('@aws-sdk/client-ec2') ?? []) {
    const scope = join(nodeModules, '@aws-sdk');
    if (!existsSync(scope)) continue;
    for (const entry of readdirSync(scope)) {
      const normalized = entry.startsWith('client-') ? entry.slice('client-'.length).replaceAll('-', '') : undefined;
      if (normalized !== undefined && !installed.has(normalized)) installed.set(normalized, `@aws-sdk/${entry}`);
    }
  }
  return installed;
}

/** The client package of a Step Functions service name, or undefined when none is installed. */
export function clientPackageOf(service: string): string | undefined {
  return installedClients().get(JS_NAME_OF[service] ?? service);
}

const modules = new Map<string, Record<string, unknown>>();

/** The client module's exports (loaded on first use, then kept). */
function clientModule(packageName: string): Record<string, unknown> {
  let loaded = modules.get(packageName);
  if (loaded === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(packageName) as Record<string, unknown>;
    modules.set(packageName, loaded);
  }
  return loaded;
}

/** How an `aws-sdk:<service>:<action>` resolves against the installed clients. */
export type OperationLookup =
  | { found: true; packageName: string; operation: string; input: SchemaRef; output: SchemaRef }
  | { found: false; validated: true; packageName: string; reason: string }
  | { found: false; validated: false; reason: string };

/**
 * The input schema of `<service>:<action>`: the client's operation schema `<Action>$`
 * (`[9, ns, name, traits, input, output]`). The action must be camelCase as Step Functions spells
 * it (`describeFlowLogs`); an action the client does not have is reported, naming the client.
 */
export function lookupOperation(service: string, action: string): OperationLookup {
  const packageName = clientPackageOf(service);
  if (packageName === undefined)
    return {
      found: false,
      validated: false,
      reason: `no @aws-sdk client for the service '${service}' is installed (node_modules/@aws-sdk/client-*), so its calls are not validated`,
    };
  if (!/^[a-z][A-Za-z0-9]*$/.test(action))
    return {
      found: false,
      validated: true,
      packageName,
      reason: `the action '${action}' is not camelCase (Step Functions names actions as the SDK's operation with a lowercase first letter)`,
    };
  const operation = action.charAt(0).toUpperCase() + action.slice(1);
  const schema = clientModule(packageName)[`${operation}$`];
  if (!Array.isArray(schema) || schema[0] !== 9) return { found: false, validated: true, packageName, reason: `${packageName} has no operation ${operation}` };
  return { found: true, packageName, operation, input: schema[4], output: schema[5] };
}
