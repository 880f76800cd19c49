/**
 * `sechub demo [--reset]`: the demo organization of the embedded default (docs/demo.md). Without
 * flags it prints the demo's state; `--reset` wipes the findings table and the simulated member
 * accounts, loads the demo again and waits until it is loaded (local only: the embedded default's
 * `/_sechub/demo` paths).
 */
import { defineCommand, flag, type CommandSpec } from './command-spec';
import { sendOwnOperation } from './own-operations';

/** The `demo` command. */
export const DEMO_COMMAND: CommandSpec = defineCommand({
  name: 'demo',
  operation: 'Demo',
  summary: "Prints the demo organization's state (embedded default only); --reset wipes the findings and simulated accounts and loads the demo again.",
  parameters: [flag('reset', 'boolean')],
  async send(client, input) {
    if (input.Reset !== true) return sendOwnOperation(client, '/_sechub/demo', {});
    await sendOwnOperation(client, '/_sechub/demo/reset', {});
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const state = await sendOwnOperation(client, '/_sechub/demo', {});
      if (state.Status !== 'LOADING') return state;
    }
  },
});

/** How often `--reset` asks whether the load is done. */
const POLL_MS = 2000;
