/**
 * The integrations configuration: destinations declared in the stack's configuration (cdk.json
 * context `integrations`), checked once at synth and again where the functions read it (their
 * `INTEGRATIONS_CONFIG` variable). Pure: every error names the key path at fault
 * (`integrations.destinations[2].projectKey: is required for kind jira`).
 */
import type { AwsSecurityFindingFilters } from '../filters';
import { validateCriteria } from '../triage';
import { DESTINATION_KINDS, isDestinationKind, kindOf } from './kinds';
import type { DestinationConfig, DestinationKind, IntegrationRule, IntegrationsConfig, SecretRef } from './types';

export type { DestinationConfig, IntegrationRule, IntegrationsConfig, SecretRef } from './types';

/** A configuration value the integrations cannot take; the message names its key path. */
export class InvalidIntegrationConfigError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'InvalidIntegrationConfigError';
  }
}

const fail = (path: string, message: string): never => {
  throw new InvalidIntegrationConfigError(path, message);
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const TOP_MEMBERS = new Set(['consoleUrl', 'destinations']);
const COMMON_MEMBERS = ['name', 'kind', 'rule', 'credentials', 'url', 'inbound'];

function text(value: unknown, path: string, max = 256): string {
  if (typeof value !== 'string' || value.trim() === '') fail(path, 'must be a non-empty string');
  if ((value as string).length > max) fail(path, `must be at most ${max} characters`);
  return value as string;
}

/** An http(s) URL without a trailing slash (http only for loopback hosts: local tests and captures). */
export function checkUrl(value: unknown, path: string): string {
  const raw = text(value, path, 2048);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(path, `must be an absolute URL, got '${raw}'`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) fail(path, 'must be an https URL (http only for 127.0.0.1/localhost)');
  return raw.replace(/\/+$/, '');
}

function secretRef(value: unknown, path: string, shape: readonly string[] | 'string'): SecretRef {
  if (!isObject(value)) return fail(path, 'must be {"secretName": "<name or ARN>"} or {"value": …}');
  const keys = Object.keys(value);
  if (keys.length !== 1 || !['secretName', 'value'].includes(keys[0])) fail(path, 'must have exactly one of secretName or value');
  if ('secretName' in value) {
    const name = text(value.secretName, `${path}.secretName`, 2048);
    if (!/^(arn:[^:]+:secretsmanager:[^:]+:\d{12}:secret:)?[A-Za-z0-9/_+=.@-]+$/.test(name)) fail(`${path}.secretName`, 'must be a Secrets Manager secret name or ARN');
    return { secretName: name };
  }
  const secret = value.value;
  if (shape === 'string') return { value: text(secret, `${path}.value`, 4096) };
  if (!isObject(secret)) return fail(`${path}.value`, `must be an object with ${shape.join(', ')}`);
  for (const member of shape) text(secret[member], `${path}.value.${member}`, 4096);
  return { value: Object.fromEntries(shape.map((member) => [member, secret[member] as string])) };
}

function rule(value: unknown, path: string): IntegrationRule {
  if (!isObject(value)) return fail(path, 'must be an object with Criteria and/or PriorityAtLeast');
  for (const member of Object.keys(value))
    if (member !== 'Criteria' && member !== 'PriorityAtLeast') fail(`${path}.${member}`, 'is not a member of a rule (Criteria, PriorityAtLeast)');
  let Criteria: AwsSecurityFindingFilters = {};
  if (value.Criteria !== undefined) {
    try {
      Criteria = validateCriteria(value.Criteria, `${path}.Criteria`);
    } catch (error) {
      return fail(path, (error as Error).message.replace(`${path}.`, ''));
    }
  }
  const priority = value.PriorityAtLeast;
  if (priority !== undefined && (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 0 || priority > 100)) {
    fail(`${path}.PriorityAtLeast`, 'must be an integer 0..100');
  }
  return { Criteria, ...(priority !== undefined && { PriorityAtLeast: priority as number }) };
}

function destination(value: unknown, path: string): DestinationConfig {
  if (!isObject(value)) return fail(path, 'must be an object');
  const name = text(value.name, `${path}.name`, 64);
  if (!NAME.test(name)) fail(`${path}.name`, 'must match [A-Za-z0-9_-]{1,64}');
  if (!isDestinationKind(value.kind)) return fail(`${path}.kind`, `must be one of ${Object.keys(DESTINATION_KINDS).join(', ')}`);
  const kindName: DestinationKind = value.kind;
  const kind = kindOf(kindName);
  const allowed = new Set([...COMMON_MEMBERS, ...Object.keys(kind.options)]);
  for (const member of Object.keys(value)) if (!allowed.has(member)) fail(`${path}.${member}`, `is not a setting of kind ${kind.kind}`);
  if (value.credentials === undefined) fail(`${path}.credentials`, `is required (${kind.credentials.describe})`);
  const rules =
    value.rule === undefined
      ? kind.defaultRules
      : Array.isArray(value.rule)
        ? value.rule.map((entry, index) => rule(entry, `${path}.rule[${index}]`))
        : [rule(value.rule, `${path}.rule`)];
  if (rules.length === 0) fail(`${path}.rule`, 'must hold at least one rule');
  const config: DestinationConfig = { name, kind: kindName, rule: rules, credentials: secretRef(value.credentials, `${path}.credentials`, kind.credentials.shape) };
  if (value.url !== undefined) {
    if (!kind.urlAllowed) fail(`${path}.url`, `is not a setting of kind ${kind.kind}: its URL is the credential (keep it in a secret)`);
    config.url = checkUrl(value.url, `${path}.url`);
  } else if (kind.urlRequired) fail(`${path}.url`, `is required for kind ${kind.kind} (${kind.urlRequired})`);
  if (value.inbound !== undefined) {
    if (!kind.inbound) fail(`${path}.inbound`, `is not a setting of kind ${kind.kind} (only ticket destinations take inbound webhooks)`);
    config.inbound = secretRef(value.inbound, `${path}.inbound`, 'string');
  }
  for (const [option, spec] of Object.entries(kind.options)) {
    const given = value[option];
    if (given === undefined) {
      if (spec.required) fail(`${path}.${option}`, `is required for kind ${kind.kind}`);
      continue;
    }
    const checked = text(given, `${path}.${option}`, 255);
    if (spec.pattern && !spec.pattern.test(checked)) fail(`${path}.${option}`, `must match ${spec.pattern.source}`);
    (config as unknown as Record<string, string>)[option] = checked;
  }
  return config;
}

/** Checks a configuration (`undefined`: no integrations) and returns it with defaults; `path` names the root key. */
export function parseIntegrationsConfig(value: unknown, path = 'integrations'): IntegrationsConfig {
  if (value === undefined || value === null) return { destinations: [] };
  if (!isObject(value)) return fail(path, 'must be an object {consoleUrl?, destinations: [...]}');
  for (const member of Object.keys(value)) if (!TOP_MEMBERS.has(member)) fail(`${path}.${member}`, 'is not a setting (consoleUrl, destinations)');
  if (!Array.isArray(value.destinations)) return fail(`${path}.destinations`, 'must be a list of destinations');
  const destinations = value.destinations.map((entry, index) => destination(entry, `${path}.destinations[${index}]`));
  const seen = new Set<string>();
  destinations.forEach((entry, index) => {
    if (seen.has(entry.name)) fail(`${path}.destinations[${index}].name`, `'${entry.name}' is used by another destination`);
    seen.add(entry.name);
  });
  return { ...(value.consoleUrl !== undefined && { consoleUrl: checkUrl(value.consoleUrl, `${path}.consoleUrl`) }), destinations };
}

/** The environment variable the functions read the configuration from (JSON). */
export const INTEGRATIONS_CONFIG_ENV = 'INTEGRATIONS_CONFIG';

/** The configuration from a function's environment; the error names the variable. */
export function integrationsConfigFromEnv(env: Record<string, string | undefined>): IntegrationsConfig {
  const text = env[INTEGRATIONS_CONFIG_ENV];
  if (text === undefined || text === '') return { destinations: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail(INTEGRATIONS_CONFIG_ENV, `is not JSON (${(error as Error).message})`);
  }
  return parseIntegrationsConfig(parsed, INTEGRATIONS_CONFIG_ENV);
}

/** The secret names the configuration refers to (for least-privilege grants). */
export function secretNamesOf(config: IntegrationsConfig): string[] {
  const names = new Set<string>();
  for (const entry of config.destinations) {
    for (const ref of [entry.credentials, entry.inbound]) if (ref !== undefined && 'secretName' in ref) names.add(ref.secretName);
  }
  return [...names].sort();
}
