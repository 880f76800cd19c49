/**
 * The Security Hub client the CLI talks through. A deployed API sits behind API Gateway with IAM
 * auth, so its requests are SigV4-signed for `execute-api`, not `securityhub`.
 */
import type { EventBridgeClient, EventBridgeClientConfig } from '@aws-sdk/client-eventbridge';
import type { SecurityHubClientConfig } from '@aws-sdk/client-securityhub';
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { securityHub } from './sdk';

/** Defined (`true`) by the bundle's build (`bin/build.mjs`); undeclared under tsx and Jest. */
declare const SECHUB_BUNDLED: boolean | undefined;
import type { SFNClient, SFNClientConfig } from '@aws-sdk/client-sfn';

/** Where an endpoint lives, as far as signing is concerned. */
export interface EndpointKind {
  /** SigV4 service name. */
  signingName: 'execute-api' | 'securityhub';
  /** Region named by the host (`*.execute-api.<region>.amazonaws.com`). */
  region?: string;
  /** Loopback endpoints (the embedded default) get dummy credentials unless the env has some. */
  loopback: boolean;
}

const EXECUTE_API_HOST = /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/i;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Classifies an endpoint URL. */
export function endpointKind(endpoint: string): EndpointKind {
  const { hostname } = new URL(endpoint);
  const executeApi = EXECUTE_API_HOST.exec(hostname);
  if (executeApi) return { signingName: 'execute-api', region: executeApi[1].toLowerCase(), loopback: false };
  return { signingName: 'securityhub', loopback: LOOPBACK_HOSTS.has(hostname.toLowerCase()) };
}

/**
 * Signs with `signingName` instead of the model's `securityhub`. The client's auth scheme
 * provider decides the signing properties per request; this one is the SDK's default sigv4 option
 * with another service name (`signingName` is what `AwsSdkSigV4Signer` passes as the SigV4 service).
 */
function sigv4As(signingName: string): NonNullable<SecurityHubClientConfig['httpAuthSchemeProvider']> {
  return (parameters) => [
    {
      schemeId: 'aws.auth#sigv4',
      signingProperties: { name: signingName, signingName, region: parameters.region },
      propertiesExtractor: (config, context) => ({ signingProperties: { config, context } }),
    },
  ];
}

/** Options of {@link createSecurityHubClient}. */
export interface ClientOptions {
  endpoint: string;
  region?: string;
  env?: NodeJS.ProcessEnv;
  /** Credentials; by default the SDK's chain (env, profile, SSO…), or dummy ones for loopback. */
  credentials?: SecurityHubClientConfig['credentials'];
  /** For tests: the HTTP handler (e.g. one whose agent resolves names locally). */
  requestHandler?: SecurityHubClientConfig['requestHandler'];
}

/** A client for the endpoint, signing as the endpoint expects. */
export function createSecurityHubClient(options: ClientOptions): SecurityHubClient {
  const env = options.env ?? process.env;
  const kind = endpointKind(options.endpoint);
  const credentials = options.credentials ?? (kind.loopback && !env.AWS_ACCESS_KEY_ID ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined);
  const region = options.region ?? kind.region ?? (kind.loopback ? (env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1') : undefined);
  return new (securityHub().SecurityHubClient)({
    endpoint: options.endpoint,
    ...(region !== undefined && { region }),
    ...(credentials !== undefined && { credentials }),
    ...(kind.signingName !== 'securityhub' && { httpAuthSchemeProvider: sigv4As(kind.signingName) }),
    ...(options.requestHandler !== undefined && { requestHandler: options.requestHandler }),
    // One retry at most: a CLI reports errors rather than retrying throttles for long.
    maxAttempts: 2,
  });
}

/**
 * The configuration of a client of another AWS service (EventBridge, Step Functions) for the
 * endpoint: a local endpoint's edge (with dummy credentials unless the env has some); for a
 * deployed API (`*.execute-api.*`), the service itself in the API's Region.
 */
function otherServiceConfig(options: Omit<ClientOptions, 'requestHandler'>): {
  endpoint?: string;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  maxAttempts: number;
} {
  const env = options.env ?? process.env;
  const kind = endpointKind(options.endpoint);
  const credentials = options.credentials ?? (kind.loopback && !env.AWS_ACCESS_KEY_ID ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined);
  const region = options.region ?? kind.region ?? (kind.loopback ? (env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1') : undefined);
  return {
    ...(kind.signingName === 'securityhub' && { endpoint: options.endpoint }),
    ...(region !== undefined && { region }),
    ...(credentials !== undefined && { credentials: credentials as { accessKeyId: string; secretAccessKey: string } }),
    maxAttempts: 2,
  };
}

/*
 * EventBridge and Step Functions are loaded on first use: most commands never need them (start-up
 * time). In the bundle `import()` is a `require` of the package from node_modules (bin/build.mjs); under tsx and Jest `require`.
 */
/* eslint-disable @typescript-eslint/no-require-imports */

/**
 * An EventBridge client for `put-events`: the embedded default's edge for a local endpoint; for a
 * deployed API, EventBridge itself in the API's Region (the stack's rules listen on that Region's
 * default and ingestion buses).
 */
export async function createEventBridgeClient(options: Omit<ClientOptions, 'requestHandler'>): Promise<EventBridgeClient> {
  const { EventBridgeClient } =
    typeof SECHUB_BUNDLED === 'undefined' ? (require('@aws-sdk/client-eventbridge') as typeof import('@aws-sdk/client-eventbridge')) : await import('@aws-sdk/client-eventbridge');
  return new EventBridgeClient(otherServiceConfig(options) as EventBridgeClientConfig);
}

/**
 * A Step Functions client for `start-compliance-evaluation` and `remediate`: the embedded
 * default's edge for a local endpoint; for a deployed API, Step Functions itself in the API's Region.
 */
export async function createStepFunctionsClient(options: Omit<ClientOptions, 'requestHandler'>): Promise<SFNClient> {
  const { SFNClient } = typeof SECHUB_BUNDLED === 'undefined' ? (require('@aws-sdk/client-sfn') as typeof import('@aws-sdk/client-sfn')) : await import('@aws-sdk/client-sfn');
  return new SFNClient(otherServiceConfig(options) as SFNClientConfig);
}
/* eslint-enable @typescript-eslint/no-require-imports */
