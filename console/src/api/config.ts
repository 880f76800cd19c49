/**
 * The runtime configuration (`config.json` beside `index.html`): which API the console talks to
 * and how it signs. The embedded default serves `{ "mode": "local" }` (same origin, no sign-in);
 * the deployed stack writes the deployed form next to the build.
 */

/** On the embedded default: the API is this page's origin. */
export interface LocalConfig {
  mode: 'local';
  region?: string;
}

/** Deployed: API Gateway (SigV4 for execute-api) with Cognito sign-in. */
export interface DeployedConfig {
  mode: 'deployed';
  region: string;
  apiUrl: string;
  userPoolId: string;
  userPoolClientId: string;
  identityPoolId: string;
  /** The user pool's managed sign-in domain, `https://<prefix>.auth.<region>.amazoncognito.com`. */
  authDomain: string;
}

/** What config.json holds. */
export type RuntimeConfig = LocalConfig | DeployedConfig;

/** Reads config.json; a missing or malformed one is an error naming what is wrong. */
export async function loadConfig(): Promise<RuntimeConfig> {
  const response = await fetch('./config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  const config = (await response.json()) as Record<string, unknown>;
  if (config.mode === 'local') return { mode: 'local', ...(typeof config.region === 'string' && { region: config.region }) };
  if (config.mode === 'deployed') {
    for (const key of ['region', 'apiUrl', 'userPoolId', 'userPoolClientId', 'identityPoolId', 'authDomain'] as const) {
      if (typeof config[key] !== 'string' || config[key] === '') throw new Error(`config.json: '${key}' is required in deployed mode`);
    }
    return config as unknown as DeployedConfig;
  }
  throw new Error(`config.json: 'mode' must be 'local' or 'deployed', got ${JSON.stringify(config.mode)}`);
}
