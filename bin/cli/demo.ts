/**
 * `sechub demo [--reset]`: the demo organization of the embedded default (docs/demo.md). Without
 * flags it prints the demo's state; `--reset` wipes the findings table and the simulated member
 * accounts and loads the demo again (local only: the embedded default's `/_sechub/demo` paths).
 */
import type { CommandSpec } from './commands';
import { sendOwnOperation } from './own-operations';

/** The `demo` command. */
export const DEMO_COMMAND: CommandSpec = {
  name: 'demo',
  operation: 'Demo',
  summary: 'Prints the demo organization\'s state (embedded default only); --reset wipes the findings and simulated accounts and loads the demo again.',
  parameters: [{ flag: 'reset', member: 'Reset', kind: 'boolean' }],
  send: (client, input) => sendOwnOperation(client, input.Reset === true ? '/_sechub/demo/reset' : '/_sechub/demo', {}),
};
