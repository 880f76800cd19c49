/**
 * Readers of a control's parameters (defaults already overridden by the customer's values). They
 * accept the forms Config rule parameters take (numbers and booleans as strings, lists as
 * comma-separated strings) and fall back to the default for anything else.
 */
import type { ParameterValue } from '../types';
import { asBoolean, asNumber } from './readers';

/** The parameters an evaluator receives. */
type Parameters = Readonly<Record<string, ParameterValue>>;

/** A number parameter, or the fallback when absent or not numeric. */
export function numberParameter(parameters: Parameters, name: string, fallback: number): number {
  return asNumber(parameters[name]) ?? fallback;
}

/** A boolean parameter (booleans or `"true"`/`"false"`), or the fallback. */
export function boolParameter(parameters: Parameters, name: string, fallback: boolean): boolean {
  return asBoolean(parameters[name]) ?? fallback;
}

/** A list-of-strings parameter (a list, a comma-separated string or a single value), or the fallback when absent. */
export function stringListParameter(parameters: Parameters, name: string, fallback: readonly string[]): string[] {
  const value = parameters[name];
  if (value === undefined) return [...fallback];
  const entries = Array.isArray(value) ? value.map(String) : String(value).split(',');
  return entries.map((entry) => entry.trim()).filter((entry) => entry !== '');
}

/** A list-of-integers parameter (as {@link stringListParameter}); entries that are not integers are dropped. */
export function intListParameter(parameters: Parameters, name: string, fallback: readonly number[]): number[] {
  return stringListParameter(parameters, name, fallback.map(String))
    .map((entry) => Number(entry))
    .filter((entry) => Number.isInteger(entry));
}
