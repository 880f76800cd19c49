/**
 * The console's one way to the API: `@aws-sdk/client-securityhub` for Security Hub's operations,
 * and our own operations (scores, finding groups, remediation, reports) through the same client,
 * by the call `sechub` makes too (bin/cli/own-operation-call.ts), so both get the same endpoint,
 * SigV4 signing and error classes.
 * Deployed, requests are signed for `execute-api` with the signed-in user's Cognito credentials.
 */
import { GetEnabledStandardsCommand, SecurityHubClient, type SecurityHubClientConfig } from '@aws-sdk/client-securityhub';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { callOwnOperation } from '../../../bin/cli/own-operation-call';
import type { RuntimeConfig } from './config';

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
  const own = <T>(path: string, input: Record<string, unknown>) => callOwnOperation<T>(hub, GetEnabledStandardsCommand, path, input);
  return { hub, own, user, config };
}
