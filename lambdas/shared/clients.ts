/**
 * The AWS SDK clients of a function, kept at module scope like Lambda's best practice says: one
 * client per client class, created on first use with no configuration, so the SDK takes Region,
 * credentials and endpoint from the environment as it always does (`AWS_ENDPOINT_URL_<SERVICE>`,
 * then `AWS_ENDPOINT_URL`: the embedded default points them at its local services). The
 * environment is read when a client is asked for, never at module load, and a changed `AWS_*`
 * environment (another embedded default in the same test process) gets a client of its own.
 *
 * In Lambda (`AWS_EXECUTION_ENV` set) every client is wrapped by Powertools Tracer's
 * `captureAWSv3Client`, so its calls appear as X-Ray subsegments of the invocation. Elsewhere (the
 * embedded default, tests, the CLI) the tracer is not even loaded: loading it starts the X-Ray SDK's
 * async-hooks context for the whole process. `POWERTOOLS_TRACE_ENABLED=false` turns it off in Lambda too.
 *
 * ```ts
 * const dynamo = awsClient(DynamoDBClient);
 * ```
 */
import type { Tracer } from '@aws-lambda-powertools/tracer';

/** An AWS SDK v3 client class that can be created from the environment alone. */
export type AwsClientClass<Client extends object> = new (...configuration: [] | [{ region?: string }]) => Client;

const clients = new Map<AwsClientClass<object>, Map<string, object>>();
let tracer: Tracer | undefined;

/** True when clients are traced: in a Lambda execution environment, unless `POWERTOOLS_TRACE_ENABLED` is `false`. */
export function tracingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.AWS_EXECUTION_ENV ?? '') !== '' && env.POWERTOOLS_TRACE_ENABLED?.toLowerCase() !== 'false';
}

/** The `AWS_*` environment a client is configured from, as one comparable string. */
function awsEnvironment(): string {
  return Object.entries(process.env)
    .filter(([name]) => name.startsWith('AWS_'))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value ?? ''}`)
    .join('\n');
}

function traced<Client extends object>(client: Client): Client {
  if (!tracingEnabled()) return client;
  if (tracer === undefined) {
    // Loaded only here, in Lambda: see the module's comment.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Tracer: TracerClass } = require('@aws-lambda-powertools/tracer') as typeof import('@aws-lambda-powertools/tracer');
    tracer = new TracerClass();
  }
  return tracer.captureAWSv3Client(client);
}

/**
 * The function's client of `Client` (created on first use; the same one afterwards while the
 * `AWS_*` environment stays the same). `region`: a client of that Region instead of the
 * environment's (a regional playbook's functions reach the home Region's table and bus; a
 * playbook of another Region is started or answered there).
 */
export function awsClient<Client extends object>(Client: AwsClientClass<Client>, region?: string): Client {
  const byEnvironment = clients.get(Client) ?? new Map<string, object>();
  clients.set(Client, byEnvironment);
  const environment = `${awsEnvironment()}\nregion=${region ?? ''}`;
  let client = byEnvironment.get(environment) as Client | undefined;
  if (client === undefined) {
    client = traced(region === undefined ? new Client() : new Client({ region }));
    byEnvironment.set(environment, client);
  }
  return client;
}
