/**
 * `sechub list-deliveries`: what the integrations sent (on the embedded default, the requests its
 * capture endpoint recorded instead of sending them to Slack, Teams, PagerDuty, Opsgenie, Jira or
 * ServiceNow), newest first.
 */
import type { CommandSpec } from './commands';
import { sendOwnOperation } from './own-operations';

/** The command's registry entry. */
export const LIST_DELIVERIES: CommandSpec = {
  name: 'list-deliveries',
  operation: 'ListDeliveries',
  summary:
    'Prints the requests the integrations would have sent (embedded default: captured, never sent), newest first (--destination NAME, --max-items N, default 20).',
  parameters: [
    { flag: 'max-items', member: 'MaxItems', kind: 'integer' },
    { flag: 'destination', member: 'Destination', kind: 'string' },
  ],
  send: (client, input) => sendOwnOperation(client, '/_sechub/deliveries', input),
};
