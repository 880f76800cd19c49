/**
 * The console's one way to the API: `@aws-sdk/client-securityhub` for Security Hub's operations,
 * and our own operations (scores, finding groups, remediation, reports) through the same client —
 * a modelled command carries the request and two middlewares swap its path and body before
 * signing (as `sechub` does), so both get the same endpoint, SigV4 signing and error classes.
 * Deployed, requests are signed for `execute-api` with the signed-in user's Cognito credentials.
 */
import { GetEnabledStandardsCommand, SecurityHubClient, type SecurityHubClientConfig } from '@aws-sdk/client-securityhub';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { RuntimeConfig } from './config';

interface HttpMessage {
  path?: string;
  body?: unknown;
  headers: Record<string, string>;
  statusCode?: number;
}

/** The API as the views use it. */
export interface ConsoleApi {
  hub: SecurityHubClient;
  /** POSTs `input` as JSON to one of our own operations' paths; resolves to the JSON answer. */
  own<T>(path: string, input: Record<string, unknown>): Promise<T>;
  /** Who the console says makes changes (BatchUpdateFindings' `Note.UpdatedBy`). */
  user: string;
  config: RuntimeConfig;
}

/** Signs with `execute-api` instead of the model's `securityhub` (API Gateway's IAM auth). */
function sigv4As(signingName: string): NonNullable<SecurityHubClientConfig['httpAuthSchemeProvider']> {
  return (parameters) => [
    {
      schemeId: 'aws.auth#sigv4',
      signingProperties: { name: signingName, signingName, region: parameters.region },
      propertiesExtractor: (config, context) => ({ signingProperties: { config, context } }),
    },
  ];
}

async function readBody(body: unknown): Promise<Uint8Array> {
  if (body === undefined || body === null) return new Uint8Array();
  if (body instanceof Uint8Array) return body;
  return new Uint8Array(await new Response(body as BodyInit).arrayBuffer());
}

/** Builds the client for the runtime configuration. */
export function createConsoleApi(config: RuntimeConfig, credentials?: AwsCredentialIdentityProvider, user = 'console'): ConsoleApi {
  const hub =
    config.mode === 'local'
      ? new SecurityHubClient({
          endpoint: window.location.origin,
          region: config.region ?? 'us-east-1',
          // The embedded default does not check signatures; the SDK still signs, so it needs some.
          credentials: { accessKeyId: 'console', secretAccessKey: 'console' },
        })
      : new SecurityHubClient({
          endpoint: config.apiUrl.replace(/\/$/, ''),
          region: config.region,
          credentials,
          httpAuthSchemeProvider: sigv4As('execute-api'),
        });
  const endpointPath = config.mode === 'deployed' ? new URL(config.apiUrl).pathname.replace(/\/$/, '') : '';
  async function own<T>(path: string, input: Record<string, unknown>): Promise<T> {
    const command = new GetEnabledStandardsCommand({});
    const body = JSON.stringify(input);
    let answer: unknown = {};
    command.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as HttpMessage;
        request.path = `${endpointPath}${path}`;
        request.body = body;
        request.headers['content-type'] = 'application/json';
        return next(args);
      },
      { step: 'build', priority: 'high', name: 'consoleOwnOperationRequest' },
    );
    command.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const response = result.response as HttpMessage;
        const bytes = await readBody(response.body);
        if (response.statusCode !== undefined && response.statusCode < 300) {
          answer = bytes.length > 0 ? JSON.parse(new TextDecoder().decode(bytes)) : {};
          response.body = new TextEncoder().encode('{}');
        } else {
          response.body = bytes; // the SDK's deserializer raises the modelled exception
        }
        return result;
      },
      { step: 'deserialize', priority: 'low', name: 'consoleOwnOperationResponse' },
    );
    await hub.send(command);
    return answer as T;
  }
  return { hub, own, user, config };
}
