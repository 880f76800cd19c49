/**
 * Every Security Hub operation of the SDK as a `sechub` subcommand, as `aws securityhub` has them:
 * the name and flags come from the operation's schema (`DescribeHub` → `describe-hub`, member
 * `HubArn` → `--hub-arn`). The table in `commands.ts` comes first (its entries add summaries,
 * paging and our own operations); an operation it does not list still works, validated the same.
 */
import * as securityHub from '@aws-sdk/client-securityhub';
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { NormalizedSchema } from '@smithy/core/schema';
import type { CommandSpec, Output, Parameter, ParameterKind } from './commands';
import { isOperationSchema, membersOf, shapeOf, type OperationSchema } from './shapes';

/** `DescribeHub` → `describe-hub`, `GetFindingsV2` → `get-findings-v2`, `AutomationRulesArns` → `automation-rules-arns` (as botocore's xform_name). */
export function kebabCase(name: string): string {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/([a-z])([A-Z0-9])/g, '$1-$2')
    .toLowerCase();
}

/** How a member's flag takes its values. */
export function parameterKind(shape: NormalizedSchema): ParameterKind {
  if (shape.isListSchema()) return shape.getValueSchema().isStructSchema() || shape.getValueSchema().isListSchema() || shape.getValueSchema().isMapSchema() ? 'structure-list' : 'string-list';
  if (shape.isStructSchema()) return 'structure';
  if (shape.isMapSchema()) return 'map';
  if (shape.isBooleanSchema()) return 'boolean';
  if (shape.isNumericSchema()) return 'integer';
  if (shape.isTimestampSchema()) return 'timestamp';
  return 'string';
}

/** The flags of an operation's input members. */
export function parametersOf(operation: OperationSchema): Parameter[] {
  const { members, required } = membersOf(shapeOf(operation));
  return members.map(([member, shape]) => ({ flag: kebabCase(member), member, kind: parameterKind(shape), ...(required.has(member) && { required: true }) }));
}

const SECURITY_HUB = securityHub as unknown as Record<string, unknown>;

type SdkCommandClass = new (input: unknown) => Parameters<SecurityHubClient['send']>[0];

/** The Security Hub operations of the SDK, by subcommand name. */
function operationsByName(): Map<string, string> {
  const names = new Map<string, string>();
  for (const [key, value] of Object.entries(SECURITY_HUB)) {
    if (key.endsWith('$') && isOperationSchema(value) && typeof SECURITY_HUB[`${value[2]}Command`] === 'function') names.set(kebabCase(value[2]), value[2]);
  }
  return names;
}

let operations: Map<string, string> | undefined;

/** Names of every Security Hub operation as a subcommand. */
export function sdkCommandNames(): string[] {
  return [...(operations ??= operationsByName()).keys()].sort();
}

/** The subcommand for a Security Hub operation of the SDK (`describe-hub`), or undefined. */
export function sdkCommand(name: string): CommandSpec | undefined {
  const operation = (operations ??= operationsByName()).get(name);
  if (operation === undefined) return undefined;
  const schema = SECURITY_HUB[`${operation}$`] as OperationSchema;
  const Command = SECURITY_HUB[`${operation}Command`] as SdkCommandClass;
  return {
    name,
    operation,
    summary: `Security Hub ${operation}.`,
    parameters: parametersOf(schema),
    send: async (client, input) => {
      const { $metadata: _metadata, ...output } = (await client.send(new Command(input))) as Output & { $metadata?: unknown };
      return output;
    },
  };
}
