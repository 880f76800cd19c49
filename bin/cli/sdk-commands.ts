/**
 * Every Security Hub operation of the SDK as a `sechub` subcommand, as `aws securityhub` has them:
 * the name and flags come from the operation's schema (`DescribeHub` → `describe-hub`, member
 * `HubArn` → `--hub-arn`). The table in `commands.ts` comes first (its entries add summaries,
 * paging and our own operations); an operation it does not list still works, validated the same.
 */
import { kebabCase, sdkOperation, type CommandSpec } from './command-spec';
import { securityHubOperations } from './sdk';

export { kebabCase, parameterKind, parametersOf } from './command-spec';

let operations: Map<string, string> | undefined;

/** The Security Hub operations of the SDK, by subcommand name. */
function operationsByName(): Map<string, string> {
  return (operations ??= new Map(securityHubOperations().map((operation) => [kebabCase(operation), operation])));
}

/** Names of every Security Hub operation as a subcommand. */
export function sdkCommandNames(): string[] {
  return [...operationsByName().keys()].sort();
}

/** The subcommand for a Security Hub operation of the SDK (`describe-hub`), or undefined. */
export function sdkCommand(name: string): CommandSpec | undefined {
  const operation = operationsByName().get(name);
  return operation === undefined ? undefined : sdkOperation(operation);
}
