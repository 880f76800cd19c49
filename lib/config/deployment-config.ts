/**
 * The deployment configuration (`open-security-hub.config.json`, schema
 * `schemas/deployment-config.schema.json`): read and validated by bin/app.ts BEFORE any CDK module
 * loads, so a malformed value fails in well under a second with the key named, not as a stack
 * trace at the end of a synth. This module imports only node:fs/node:path and ajv.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import schema from '../../schemas/deployment-config.schema.json';

/** The configuration file bin/app.ts reads by default, from the working directory. */
export const DEFAULT_CONFIG_FILE = 'open-security-hub.config.json';
/** Environment variable naming another configuration file. */
export const CONFIG_FILE_ENV = 'OPEN_SECURITY_HUB_CONFIG';

/** The typed configuration (see the schema for each key's meaning). */
export interface DeploymentConfig {
  organizationId?: string;
  homeRegion?: string;
  linkedRegions?: string[];
  memberDeployment?: { organizationalUnitIds: string[]; callAs?: 'DELEGATED_ADMIN' | 'SELF'; retainStacksOnAccountRemoval?: boolean };
  configAggregatorName?: string;
  alerts?: { email?: string; minimumSeverity?: string };
  operationsEmail?: string;
  reportEmail?: string;
  integrations?: Record<string, unknown>;
  logRetentionDays?: number;
}

/** A configuration that does not match the schema: the message names the file and every offending key. */
export class DeploymentConfigError extends Error {
  override readonly name = 'DeploymentConfigError';
}

const validate = new Ajv({ allErrors: true, strict: true }).compile<DeploymentConfig>(schema);

/** `linkedRegions/1: must match pattern "…" (got "eu-west")`: one line per schema error, naming the key path. */
export function describeErrors(errors: readonly ErrorObject[], config: unknown): string[] {
  return errors.map((error) => {
    const params = error.params as { additionalProperty?: string; missingProperty?: string };
    const named = params.additionalProperty ?? params.missingProperty;
    const extra = named === undefined ? '' : `/${named}`;
    const key = `${error.instancePath.slice(1)}${extra}`.replace(/^\//, '') || '(root)';
    const value = error.instancePath
      .split('/')
      .slice(1)
      .reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], config);
    const allowed = error.keyword === 'enum' ? ` (one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : '';
    const got = error.keyword === 'additionalProperties' ? ' (unknown key)' : value === undefined ? '' : ` (got ${JSON.stringify(value)})`;
    return `${key}: ${error.message}${allowed}${got}`;
  });
}

/** Validates a parsed configuration; throws {@link DeploymentConfigError} naming `source` and the keys. */
export function parseDeploymentConfig(value: unknown, source: string): DeploymentConfig {
  if (validate(value)) return value;
  throw new DeploymentConfigError(`${source} is not a valid Open Security Hub configuration:\n  ${describeErrors(validate.errors ?? [], value).join('\n  ')}`);
}

/**
 * Reads the configuration file (`$OPEN_SECURITY_HUB_CONFIG`, else `open-security-hub.config.json`
 * in `cwd`). No file: `{}` (every key has a default; the embedded default and tests need none).
 */
export function loadDeploymentConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): DeploymentConfig {
  const named = env[CONFIG_FILE_ENV];
  const file = resolve(cwd, named ?? DEFAULT_CONFIG_FILE);
  if (!existsSync(file)) {
    if (named) throw new DeploymentConfigError(`${CONFIG_FILE_ENV}=${named}: no such file`);
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DeploymentConfigError(`${file} is not JSON: ${(error as Error).message}`);
  }
  return parseDeploymentConfig(parsed, file);
}

/**
 * The linked Regions that get a regional playbook stack (lib/regional-playbooks-stack.ts): every
 * linked Region but the home Region, without repeats, in the configuration's order.
 */
export function playbookRegionsOf(config: Pick<DeploymentConfig, 'homeRegion' | 'linkedRegions'>): string[] {
  return [...new Set((config.linkedRegions ?? []).filter((region) => region !== config.homeRegion))];
}

/**
 * The CDK context the configuration sets: the keys the stack's constructs read
 * (`organizationId`, `alertEmail`, …). Context given with `cdk -c` or in cdk.json takes precedence.
 */
export function contextOf(config: DeploymentConfig): Record<string, unknown> {
  const entries: Array<[string, unknown]> = [
    ['organizationId', config.organizationId],
    ['configAggregatorName', config.configAggregatorName],
    ['alertEmail', config.alerts?.email],
    ['alertMinimumSeverity', config.alerts?.minimumSeverity],
    ['operationsEmail', config.operationsEmail],
    ['reportEmail', config.reportEmail],
    ['integrations', config.integrations],
    ['logRetentionDays', config.logRetentionDays],
    ['homeRegion', config.homeRegion],
    ['linkedRegions', config.linkedRegions],
  ];
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
}
