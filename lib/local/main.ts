/**
 * `npm start`: the embedded default on one port.
 *
 *   node --import tsx lib/local/main.ts [--port 4580] [--host 127.0.0.1] [--data-dir .data] [--no-demo]
 */
import { parseArgs } from 'node:util';
import { DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PORT } from './defaults';
import { startEmbeddedDefault, type EmbeddedDefault } from './server';

const USAGE = `Usage: npm start -- [--port N] [--host ADDRESS] [--data-dir DIR] [--no-demo]

  --port N         edge port (default ${DEFAULT_PORT}; 0 picks a free one)
  --host ADDRESS   address to listen on (default ${DEFAULT_HOST})
  --data-dir DIR   where findings persist (default ${DEFAULT_DATA_DIR})
  --no-demo        do not load the demo organization into a fresh data dir (docs/demo.md)
`;

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be an integer 0..65535, got '${text}'`);
  return port;
}

/** Loads the demo organization on a fresh data dir, printing progress (docs/demo.md). */
async function loadDemo(local: EmbeddedDefault): Promise<void> {
  const state = await local.demo.state();
  if (!local.demoPending) {
    const why =
      state?.status === 'LOADED'
        ? `loaded ${state.loadedAt}`
        : state?.status === 'LOADING'
          ? 'a load was interrupted: npx sechub demo --reset'
          : 'not loaded (not a fresh data dir, or --no-demo)';
    process.stdout.write(`  demo:      ${why}\n`);
    return;
  }
  process.stdout.write('  demo:      loading the demo organization (skip with npm start -- --no-demo)…\n');
  const loaded = await local.demo.load((message) => process.stdout.write(`             ${message}\n`));
  process.stdout.write(
    `  demo:      loaded in ${loaded.ms} ms: ${loaded.accounts} accounts in ${loaded.regions?.join(', ')}, ${loaded.snapshots} days of score history; ` +
      `npx sechub demo --reset --endpoint-url ${local.endpoint} restores it\n`,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: String(DEFAULT_PORT) },
      host: { type: 'string', default: DEFAULT_HOST },
      'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
      'no-demo': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const started = Date.now();
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const local = await startEmbeddedDefault({
    port: parsePort(values.port),
    host: values.host,
    dataDir: values['data-dir'],
    demo: !values['no-demo'],
    // Handlers log every event at INFO; the terminal shows warnings and errors unless asked for more.
    logLevel: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    onError: (error) => console.error('Edge error:', error),
    log: (message) => console.error(`[events] ${message}`),
  });
  const functions = Object.values(local.model.functions);
  process.stdout.write(
    [
      `Open Security Hub (embedded default) ready in ${Date.now() - started} ms (${Math.round(performance.now())} ms since process start)`,
      `  endpoint:  ${local.endpoint}`,
      `  events:    ${local.endpoint} (EventBridge PutEvents: npx sechub put-events …)`,
      `  console:   ${local.endpoint}/console/`,
      `  services:  ${local.services.map((service) => service.name).join(', ')}`,
      `  stack:     ${local.model.stackName} (template ${local.stackSource.from === 'cache' ? 'from cache' : 'synthesized'} in ${local.stackSource.ms} ms): ` +
        `${functions.length} functions, ${local.eventBus.rules.length} rules on ${['default', ...local.model.buses].join(', ')}, ` +
        `${Object.keys(local.model.queues).length} queues`,
      `  data dir:  ${local.dataDir}`,
      `  try:       npx sechub get-findings --endpoint-url ${local.endpoint}`,
      `             npx sechub get-findings --sort-criteria Field=Priority,SortOrder=desc --max-items 10 --endpoint-url ${local.endpoint}`,
      `             aws securityhub get-findings --endpoint-url ${local.endpoint} --region us-east-1`,
      `             npx sechub put-events --entries file://event.json --endpoint-url ${local.endpoint}`,
      `             aws sqs list-queues --endpoint-url ${local.endpoint} --region us-east-1`,
      `             npx sechub list-alerts --endpoint-url ${local.endpoint}`,
      `             npx sechub start-compliance-evaluation --wait --endpoint-url ${local.endpoint}`,
      `             npx sechub simulate-change --resource-type AWS::KMS::Key --resource-id 1a2b3c4d-0000-4000-8000-000000000002 --set supplementaryConfiguration.KeyRotationStatus=true --endpoint-url ${local.endpoint}`,
      '',
    ].join('\n'),
  );
  // Signals stop the edge cleanly also while the demo loads (the load then ends with an error that is not one).
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: stopping…\n`);
    local.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Error while stopping:', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  await loadDemo(local).catch((error: unknown) => {
    if (!stopping) throw error;
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
