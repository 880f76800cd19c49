import type { ConfigurationItem, Evaluation, ParameterValue } from '../types';

/** A passed evaluation with its reason. */
export const passed = (reason: string): Evaluation => ({ status: 'PASSED', reason });
/** A failed evaluation with its reason. */
export const failed = (reason: string): Evaluation => ({ status: 'FAILED', reason });
/** A not-applicable evaluation with its reason. */
export const notApplicable = (reason: string): Evaluation => ({ status: 'NOT_APPLICABLE', reason });

type Json = Record<string, unknown>;

/** The value as a plain object, or undefined. */
export function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/** The value as an array (a scalar becomes a one-element array; nullish becomes empty). */
export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The first defined field among several spellings (Config mixes camelCase and PascalCase). */
export function field(source: unknown, ...names: string[]): unknown {
  const object = asObject(source);
  if (!object) return undefined;
  for (const name of names) {
    if (Object.prototype.hasOwnProperty.call(object, name) && object[name] !== undefined) return object[name];
  }
  return undefined;
}

/** A boolean field that Config may record as a boolean or as the string "true"/"false". */
export function flag(source: unknown, ...names: string[]): boolean | undefined {
  const value = field(source, ...names);
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return undefined;
}

/** A non-blank string field, or undefined. */
export function text(source: unknown, ...names: string[]): string | undefined {
  const value = field(source, ...names);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A finite number field (numbers or numeric strings), or undefined. */
export function numeric(source: unknown, ...names: string[]): number | undefined {
  const value = field(source, ...names);
  const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof parsed === 'number' && Number.isFinite(parsed) ? parsed : undefined;
}

/**
 * Why an item cannot be judged (deleted, not recorded, no configuration, another resource type),
 * or undefined when the evaluator may look at it.
 */
export function unjudgeable(item: ConfigurationItem, resourceTypes: readonly string[]): string | undefined {
  if (!resourceTypes.includes(item.resourceType)) return `${item.resourceType} is not evaluated by this control.`;
  const status = item.configurationItemStatus;
  if (status === 'ResourceDeleted' || status === 'ResourceDeletedNotRecorded') return `The resource was deleted (${status}).`;
  if (status === 'ResourceNotRecorded') return 'AWS Config does not record this resource (ResourceNotRecorded).';
  if (item.configuration === null || typeof item.configuration !== 'object') return 'The configuration item has no configuration.';
  return undefined;
}

/** The items of a type that still exist (deleted and unrecorded ones dropped). */
export function live(items: readonly ConfigurationItem[]): ConfigurationItem[] {
  return items.filter((item) => unjudgeable(item, [item.resourceType]) === undefined);
}

/** A numeric parameter, falling back to the default when the customer's value is not a number. */
export function intParameter(parameters: Record<string, ParameterValue>, name: string, fallback: number): number {
  const value = parameters[name];
  const parsed = typeof value === 'string' ? Number(value) : value;
  return typeof parsed === 'number' && Number.isFinite(parsed) ? parsed : fallback;
}

/** A boolean parameter (booleans or "true"/"false"), falling back to the default. */
export function boolParameter(parameters: Record<string, ParameterValue>, name: string, fallback: boolean): boolean {
  const value = parameters[name];
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return fallback;
}

/** A string-list parameter (a list or a comma-separated string), falling back to the default. */
export function listParameter(parameters: Record<string, ParameterValue>, name: string, fallback: string[]): string[] {
  const value = parameters[name];
  if (Array.isArray(value)) return value.map(String).map((entry) => entry.trim()).filter(Boolean);
  if (typeof value === 'string') return value.split(',').map((entry) => entry.trim()).filter(Boolean);
  return fallback;
}

const DAY_MS = 86_400_000;

/** Whole days from an ISO timestamp to `now`, or undefined for a missing or unparsable timestamp. */
export function daysSince(timestamp: unknown, now: Date): number | undefined {
  if (typeof timestamp !== 'string' && !(timestamp instanceof Date)) return undefined;
  const time = new Date(timestamp).getTime();
  return Number.isNaN(time) ? undefined : Math.floor((now.getTime() - time) / DAY_MS);
}

/** The Security Hub control reference page of a control (its remediation link). */
export function controlPage(service: string, id: string): string {
  return `https://docs.aws.amazon.com/securityhub/latest/userguide/${service}-controls.html#${id.toLowerCase().replace('.', '-')}`;
}
