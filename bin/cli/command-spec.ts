/**
 * The one shape of a `sechub` subcommand ({@link CommandSpec}) and the two ways to write one:
 * {@link sdkOperation} for a Security Hub operation of the SDK (name, flags, input checks and the
 * call all come from the SDK's schema and command class; the entry adds a summary and paging), and
 * {@link defineCommand} for our own commands (flags written with {@link flag}; {@link ownOperation}
 * when the command is one POST of our API). No SDK module is loaded to define a command: only to
 * read an SDK command's flags or to run it (`loadSdk()` first, `bin/cli/sdk.ts`).
 */
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { NormalizedSchema } from '@smithy/core/schema';
import type { OutputFormat } from './output';
import { securityHub, type OperationSchema } from './sdk';
import { membersOf, operationSchemaOf, shapeOf } from './shapes';

/** How a flag's values become an input member. */
export type ParameterKind = 'string' | 'integer' | 'timestamp' | 'structure' | 'map' | 'structure-list' | 'string-list' | 'boolean';

/** One flag of a subcommand. */
export interface Parameter {
  /** Flag without dashes, e.g. `finding-identifiers`. */
  flag: string;
  /** Input member, e.g. `FindingIdentifiers`. */
  member: string;
  kind: ParameterKind;
  required?: boolean;
  /** Not a member of the operation's input (e.g. `put-events --wrap`): not checked against its shape, not sent as is. */
  local?: boolean;
  /** For our own operations: the SDK schema the value must match (e.g. `() => securityHub().AwsSecurityFindingIdentifier$`), read on use. */
  shape?: () => unknown;
}

/** How the CLI pages through a paginated operation (as the AWS CLI does by default). */
export interface Pagination {
  /** Output member holding the items. */
  items: string;
}

/** Output of an SDK call, without `$metadata`. */
export type Output = Record<string, unknown>;

/** Clients of services other than Security Hub, created (and their SDK loaded) on first use. */
export interface OtherClients {
  events(): Promise<EventBridgeClient>;
  stepFunctions?(): Promise<SFNClient>;
  /** Step Functions in another Region (a linked Region's playbook stack, docs/regions.md). */
  stepFunctionsIn?(region: string): Promise<SFNClient>;
}

/** What an output means for the exit code, with a line for stderr. */
export interface Outcome {
  code: number;
  message?: string;
}

/** One subcommand. */
export interface CommandSpec {
  name: string;
  operation: string;
  summary: string;
  /** Its flags (an SDK operation's are read from the SDK's schema on first use). */
  readonly parameters: Parameter[];
  pagination?: Pagination;
  send(client: SecurityHubClient, input: Record<string, unknown>, others?: OtherClients): Promise<Output>;
  /**
   * The operation's schema (input checks, `--generate-cli-skeleton`), or a function returning it
   * (loaded on use). Default: Security Hub's `<operation>$` when the SDK has one; `false` for none
   * (our own operations).
   */
  schema?: OperationSchema | false | (() => OperationSchema);
  /** True when the call sends the SDK's own `<operation>Command` and reads nothing else of the SDK (it loads that command alone). */
  sdkOnly?: boolean;
  /** The exit code an output means when the call itself succeeded (e.g. 1 when a waited run FAILED). */
  outcome?(output: Output, input: Record<string, unknown>): Outcome | undefined;
  /** Loads what checking its input needs, before the command line is parsed (put-events: EventBridge's schema). */
  preload?(): Promise<void>;
  /** Checks and completes the input at parse time, before anything starts (throws `UsageError`). */
  prepare?(input: Record<string, unknown>): Record<string, unknown>;
  /** A line added to a usage error about this input (e.g. put-events given a raw finding). */
  hint?(input: Record<string, unknown>): string | undefined;
  /** How the output prints by default (the responder views are tables, their columns in order). */
  display?: { output?: OutputFormat; keepOrder?: boolean };
}

/** `max-items` → `MaxItems`. */
function memberOf(flagName: string): string {
  return flagName.replace(/(^|-)([a-z0-9])/g, (_match, _dash, letter: string) => letter.toUpperCase());
}

/** Options of one {@link flag}. */
export interface FlagOptions {
  /** The input member when it is not the flag in PascalCase (`--history` → `HistoryDays`). */
  member?: string;
  required?: boolean;
  local?: boolean;
  shape?: () => unknown;
}

/** A flag of our own command: `flag('max-items', 'integer')` is `--max-items N` → member `MaxItems`. */
export function flag(name: string, kind: ParameterKind, options: FlagOptions = {}): Parameter {
  const { member = memberOf(name), ...rest } = options;
  return { flag: name, member, kind, ...rest };
}

/** Our own command (not an operation of Security Hub's model): its input is checked against its flags only. */
export function defineCommand(spec: Omit<CommandSpec, 'schema'> & { schema?: CommandSpec['schema'] }): CommandSpec {
  return { schema: false, ...spec };
}

/** Output without the SDK's `$metadata`. */
export function withoutMetadata(output: object): Output {
  const { $metadata: _metadata, ...rest } = output as Output & { $metadata?: unknown };
  return rest;
}

/** `DescribeHub` → `describe-hub`, `GetFindingsV2` → `get-findings-v2`, `AutomationRulesArns` → `automation-rules-arns` (as botocore's xform_name). */
export function kebabCase(name: string): string {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/([a-z])([A-Z0-9])/g, '$1-$2')
    .toLowerCase();
}

/** What an {@link sdkOperation} entry adds to what the SDK says. */
export interface SdkOperationOptions {
  summary?: string;
  /** Output member of the items, for a paginated operation (the CLI pages through all by default). */
  pagination?: string;
}

type SdkCommandClass = new (input: unknown) => Parameters<SecurityHubClient['send']>[0];

/** How a member's flag takes its values. */
export function parameterKind(shape: NormalizedSchema): ParameterKind {
  if (shape.isListSchema())
    return shape.getValueSchema().isStructSchema() || shape.getValueSchema().isListSchema() || shape.getValueSchema().isMapSchema() ? 'structure-list' : 'string-list';
  if (shape.isStructSchema()) return 'structure';
  if (shape.isMapSchema()) return 'map';
  if (shape.isBooleanSchema()) return 'boolean';
  if (shape.isNumericSchema()) return 'integer';
  if (shape.isTimestampSchema()) return 'timestamp';
  return 'string';
}

/** The flags of an operation's input members, in model order. */
export function parametersOf(operation: OperationSchema): Parameter[] {
  const { members, required } = membersOf(shapeOf(operation));
  return members.map(([member, shape]) => ({ flag: kebabCase(member), member, kind: parameterKind(shape), ...(required.has(member) && { required: true }) }));
}

/** The schema of a Security Hub operation (`GetFindings$`). */
export function securityHubSchema(operation: string): OperationSchema | undefined {
  return operationSchemaOf(securityHub() as unknown as Record<string, unknown>, operation);
}

/**
 * A Security Hub operation of the SDK as a subcommand, as `aws securityhub` has it: `GetFindings`
 * → `get-findings`, its input members as flags (`Filters` → `--filters`), the call by its command
 * class. Nothing is read from the SDK until the flags are asked for or the command runs.
 */
export function sdkOperation(operation: string, options: SdkOperationOptions = {}): CommandSpec {
  let parameters: Parameter[] | undefined;
  return {
    name: kebabCase(operation),
    operation,
    sdkOnly: true,
    summary: options.summary ?? `Security Hub ${operation}.`,
    get parameters() {
      const schema = securityHubSchema(operation);
      if (schema === undefined) throw new Error(`internal error: the SDK has no operation ${operation}`);
      return (parameters ??= parametersOf(schema));
    },
    ...(options.pagination !== undefined && { pagination: { items: options.pagination } }),
    send: async (client, input) => {
      const Command = (securityHub() as unknown as Record<string, SdkCommandClass>)[`${operation}Command`]!;
      return withoutMetadata(await client.send(new Command(input)));
    },
  };
}
