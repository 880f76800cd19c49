/**
 * A command's input before it is sent: `--cli-input-json` read, every member checked against the
 * operation's input shape from the SDK (or, for our own operations, against the flags they take
 * and the shapes those flags name), and converted for the SDK. Problems are usage errors (252)
 * naming the flag and the member path.
 */
import { inputSchemaOf, type CommandSpec } from './commands';
import { checkShape, normalized, shapeOf, skeletonOf } from './shapes';
import { UsageError, readValue } from './values';

/** `--cli-input-json JSON|file://path`: a JSON object of input members. */
export function readCliInputJson(values: readonly string[]): Record<string, unknown> {
  if (values.length !== 1) throw new UsageError('--cli-input-json takes one value: JSON or file://path');
  const text = readValue(values[0]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`Error parsing parameter '--cli-input-json': Invalid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new UsageError("Error parsing parameter '--cli-input-json': expected a JSON object of input members");
  return parsed as Record<string, unknown>;
}

/**
 * Checks and converts `input` for `command`. `fromFlags` lists the members given as flags (the rest
 * came from `--cli-input-json`), so a message names where the bad value was written.
 */
export function checkInput(command: CommandSpec, input: Record<string, unknown>, fromFlags: ReadonlySet<string>): Record<string, unknown> {
  try {
    return checkMembers(command, input, fromFlags);
  } catch (error) {
    const hint = error instanceof UsageError ? command.hint?.(input) : undefined;
    throw hint === undefined ? error : new UsageError(`${(error as Error).message}\n${hint}`);
  }
}

function checkMembers(command: CommandSpec, input: Record<string, unknown>, fromFlags: ReadonlySet<string>): Record<string, unknown> {
  const flagOf = (path: string): string => {
    const member = /^[^.[]*/.exec(path)?.[0] ?? '';
    const parameter = command.parameters.find((candidate) => candidate.member === member);
    return parameter !== undefined && fromFlags.has(member) ? `--${parameter.flag}` : '--cli-input-json';
  };
  const local = new Set(command.parameters.filter((parameter) => parameter.local).map((parameter) => parameter.member));
  const schema = inputSchemaOf(command);
  const sent: Record<string, unknown> = {};
  const kept: Record<string, unknown> = {};
  for (const [member, value] of Object.entries(input)) (local.has(member) ? kept : sent)[member] = value;

  // Required top-level members are the flags' business (a flag such as put-events --wrap may stand in for one).
  if (schema !== undefined) return { ...checkShape(shapeOf(schema), sent, flagOf, '', false), ...kept };

  // Our own operations: only their flags' members; members whose flag names a shape are checked against it.
  const out: Record<string, unknown> = { ...kept };
  for (const [member, value] of Object.entries(sent)) {
    const parameter = command.parameters.find((candidate) => candidate.member === member);
    if (parameter === undefined) {
      throw new UsageError(`--cli-input-json: unknown key '${member}'; ${command.name} takes: ${command.parameters.map((p) => p.member).join(', ') || 'nothing'}`);
    }
    out[member] = parameter.shape === undefined ? value : checkShape(normalized(parameter.shape()), value, flagOf, member);
  }
  return out;
}

/** `--generate-cli-skeleton input|output` for a command. */
export function skeletonFor(command: CommandSpec, which: 'input' | 'output'): Record<string, unknown> {
  const schema = inputSchemaOf(command);
  if (schema !== undefined) {
    const skeleton = skeletonOf(shapeOf(schema, which));
    if (which === 'output') return skeleton;
    const local = command.parameters.filter((parameter) => parameter.local);
    return { ...skeleton, ...Object.fromEntries(local.map((parameter) => [parameter.member, placeholderOf(parameter)])) };
  }
  if (which === 'output') throw new UsageError(`${command.name} has no output shape in the API model; run it to see its output`);
  return Object.fromEntries(
    command.parameters.map((parameter) => [parameter.member, parameter.shape !== undefined ? skeletonOf(normalized(parameter.shape())) : placeholderOf(parameter)]),
  );
}

function placeholderOf(parameter: CommandSpec['parameters'][number]): unknown {
  switch (parameter.kind) {
    case 'boolean':
      return true;
    case 'integer':
      return 0;
    case 'timestamp':
      return '1970-01-01T00:00:00';
    case 'structure':
      return {};
    case 'map':
      return { KeyName: '' };
    case 'structure-list':
      return [{}];
    case 'string-list':
      return [''];
    default:
      return '';
  }
}
