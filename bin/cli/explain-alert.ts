/**
 * `sechub explain-alert --finding-id <Id> [--product-arn <arn>] [--max-results N]`: which alert rule
 * sent or held each decided version of a finding, and why (our ExplainAlert operation).
 */
import { flag, type CommandSpec } from './command-spec';
import { ownOperation } from './own-operations';

/** The `explain-alert` subcommand. */
export const EXPLAIN_ALERT_COMMAND: CommandSpec = ownOperation('/alerts/explain', {
  name: 'explain-alert',
  operation: 'ExplainAlert',
  summary: "Says which alert rule sent or held a finding's changes and why, and how its resource groups stand (--finding-id, --product-arn when the Id is not unique).",
  parameters: [flag('finding-id', 'string', { required: true }), flag('product-arn', 'string'), flag('max-results', 'integer')],
});
