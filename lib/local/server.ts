/**
 * Boots the embedded default: dynalite, the stack's tables, the environment the handlers read,
 * and the edge server in front of the local services.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { ensureFindingsTableLayout } from '../../lambdas/store';
import { DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PORT, LOCAL_ACCOUNT_ID, LOCAL_REGION, LOCAL_TABLES } from './defaults';
import { configItemsFile, openLocalConfig, publishAccountSettings } from './config-service';
import { isFreshDataDir, LocalDemo } from './demo/loader';
import { seedLocalFindingAggregator } from './finding-aggregator';
import { demoService } from './demo/service';
import { startLocalDynamo } from './dynamo';
import { startStreamProxy, streamTablesOf, type DynamoRequestCounts, type DynamoStreamRecord } from './engine';
import { createEdgeServer, type EdgeService } from './engine';
import { consoleService } from './console-static';
import { organizationsService, syncOrganizationAtStart } from './organizations-service';
import { DEFAULT_MODEL_CACHE_DIR, LocalEventBus } from './engine';
import { LocalFunctions } from './engine';
import { CAPTURE_PATH, IntegrationsCapture } from './integrations-capture';
import { LocalQueues } from './engine';
import { ResponderRules } from './responder-rules';
import { localServices } from './services';
import { extractSchedules, LocalScheduler } from './engine';
import { LocalSns } from './engine';
import { LocalStreams } from './engine';
import { localStateMachinesOf } from './engine';
import { SimulatedMemberAccounts } from './member-account/account';
import { callMemberAction } from './member-account/registry';
import { extractStackModel, type StackModel } from './engine';
import { loadStackTemplate, PROJECT_ROOT, type LoadedStack } from './engine';

/** Options of {@link startEmbeddedDefault}. */
export interface EmbeddedDefaultOptions {
  /** Edge port; `0` picks a free one. Default 4580. */
  port?: number;
  host?: string;
  /** Where dynalite persists; created if missing. Default `.data` in the project root. */
  dataDir?: string;
  /** Handler log level (sets Powertools' `POWERTOOLS_LOG_LEVEL`); by default the environment's. */
  logLevel?: string;
  onError?: (error: unknown) => void;
  /** Where the synthesized stack is cached (see stack-source.ts). Default `node_modules/.cache/open-security-hub`. */
  modelCacheDir?: string;
  /** First retry delay of event delivery and asynchronous invocation, doubled per retry. Default 1000 ms. */
  retryBackoffMs?: number;
  /** Messages about event delivery (dead letters, dropped events). Default: none. */
  log?: (message: string) => void;
  /** Run the stack's schedule rules (score snapshots, the daily sweep). Default true. */
  schedules?: boolean;
  /** Offer the demo organization (lib/local/demo/) for loading when the data dir is fresh (`demoPending`). Default false; `npm start` says true. */
  demo?: boolean;
  /** Interposes on the handlers' DynamoDB endpoint: given the one they would use, returns the one they use (the cost meter, lib/cost/). */
  dynamoTap?: (endpoint: string) => Promise<string>;
  /** Also receives the findings table's stream records (the cost meter's index write units). */
  onStreamRecords?: (table: string, records: readonly DynamoStreamRecord[]) => void;
}

/** A running embedded default. */
export interface EmbeddedDefault {
  endpoint: string;
  port: number;
  dataDir: string;
  dynamoEndpoint: string;
  services: readonly EdgeService[];
  /** The stack as it runs here (functions, rules, queues from the synthesized template). */
  model: StackModel;
  /** The routing rules in effect. */
  eventBus: LocalEventBus;
  /** Where the template came from and how long that took. */
  stackSource: Pick<LoadedStack, 'from' | 'ms'>;
  /** Resolves when no event delivery, stream delivery or execution is in flight. */
  idle(): Promise<void>;
  /** The demo organization (load, reset, state). */
  demo: LocalDemo;
  /** True when the demo was asked for and this data dir is fresh: call `demo.load()`. */
  demoPending: boolean;
  /** What the handlers asked of DynamoDB and of Lambda so far (the bench's requests per finding). */
  counts(): { dynamo: DynamoRequestCounts; invocations: Record<string, number>; invocationTimes: Record<string, { invocations: number; ms: number }> };
  /** Waits for in-flight deliveries, then stops. */
  stop(): Promise<void>;
}

/** Where responders' own EventBridge rules persist under a data dir. */
export function responderRulesFile(dataDir: string): string {
  return join(dataDir, 'events', 'rules.json');
}

/** Where the dead-letter queues persist under a data dir. */
export function queuesFile(dataDir: string): string {
  return join(dataDir, 'sqs', 'queues.json');
}

/** Where the local SNS keeps subscriptions and each topic's recent messages under a data dir. */
export function snsFile(dataDir: string): string {
  return join(dataDir, 'sns', 'sns.json');
}

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * What the handlers read from the environment besides the template's, exactly as the stack sets it
 * for the deployed functions plus the endpoint overrides and dummy credentials of a local run.
 * Given to each function's isolate (never set on this process): `edge` is known once it listens.
 */
function handlerEnvironment(dynamoEndpoint: string, edge: string | undefined, logLevel: string | undefined): Record<string, string> {
  return {
    // Services the embedded default does not emulate must never reach AWS from a laptop: the SDK's
    // global endpoint points them at a closed loopback port, so they fail at once.
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
    FINDINGS_TABLE: LOCAL_TABLES.findings,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    ...(logLevel !== undefined && { POWERTOOLS_LOG_LEVEL: logLevel }),
    ...(edge !== undefined && {
      AWS_ENDPOINT_URL_CONFIG_SERVICE: edge, // the simulated member account's AWS Config
      AWS_ENDPOINT_URL_EVENTBRIDGE: edge, // the sweep's snapshot task puts score events on the local bus
      AWS_ENDPOINT_URL_SNS: edge, // the alert router publishes to the local alerts topic
      AWS_ENDPOINT_URL_ORGANIZATIONS: edge, // the organization sync reads the local organization (organizations-service.ts)
      AWS_ENDPOINT_URL_SFN: edge, // approvals answer the playbooks' task tokens (SendTaskSuccess / SendTaskFailure)
      SECHUB_INTEGRATIONS_CAPTURE_URL: `${edge}${CAPTURE_PATH}`, // integrations send here, never to the real destinations
    }),
  };
}

/** Names the process serving a data dir, so a second one fails clearly instead of on LevelDB's lock. */
const LOCK_FILE = 'embedded-default.json';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function assertDataDirFree(dataDir: string): Promise<void> {
  let owner: { pid: number; endpoint: string };
  try {
    owner = JSON.parse(await readFile(join(dataDir, LOCK_FILE), 'utf8'));
  } catch {
    return;
  }
  if (owner.pid !== process.pid && isAlive(owner.pid)) {
    throw new Error(
      `Data dir ${dataDir} is in use by the embedded default of process ${owner.pid} at ${owner.endpoint}: ` + `use --endpoint-url ${owner.endpoint}, or another --data-dir`,
    );
  }
}

/**
 * Starts dynalite, creates the tables, and serves the edge. Several may run in one process (each
 * with its own data dir and port): every function runs in isolates of its own, with this
 * embedded default's environment.
 */
export async function startEmbeddedDefault(options: EmbeddedDefaultOptions = {}): Promise<EmbeddedDefault> {
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  await assertDataDirFree(dataDir);
  const fresh = await isFreshDataDir(dataDir, configItemsFile(dataDir));
  // Synthesis (cold) runs while dynalite starts.
  const stackLoading = loadStackTemplate({ cacheDir: options.modelCacheDir });
  stackLoading.catch(() => undefined);
  const dynamo = await startLocalDynamo({ dataDir });
  let stopFunctions = async (): Promise<void> => undefined;
  try {
    const stack = await stackLoading;
    // The stack has one table, the findings table.
    const names = { stackName: stack.stackName, account: LOCAL_ACCOUNT_ID, region: LOCAL_REGION, tableName: () => LOCAL_TABLES.findings };
    const model = extractStackModel(stack.template, names);
    const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    try {
      const layout = await ensureFindingsTableLayout(client, LOCAL_TABLES.findings);
      if (fresh) await seedLocalFindingAggregator(client, LOCAL_TABLES.findings, { accountId: LOCAL_ACCOUNT_ID, region: LOCAL_REGION });
      if (layout.action === 'rebuilt') {
        options.log?.(`Rebuilt the local findings table for its indexes (+${layout.addedIndexes.join(', +') || 'none'}; ${layout.items} items kept)`);
      }
    } finally {
      client.destroy();
    }
    const queues = await LocalQueues.open(Object.values(model.queues), { file: queuesFile(dataDir) });
    let handlerEnv: Record<string, string> = {};
    let dynamoEndpoint = '';
    const functions = new LocalFunctions(model.functions, PROJECT_ROOT, { account: LOCAL_ACCOUNT_ID, region: LOCAL_REGION, environment: () => handlerEnv });
    // DynamoDB Streams (dynalite has none): handlers write through a proxy that makes the records.
    stopFunctions = () => functions.stop();
    const streams = new LocalStreams({ model, functions, queues, account: LOCAL_ACCOUNT_ID, region: LOCAL_REGION, backoffMs: options.retryBackoffMs, log: options.log });
    const streamProxy = await startStreamProxy({
      target: dynamo.endpoint,
      tables: streamTablesOf(stack.template, model, names),
      region: LOCAL_REGION,
      onRecords: (table, records) => {
        streams.append(table, records);
        options.onStreamRecords?.(table.name, records);
      },
    });
    dynamoEndpoint = (await options.dynamoTap?.(streamProxy.endpoint)) ?? streamProxy.endpoint;
    handlerEnv = handlerEnvironment(dynamoEndpoint, undefined, options.logLevel);
    const responderRules = await ResponderRules.open({ file: responderRulesFile(dataDir), account: LOCAL_ACCOUNT_ID, region: LOCAL_REGION });
    const apiFunction = Object.values(model.functions).find((fn) => fn.entry === 'lambdas/functions/api/handler.ts');
    if (apiFunction === undefined) throw new Error('The stack has no API function (lambdas/functions/api/handler.ts)');
    const eventBus = new LocalEventBus({
      model,
      functions,
      queues,
      account: LOCAL_ACCOUNT_ID,
      region: LOCAL_REGION,
      backoffMs: options.retryBackoffMs,
      log: options.log,
      queueRoutes: responderRules,
    });
    const config = await openLocalConfig({ dataDir, model, account: LOCAL_ACCOUNT_ID, region: LOCAL_REGION });
    // The playbooks' AWS SDK tasks act on the simulated member account (lib/local/member-account/).
    const memberAccounts = new SimulatedMemberAccounts(config, eventBus);
    const stateMachines = localStateMachinesOf(
      stack.template,
      model,
      names,
      functions,
      PROJECT_ROOT,
      (call) => callMemberAction(memberAccounts, call),
      join(DEFAULT_MODEL_CACHE_DIR, 'validated-state-machines.json'),
    );
    const sns = await LocalSns.open({
      topics: Object.values(model.topics ?? {}),
      queues,
      account: LOCAL_ACCOUNT_ID,
      region: LOCAL_REGION,
      file: snsFile(dataDir),
      invokeFunction: (fn, event) => eventBus.invokeFunctionAsync(fn, event),
    });
    const runSweep = async () => {
      const sweep = stateMachines.list().find((candidate) => /ComplianceEvaluation/.test(candidate.logicalId));
      if (sweep === undefined) throw new Error('The stack has no compliance-evaluation state machine');
      const started = stateMachines.start(sweep.arn);
      const execution = started && (await stateMachines.wait(started.executionArn));
      if (execution?.status !== 'SUCCEEDED')
        throw new Error(`The compliance sweep ${execution?.status ?? 'did not start'}: ${execution?.error ?? ''} ${execution?.cause ?? ''}`.trim());
    };
    const demoClients = [streamProxy.endpoint, dynamo.endpoint].map((endpoint) => new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }));
    const demo = new LocalDemo({
      dataDir,
      config,
      bus: eventBus,
      idle: () => idle(),
      runSweep,
      dynamo: demoClients[0],
      rawDynamo: demoClients[1],
      tableName: LOCAL_TABLES.findings,
    });
    const webhookFunction = Object.values(model.functions).find((fn) => fn.entry === 'lambdas/functions/integration-webhook/handler.ts');
    const integrations = await IntegrationsCapture.open({
      file: join(dataDir, 'integrations', 'deliveries.json'),
      ...(webhookFunction && { webhook: { functions, logicalId: webhookFunction.logicalId } }),
    });
    const services = [
      consoleService({ projectRoot: PROJECT_ROOT, region: LOCAL_REGION, log: options.log }),
      ...localServices({
        bus: eventBus,
        queues,
        account: LOCAL_ACCOUNT_ID,
        region: LOCAL_REGION,
        config,
        stateMachines,
        sns,
        responderRules,
        integrations,
        api: { functions, logicalId: apiFunction.logicalId },
      }),
    ];
    const idle = async () => {
      // Deliveries feed each other (a stream record → an event → a handler's write → a record): until all are quiet.
      // An execution started meanwhile (a playbook a finding event dispatched) is waited for too.
      do await Promise.all([eventBus.idle(), stateMachines.idle(), streams.idle()]);
      while (eventBus.busy || streams.busy || stateMachines.busy);
    };
    const server = createEdgeServer([demoService(demo, options.log), organizationsService({ dataDir, account: LOCAL_ACCOUNT_ID }), ...services], options.onError);
    const host = options.host ?? DEFAULT_HOST;
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? DEFAULT_PORT, host, () => resolveListen());
    });
    const { port } = server.address() as AddressInfo;
    const urlHost = host.includes(':') ? `[${host}]` : host;
    const endpoint = `http://${urlHost}:${port}`;
    // Before any function runs (isolates start on first invocation and read their environment then).
    handlerEnv = handlerEnvironment(dynamoEndpoint, endpoint, options.logLevel);
    // The deployed API answers any origin (its callers sign with SigV4); the embedded default's API
    // takes no credentials, so a web page of another origin must not read it: only the console's
    // own origin (this one) is allowed. The API's isolate reads its environment on first use, after this.
    if (apiFunction.environment.CORS_ALLOWED_ORIGIN !== undefined) apiFunction.environment.CORS_ALLOWED_ORIGIN = endpoint;
    const scheduler = new LocalScheduler(
      extractSchedules(stack.template),
      {
        // Lambda's asynchronous invocation, as a schedule rule's target (retries, on-failure destination).
        invokeFunction: async (logicalId, event) => eventBus.invokeFunctionAsync(logicalId, event),
        startStateMachine: (logicalId, input) => {
          const spec = stateMachines.list().find((candidate) => candidate.logicalId === logicalId);
          if (spec === undefined) throw new Error(`no state machine ${logicalId}`);
          stateMachines.start(spec.arn, input);
        },
        log: options.log,
      },
      { account: LOCAL_ACCOUNT_ID, region: LOCAL_REGION, stackName: stack.stackName },
    );
    if (options.schedules !== false) scheduler.start();
    await syncOrganizationAtStart({ dynamo: demoClients[0], tableName: LOCAL_TABLES.findings, dataDir, account: LOCAL_ACCOUNT_ID }); // the hourly organization sync, once now if never run
    publishAccountSettings(config, eventBus); // as the member stack's collector does at deploy: the account settings, once per account and Region
    await idle(); // ready means settled: the settings' control findings are written before the first request
    await writeFile(join(dataDir, LOCK_FILE), JSON.stringify({ pid: process.pid, endpoint }));
    return {
      endpoint,
      port,
      dataDir,
      dynamoEndpoint: streamProxy.endpoint, // writes through it make stream records
      services,
      model,
      eventBus,
      stackSource: { from: stack.from, ms: stack.ms },
      idle,
      demo,
      demoPending: options.demo === true && fresh,
      counts: () => ({ dynamo: streamProxy.requests(), invocations: functions.invocations(), invocationTimes: functions.invocationTimes() }),
      async stop() {
        scheduler.stop();
        await idle();
        for (const demoClient of demoClients) demoClient.destroy();
        const closed = new Promise<void>((done) => server.close(() => done()));
        server.closeAllConnections();
        await closed;
        await functions.stop();
        await streamProxy.stop();
        await dynamo.stop();
        await rm(join(dataDir, LOCK_FILE), { force: true });
      },
    };
  } catch (error) {
    await stopFunctions();
    await dynamo.stop();
    throw error;
  }
}
