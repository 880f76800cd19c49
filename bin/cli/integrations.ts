/**
 * `sechub list-deliveries`: what the integrations sent (on the embedded default, the requests its
 * capture endpoint recorded instead of sending them to Slack, Teams, PagerDuty, Opsgenie, Jira or
 * ServiceNow), newest first.
 */
import { flag, type CommandSpec } from './command-spec';
import { ownOperation } from './own-operations';

/** The command's registry entry. */
export const LIST_DELIVERIES: CommandSpec = ownOperation('/_sechub/deliveries', {
  name: 'list-deliveries',
  operation: 'ListDeliveries',
  summary: 'Prints the requests the integrations would have sent (embedded default: captured, never sent), newest first (--destination NAME, --max-items N, default 20).',
  parameters: [flag('max-items', 'integer'), flag('destination', 'string')],
});
