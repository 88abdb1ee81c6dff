/**
 * Two ways to get a staff token: the twin's local OIDC issuer, and Amazon Cognito's InitiateAuth
 * (USER_PASSWORD_AUTH, refreshed with REFRESH_TOKEN_AUTH) by a plain fetch, no SDK. Both give an ID
 * token in Cognito's shape (`cognito:groups`, `email`), which the API's JWT authorizer checks.
 */
import type { AuthConfig } from '../config';

export interface Tokens {
  idToken: string;
  accessToken?: string;
  refreshToken?: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export interface TokenBackend {
  signIn(username: string, password: string): Promise<Tokens>;
  /** Undefined when the backend cannot refresh (the user signs in again). */
  refresh(tokens: Tokens, username: string): Promise<Tokens>;
}

export class SignInError extends Error {
  override name = 'SignInError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

type Fetch = typeof fetch;

async function readJson(res: Response): Promise<Record<string, unknown>> {
  try {
    return (await res.json()) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function messageOf(body: Record<string, unknown>, fallback: string): string {
  const err = body.error;
  if (typeof err === 'object' && err && typeof (err as { message?: unknown }).message === 'string') {
    return (err as { message: string }).message;
  }
  if (typeof body.error_description === 'string') return body.error_description;
  if (typeof body.message === 'string') return body.message;
  if (typeof err === 'string') return err;
  return fallback;
}

/** The twin's issuer: `POST {issuer}/token` with the password grant (form-encoded, as OAuth 2.0 has it). */
export function localIssuerBackend(issuer: string, fetchImpl: Fetch = fetch): TokenBackend {
  const endpoint = `${issuer.replace(/\/+$/, '')}/token`;
  async function call(params: Record<string, string>): Promise<Tokens> {
    const res = await fetchImpl(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(params).toString(),
    });
    const body = await readJson(res);
    if (!res.ok || typeof body.id_token !== 'string') {
      throw new SignInError(messageOf(body, 'ra.auth.sign_in_error'), res.status);
    }
    const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 3600;
    return {
      idToken: body.id_token,
      accessToken: typeof body.access_token === 'string' ? body.access_token : undefined,
      refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined,
      expiresAt: Date.now() + expiresIn * 1000,
    };
  }
  return {
    signIn: (username, password) => call({ grant_type: 'password', username, password }),
    refresh: (tokens) => {
      if (!tokens.refreshToken) throw new SignInError('ra.auth.auth_check_error', 401);
      return call({ grant_type: 'refresh_token', refresh_token: tokens.refreshToken });
    },
  };
}

/** Amazon Cognito user pools, by the JSON protocol of the service itself (no SDK in the browser). */
export function cognitoBackend(region: string, clientId: string, fetchImpl: Fetch = fetch): TokenBackend {
  const endpoint = `https://cognito-idp.${region}.amazonaws.com/`;
  async function initiateAuth(authFlow: string, params: Record<string, string>): Promise<Record<string, unknown>> {
    const res = await fetchImpl(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
      },
      body: JSON.stringify({ AuthFlow: authFlow, ClientId: clientId, AuthParameters: params }),
    });
    const body = await readJson(res);
    if (!res.ok) throw new SignInError(messageOf(body, 'ra.auth.sign_in_error'), res.status);
    if (typeof body.ChallengeName === 'string') {
      // NEW_PASSWORD_REQUIRED, SOFTWARE_TOKEN_MFA...: finished in the Cognito console or hosted UI for now.
      throw new SignInError('cec.auth.challenge', 401);
    }
    return body;
  }
  function toTokens(body: Record<string, unknown>, previousRefresh?: string): Tokens {
    const r = (body.AuthenticationResult ?? {}) as Record<string, unknown>;
    if (typeof r.IdToken !== 'string') throw new SignInError('ra.auth.sign_in_error', 401);
    return {
      idToken: r.IdToken,
      accessToken: typeof r.AccessToken === 'string' ? r.AccessToken : undefined,
      refreshToken: typeof r.RefreshToken === 'string' ? r.RefreshToken : previousRefresh,
      expiresAt: Date.now() + (typeof r.ExpiresIn === 'number' ? r.ExpiresIn : 3600) * 1000,
    };
  }
  return {
    signIn: async (username, password) =>
      toTokens(await initiateAuth('USER_PASSWORD_AUTH', { USERNAME: username, PASSWORD: password })),
    refresh: async (tokens) => {
      if (!tokens.refreshToken) throw new SignInError('ra.auth.auth_check_error', 401);
      // Cognito does not return a new refresh token on REFRESH_TOKEN_AUTH: keep the one we have.
      const body = await initiateAuth('REFRESH_TOKEN_AUTH', { REFRESH_TOKEN: tokens.refreshToken });
      return toTokens(body, tokens.refreshToken);
    },
  };
}

export function backendFor(auth: AuthConfig, fetchImpl: Fetch = fetch): TokenBackend {
  return auth.kind === 'local'
    ? localIssuerBackend(auth.issuer, fetchImpl)
    : cognitoBackend(auth.region, auth.clientId, fetchImpl);
}
