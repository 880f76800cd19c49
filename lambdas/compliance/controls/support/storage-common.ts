/**
 * Shared pieces of the storage, network and database controls (S3, EC2, KMS, RDS, DynamoDB):
 * outcome builders, standard mappings, tolerant readers of Config's JSON and the guard that
 * turns items a control does not judge into NOT_APPLICABLE. Pure: no I/O, no clock.
 */
import type { ConfigurationItem, ControlDefinition, Evaluation, EvaluationContext, StandardMapping } from '../types';

/** A passing evaluation. */
export const passed = (reason: string): Evaluation => ({ status: 'PASSED', reason });
/** A failing evaluation. */
export const failed = (reason: string): Evaluation => ({ status: 'FAILED', reason });
/** An evaluation of an item the control does not judge. */
export const notApplicable = (reason: string): Evaluation => ({ status: 'NOT_APPLICABLE', reason });

/** Mapping to AWS FSBP: it has no requirement ids of its own (Security Hub lists none for it). */
export const fsbp = (): StandardMapping => ({ standard: 'aws-foundational-security-best-practices/v/1.0.0', requirements: [] });
/** Mapping to CIS v3.0.0 recommendations, as Security Hub writes them in RelatedRequirements. */
export const cis3 = (...ids: string[]): StandardMapping => ({
  standard: 'cis-aws-foundations-benchmark/v/3.0.0',
  requirements: ids.map((id) => `CIS AWS Foundations Benchmark v3.0.0/${id}`),
});
/** Mapping to PCI DSS v3.2.1 requirements, as Security Hub writes them in RelatedRequirements. */
export const pci321 = (...ids: string[]): StandardMapping => ({
  standard: 'pci-dss/v/3.2.1',
  requirements: ids.map((id) => `PCI DSS v3.2.1/${id}`),
});

/** The Security Hub user guide page of a service's controls, anchored at one control. */
export function controlPage(page: string, id: string): string {
  return `https://docs.aws.amazon.com/securityhub/latest/userguide/${page}.html#${id.toLowerCase().replace('.', '-')}`;
}

const DELETED = new Set(['ResourceDeleted', 'ResourceDeletedNotRecorded']);

/**
 * The guard every evaluator starts with: NOT_APPLICABLE for deleted or unrecorded items, items of a
 * type the control does not evaluate, and items without a configuration document.
 */
export function unjudged(item: ConfigurationItem, resourceTypes: readonly string[]): Evaluation | undefined {
  if (item.configurationItemStatus && DELETED.has(item.configurationItemStatus)) {
    return notApplicable(`${item.resourceType} ${item.resourceId} was deleted (${item.configurationItemStatus}).`);
  }
  if (item.configurationItemStatus === 'ResourceNotRecorded') {
    return notApplicable(`${item.resourceType} ${item.resourceId} is not recorded by AWS Config.`);
  }
  if (!resourceTypes.includes(item.resourceType)) {
    return notApplicable(`The control evaluates ${resourceTypes.join(', ')}, not ${item.resourceType}.`);
  }
  if (!isRecord(item.configuration)) {
    return notApplicable(`${item.resourceType} ${item.resourceId} has no recorded configuration.`);
  }
  return undefined;
}

/** A control whose evaluator only sees recorded, live items of its resource types (with their configuration). */
export type GuardedEvaluator = (
  item: ConfigurationItem,
  configuration: Record<string, unknown>,
  context: EvaluationContext,
) => Evaluation;

/** Builds a control definition whose evaluator runs behind {@link unjudged}. */
export function defineControl(
  definition: Omit<ControlDefinition, 'evaluate'>,
  evaluate: GuardedEvaluator,
): ControlDefinition {
  return {
    ...definition,
    evaluate: (item, context) =>
      unjudged(item, definition.resourceTypes) ?? evaluate(item, item.configuration as Record<string, unknown>, context),
  };
}

/** Whether a value is a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a nested field; `undefined` when any step is missing or not an object. */
export function field(source: unknown, ...path: string[]): unknown {
  let current: unknown = source;
  for (const key of path) {
    if (!isRecord(current) || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** A JSON object, parsing it first when Config delivers it as a JSON string (the API does for supplementary documents). */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  const parsed = parseIfJson(value);
  return isRecord(parsed) ? parsed : undefined;
}

/** An array, parsing it first when delivered as a JSON string; `[]` for anything else. */
export function asArray(value: unknown): unknown[] {
  const parsed = parseIfJson(value);
  return Array.isArray(parsed) ? parsed : [];
}

/** A boolean, accepting Config's `"true"`/`"false"` strings; `undefined` otherwise. */
export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  return undefined;
}

/** A finite number, accepting numeric strings; `undefined` otherwise. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** A non-blank string; `undefined` otherwise. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A supplementary configuration document of the item (object or JSON string), if recorded. */
export function supplementary(item: ConfigurationItem, key: string): unknown {
  return parseIfJson(item.supplementaryConfiguration?.[key]);
}

/** The live (not deleted) related items of a type. */
export function liveRelated(context: EvaluationContext, resourceType: string): ConfigurationItem[] {
  return context
    .related(resourceType)
    .filter((other) => !(other.configurationItemStatus && DELETED.has(other.configurationItemStatus)));
}

/** A parameter as a list of strings (accepting a comma-separated string, as Config rule parameters are). */
export function stringListParameter(context: EvaluationContext, name: string, fallback: readonly string[]): string[] {
  const value = context.parameters[name];
  if (value === undefined) return [...fallback];
  const items = Array.isArray(value) ? value.map(String) : String(value).split(',');
  return items.map((entry) => entry.trim()).filter((entry) => entry !== '');
}

/** A parameter as a list of integers (accepting a comma-separated string). */
export function intListParameter(context: EvaluationContext, name: string, fallback: readonly number[]): number[] {
  return stringListParameter(context, name, fallback.map(String))
    .map((entry) => Number(entry))
    .filter((port) => Number.isInteger(port));
}

/** A parameter as a number, or the fallback when absent or not numeric. */
export function numberParameter(context: EvaluationContext, name: string, fallback: number): number {
  return asNumber(context.parameters[name]) ?? fallback;
}

function parseIfJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return value;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return value;
  }
}
