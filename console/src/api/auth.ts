/**
 * Deployed sign-in: Amazon Cognito's managed login (OAuth 2.0 code flow with PKCE, through
 * oidc-client-ts), then the identity pool exchanges the ID token for AWS credentials — the
 * read-only authenticated role, or the responders group's role (the token's preferred role) —
 * which sign every API request for `execute-api`. Loaded only in deployed mode.
 */
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { DeployedConfig } from './config';

/** A signed-in user and the credentials their requests are signed with. */
export interface SignedIn {
  user: string;
  credentials: AwsCredentialIdentityProvider;
  signOut(): Promise<void>;
}

function manager(config: DeployedConfig): UserManager {
  const redirect = `${window.location.origin}${window.location.pathname}`;
  return new UserManager({
    authority: `https://cognito-idp.${config.region}.amazonaws.com/${config.userPoolId}`,
    client_id: config.userPoolClientId,
    redirect_uri: redirect,
    post_logout_redirect_uri: redirect,
    response_type: 'code',
    scope: 'openid email profile',
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    metadataSeed: { end_session_endpoint: `${config.authDomain}/logout` },
  });
}

/** Completes a sign-in redirect, or starts one; resolves once signed in. */
export async function signIn(config: DeployedConfig): Promise<SignedIn | undefined> {
  const users = manager(config);
  const params = new URLSearchParams(window.location.search);
  if (params.has('code') && params.has('state')) {
    await users.signinRedirectCallback();
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.hash}`);
  }
  const user = await users.getUser();
  if (user === null || user.expired || user.id_token === undefined) {
    await users.signinRedirect({ state: window.location.hash });
    return undefined; // the page navigates away
  }
  const credentials = fromCognitoIdentityPool({
    clientConfig: { region: config.region },
    identityPoolId: config.identityPoolId,
    logins: { [`cognito-idp.${config.region}.amazonaws.com/${config.userPoolId}`]: user.id_token },
  });
  const name = (user.profile.email as string | undefined) ?? user.profile.sub;
  return {
    user: name,
    credentials,
    signOut: () => users.signoutRedirect({ extraQueryParams: { client_id: config.userPoolClientId, logout_uri: `${window.location.origin}${window.location.pathname}` } }),
  };
}
