/**
 * Runs one `sechub` command: parse and check the input (against the operation's shape from the
 * SDK), pick the endpoint (starting an in-process embedded default when the default endpoint has
 * nobody listening), call, print (`--query`, `--output json|table|text`), map errors to exit
 * codes as the AWS CLI does (252 usage, 254 service error, 255 anything else) plus 1 when the call
 * succeeded but what it reports failed (a waited run FAILED, failed put-events entries).
 *
 * Start-up: what this module imports statically is all a call that names no command
 * (`--version`, `--help`) loads. The SDK is loaded (`loadSdk`) only when the command line names a
 * command, the clients (`./client`) only when one is called.
 */
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { DEFAULT_ENDPOINT } from '../../lib/local/defaults';
import { HEALTH_PATH } from '../../lib/local/engine/health';
import { helpText, parseCommandLine, type CommandLine } from './args';
import { findCommand, type CommandSpec, type OtherClients, type Output } from './commands';
import { skeletonFor } from './input';
import { applyQuery, formatOutput } from './output';
import { loadSdk } from './sdk';
import { ServiceError, UsageError } from './values';
import { version } from '../../package.json';

/** Defined (`true`) by the bundle's build (`bin/build.mjs`); undeclared under tsx and Jest. */
declare const SECHUB_BUNDLED: boolean | undefined;

/** The client factories, loaded when a command is called (in the bundle: initialized then, with the Security Hub client). */
async function clients(): Promise<typeof import('./client')> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return typeof SECHUB_BUNDLED === 'undefined' ? (require('./client') as typeof import('./client')) : import('./client');
}

/**
 * Loads what parsing the command line needs when it may name a command (a word that is not a
 * flag): the SDK (flags and checks come from its schemas) and what that command preloads.
 */
async function loadForCommandLine(argv: readonly string[]): Promise<void> {
  const words = argv.filter((token) => !token.startsWith('-') && token !== 'help');
  if (words.length === 0) return;
  // A line naming one SDK operation (its flags' values are words too, but name no command) loads that command alone.
  const named = words.flatMap((word) => findCommand(word) ?? []);
  await loadSdk(named.length === 1 && named[0].sdkOnly === true ? named[0].operation : undefined);
  for (const command of named) await command.preload?.();
}

/** The subcommand `sechub normalize` (handled before the command line is parsed). */
const NORMALIZE_COMMAND = 'normalize';

/** Where the CLI writes, and what it reads from the environment. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** The endpoint used when none is given (tests point it at a closed port). */
  defaultEndpoint?: string;
}

/** Exit codes (the AWS CLI's, plus `failed`: the call succeeded and reports a failure). */
export const EXIT = { ok: 0, failed: 1, usage: 252, service: 254, other: 255, interrupted: 130 } as const;

/** True when something answers HTTP on the endpoint. */
async function isListening(endpoint: string): Promise<boolean> {
  try {
    await fetch(new URL(HEALTH_PATH, endpoint), { signal: AbortSignal.timeout(1500) });
    return true;
  } catch {
    return false;
  }
}

/** Calls a command, paging through results as the AWS CLI does for paginated operations. */
export async function callCommand(client: SecurityHubClient, line: CommandLine & { command: CommandSpec }, others?: OtherClients): Promise<Output> {
  const { command, input, paging } = line;
  if (command.pagination === undefined || !paging.paginate) return command.send(client, input, others);
  const itemsMember = command.pagination.items;
  const items: unknown[] = [];
  let token = paging.startingToken;
  for (;;) {
    const remaining = paging.maxItems === undefined ? undefined : paging.maxItems - items.length;
    const pageLimit = Math.min(paging.pageSize ?? 100, remaining ?? 100);
    const wantsLimit = paging.pageSize !== undefined || remaining !== undefined;
    const page = await command.send(client, {
      ...input,
      ...(token !== undefined && { NextToken: token }),
      ...(wantsLimit && { MaxResults: pageLimit }),
    });
    items.push(...((page[itemsMember] as unknown[] | undefined) ?? []));
    token = page.NextToken as string | undefined;
    if (!token) return { [itemsMember]: items };
    if (paging.maxItems !== undefined && items.length >= paging.maxItems) return { [itemsMember]: items, NextToken: token };
  }
}

function describeError(error: unknown, operation: string, endpoint: string): { text: string; code: number } {
  // Any AWS service's modeled or unmodeled error (Security Hub, EventBridge): it came from the server.
  if (error instanceof ServiceError || (error instanceof Error && '$fault' in error && '$metadata' in error)) {
    return { text: `An error occurred (${error.name}) when calling the ${operation} operation: ${error.message}`, code: EXIT.service };
  }
  if (error instanceof UsageError) return { text: error.message, code: EXIT.usage };
  const cause = (error as { code?: string; cause?: { code?: string } }) ?? {};
  if (cause.code === 'ECONNREFUSED' || cause.cause?.code === 'ECONNREFUSED') {
    return { text: `Could not connect to the endpoint URL: "${endpoint}"`, code: EXIT.other };
  }
  return { text: error instanceof Error ? `${error.name}: ${error.message}` : String(error), code: EXIT.other };
}

/** Runs the CLI; resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  // `normalize` runs here, on the registry: no endpoint, nothing written. Loaded only for it (start-up time).
  if (argv.find((token) => !token.startsWith('-')) === NORMALIZE_COMMAND) {
    const { runNormalize } =
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      typeof SECHUB_BUNDLED === 'undefined' ? (require('./normalize') as typeof import('./normalize')) : await import('./normalize');
    return runNormalize(argv.slice(argv.indexOf(NORMALIZE_COMMAND) + 1), io);
  }
  let line: CommandLine;
  try {
    await loadForCommandLine(argv);
    line = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`${error.message}\n\nusage: sechub [options] <command> [parameters]\nTo see help text, run: sechub help (or sechub <command> help)\n`);
    return EXIT.usage;
  }
  if (line.global.version) {
    io.stdout(`sechub ${version} (Node ${process.versions.node})\n`);
    return EXIT.ok;
  }
  if (line.global.help || line.command === undefined) {
    io.stdout(helpText(line.command));
    return line.global.help ? EXIT.ok : EXIT.usage;
  }
  if (line.skeleton !== undefined) {
    try {
      io.stdout(`${JSON.stringify(skeletonFor(line.command, line.skeleton), null, 4)}\n`);
      return EXIT.ok;
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr(`${error.message}\n`);
      return EXIT.usage;
    }
  }
  if (line.global.profile !== undefined) io.env.AWS_PROFILE = line.global.profile;

  const explicit = line.global.endpointUrl ?? io.env.SECHUB_ENDPOINT_URL;
  let endpoint = explicit ?? io.defaultEndpoint ?? DEFAULT_ENDPOINT;
  let embedded: { stop(): Promise<void> } | undefined;
  if (explicit === undefined && !(await isListening(endpoint))) {
    // Loaded only here: the embedded default brings dynalite and the handlers.
    const { loadEmbeddedDefault } =
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      typeof SECHUB_BUNDLED === 'undefined' ? (require('./embedded') as typeof import('./embedded')) : await import('./embedded');
    const { startEmbeddedDefault } = loadEmbeddedDefault();
    // Handler logs would mix with the command's JSON on stdout.
    let local: Awaited<ReturnType<typeof startEmbeddedDefault>>;
    try {
      local = await startEmbeddedDefault({ port: 0, dataDir: line.global.dataDir ?? io.env.SECHUB_DATA_DIR, logLevel: 'SILENT' });
    } catch (error) {
      io.stderr(`No server at ${endpoint}, and no embedded default could start: ${(error as Error).message}\n`);
      return EXIT.other;
    }
    io.stderr(`(no server at ${endpoint}: ran on an in-process embedded default, data dir ${local.dataDir})\n`);
    endpoint = local.endpoint;
    embedded = local;
  }
  const { createEventBridgeClient, createSecurityHubClient, createStepFunctionsClient } = await clients();
  const client = createSecurityHubClient({ endpoint, region: line.global.region, env: io.env });
  let events: EventBridgeClient | undefined;
  let stepFunctions: SFNClient | undefined;
  const regionalStepFunctions = new Map<string, SFNClient>();
  const others: OtherClients = {
    events: async () => (events ??= await createEventBridgeClient({ endpoint, region: line.global.region, env: io.env })),
    stepFunctions: async () => (stepFunctions ??= await createStepFunctionsClient({ endpoint, region: line.global.region, env: io.env })),
    stepFunctionsIn: async (region) => {
      const client = regionalStepFunctions.get(region) ?? (await createStepFunctionsClient({ endpoint, region, env: io.env }));
      regionalStepFunctions.set(region, client);
      return client;
    },
  };
  try {
    const { command } = line;
    const output = await callCommand(client, { ...line, command }, others);
    const format = line.global.output ?? command.display?.output ?? 'json';
    io.stdout(formatOutput(applyQuery(output, line.global.query), format, command.operation, { keepOrder: command.display?.keepOrder }));
    const outcome = command.outcome?.(output, line.input);
    if (outcome !== undefined && outcome.code !== EXIT.ok) {
      if (outcome.message) io.stderr(`\n${outcome.message}\n`);
      return outcome.code;
    }
    return EXIT.ok;
  } catch (error) {
    const { text, code } = describeError(error, line.command.operation, endpoint);
    io.stderr(`\n${text}\n`);
    return code;
  } finally {
    client.destroy();
    events?.destroy();
    stepFunctions?.destroy();
    for (const regional of regionalStepFunctions.values()) regional.destroy();
    // An in-process embedded default delivers put events before it stops.
    await embedded?.stop();
  }
}
