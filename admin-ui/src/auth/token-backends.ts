/**
 * Staff tokens from Amazon Cognito user pools, by the service's own JSON protocol (a plain fetch, no
 * SDK in the browser): InitiateAuth (USER_PASSWORD_AUTH, refreshed with REFRESH_TOKEN_AUTH), then the
 * challenges the pool sets, which the sign-in page answers step by step:
 *
 *   NEW_PASSWORD_REQUIRED  an account an admin created: the temporary password is replaced first;
 *   MFA_SETUP              no authenticator yet: AssociateSoftwareToken gives the TOTP secret (shown as
 *                          a QR code and as text), VerifySoftwareToken checks the first code, and
 *                          RespondToAuthChallenge finishes the sign-in;
 *   SOFTWARE_TOKEN_MFA     every later sign-in: the six-digit code of the authenticator app.
 *
 * The twin's issuer speaks the same protocol at its root (`{issuer}/`), so the one code path below is
 * what the twin's tests drive. Both give an ID token in Cognito's shape (`cognito:groups`, `email`),
 * which the API's JWT authorizer checks.
 */
import type { AuthConfig } from '../config';

export interface Tokens {
  idToken: string;
  accessToken?: string;
  refreshToken?: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export type ChallengeName = 'NEW_PASSWORD_REQUIRED' | 'MFA_SETUP' | 'SOFTWARE_TOKEN_MFA';

/** A step the pool asks for before it gives tokens; `session` is Cognito's, valid a few minutes. */
export interface Challenge {
  name: ChallengeName;
  /** The pool's user name (Cognito's USER_ID_FOR_SRP, else what the person typed). */
  username: string;
  session: string;
}

export type SignInStep = { tokens: Tokens; challenge?: undefined } | { challenge: Challenge; tokens?: undefined };

export interface TotpSetup {
  /** Base32 secret for the authenticator app (typed by hand when the QR code cannot be scanned). */
  secret: string;
  /** The MFA_SETUP challenge with the session AssociateSoftwareToken gave back. */
  challenge: Challenge;
}

export interface TokenBackend {
  signIn(username: string, password: string): Promise<SignInStep>;
  /** SOFTWARE_TOKEN_MFA: the authenticator's code. */
  answerCode(challenge: Challenge, code: string): Promise<SignInStep>;
  /** NEW_PASSWORD_REQUIRED: the password that replaces the temporary one. */
  setNewPassword(challenge: Challenge, newPassword: string): Promise<SignInStep>;
  /** MFA_SETUP, first half: a new TOTP secret for this account. */
  associateTotp(challenge: Challenge): Promise<TotpSetup>;
  /** MFA_SETUP, second half: the first code proves the app holds the secret; then the sign-in ends. */
  verifyTotp(challenge: Challenge, code: string): Promise<SignInStep>;
  refresh(tokens: Tokens, username: string): Promise<Tokens>;
}

/**
 * A refusal, with a message key of the admin UI (`cec.auth.*`, `ra.auth.*`) and, when Cognito said it,
 * the exception name (`CodeMismatchException`...) and Cognito's own words.
 */
export class SignInError extends Error {
  override name = 'SignInError';
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** The app client id of the twin's issuer (infra/local/oidc.ts LOCAL_CLIENT_ID). */
export const TWIN_CLIENT_ID = 'cec-observers-admin-ui';

/** Shown as the account's issuer in authenticator apps. */
export const TOTP_ISSUER = 'CEC KR Observers';

type Fetch = typeof fetch;

async function readJson(res: Response): Promise<Record<string, unknown>> {
  try {
    return (await res.json()) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Cognito's exception names ("…#CodeMismatchException" on some endpoints) to the UI's message keys. */
export function messageKeyOf(code: string, detail: string): string {
  switch (code) {
    case 'CodeMismatchException':
    case 'EnableSoftwareTokenMFAException':
    case 'ExpiredCodeException':
      return 'cec.auth.code_mismatch';
    case 'InvalidPasswordException':
      return 'cec.auth.password_policy';
    case 'PasswordResetRequiredException':
      return 'cec.auth.reset_required';
    case 'TooManyRequestsException':
    case 'TooManyFailedAttemptsException':
    case 'LimitExceededException':
      return 'cec.auth.too_many';
    case 'NotAuthorizedException':
      return /session/i.test(detail) ? 'cec.auth.session_expired' : 'cec.auth.wrong_password';
    case 'UserNotFoundException':
      return 'cec.auth.wrong_password';
    default:
      return 'ra.auth.sign_in_error';
  }
}

const CHALLENGES: readonly ChallengeName[] = ['NEW_PASSWORD_REQUIRED', 'MFA_SETUP', 'SOFTWARE_TOKEN_MFA'];

/** Cognito's JSON protocol at `endpoint` (the regional service, or the twin's issuer). */
export function cognitoProtocolBackend(endpoint: string, clientId: string, fetchImpl: Fetch = fetch): TokenBackend {
  async function call(action: string, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
    let res: Response;
    try {
      res = await fetchImpl(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `AWSCognitoIdentityProviderService.${action}`,
        },
        body: JSON.stringify(payload),
      });
    } catch {
      throw new SignInError('cec.errors.network');
    }
    const body = await readJson(res);
    if (!res.ok) {
      const code = String(body.__type ?? body.code ?? '').replace(/^.*#/, '');
      const detail = String(body.message ?? body.Message ?? '');
      throw new SignInError(messageKeyOf(code, detail), res.status, code || undefined, detail || undefined);
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

  function toStep(body: Record<string, unknown>, username: string): SignInStep {
    const name = body.ChallengeName;
    if (name === undefined) return { tokens: toTokens(body) };
    if (typeof name !== 'string' || !CHALLENGES.includes(name as ChallengeName) || typeof body.Session !== 'string') {
      // SMS_MFA, SELECT_MFA_TYPE, custom challenges: the staff pool sets none of them.
      throw new SignInError('cec.auth.challenge', 401, String(name));
    }
    const params = (body.ChallengeParameters ?? {}) as Record<string, unknown>;
    const poolName = typeof params.USER_ID_FOR_SRP === 'string' ? params.USER_ID_FOR_SRP : username;
    return { challenge: { name: name as ChallengeName, username: poolName, session: body.Session } };
  }

  function respond(challenge: Challenge, expected: ChallengeName, responses: Record<string, string>) {
    if (challenge.name !== expected) throw new SignInError('ra.auth.sign_in_error');
    return call('RespondToAuthChallenge', {
      ChallengeName: challenge.name,
      ClientId: clientId,
      Session: challenge.session,
      ChallengeResponses: { USERNAME: challenge.username, ...responses },
    }).then((body) => toStep(body, challenge.username));
  }

  return {
    signIn: async (username, password) =>
      toStep(
        await call('InitiateAuth', {
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: clientId,
          AuthParameters: { USERNAME: username, PASSWORD: password },
        }),
        username,
      ),
    answerCode: (challenge, code) => respond(challenge, 'SOFTWARE_TOKEN_MFA', { SOFTWARE_TOKEN_MFA_CODE: code }),
    setNewPassword: (challenge, newPassword) =>
      respond(challenge, 'NEW_PASSWORD_REQUIRED', { NEW_PASSWORD: newPassword }),
    associateTotp: async (challenge) => {
      const body = await call('AssociateSoftwareToken', { Session: challenge.session });
      if (typeof body.SecretCode !== 'string') throw new SignInError('ra.auth.sign_in_error');
      const session = typeof body.Session === 'string' ? body.Session : challenge.session;
      return { secret: body.SecretCode, challenge: { ...challenge, session } };
    },
    verifyTotp: async (challenge, code) => {
      const body = await call('VerifySoftwareToken', {
        Session: challenge.session,
        UserCode: code,
        FriendlyDeviceName: 'CEC admin UI',
      });
      if (body.Status !== 'SUCCESS')
        throw new SignInError('cec.auth.code_mismatch', 400, 'EnableSoftwareTokenMFAException');
      const session = typeof body.Session === 'string' ? body.Session : challenge.session;
      return respond({ ...challenge, session }, 'MFA_SETUP', {});
    },
    refresh: async (tokens) => {
      if (!tokens.refreshToken) throw new SignInError('ra.auth.auth_check_error', 401);
      // Cognito does not return a new refresh token on REFRESH_TOKEN_AUTH: keep the one we have.
      const body = await call('InitiateAuth', {
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: clientId,
        AuthParameters: { REFRESH_TOKEN: tokens.refreshToken },
      });
      return toTokens(body, tokens.refreshToken);
    },
  };
}

/** Amazon Cognito's regional endpoint. */
export function cognitoBackend(region: string, clientId: string, fetchImpl: Fetch = fetch): TokenBackend {
  return cognitoProtocolBackend(`https://cognito-idp.${region}.amazonaws.com/`, clientId, fetchImpl);
}

/** The twin's issuer, which serves the same protocol at its root. */
export function localIssuerBackend(issuer: string, fetchImpl: Fetch = fetch): TokenBackend {
  return cognitoProtocolBackend(`${issuer.replace(/\/+$/, '')}/`, TWIN_CLIENT_ID, fetchImpl);
}

/** The `otpauth://` URI authenticator apps read from the QR code (Key Uri Format). */
export function otpauthUri(secret: string, account: string): string {
  const label = `${encodeURIComponent(TOTP_ISSUER)}:${encodeURIComponent(account)}`;
  const q = new URLSearchParams({ secret, issuer: TOTP_ISSUER, algorithm: 'SHA1', digits: '6', period: '30' });
  return `otpauth://totp/${label}?${q.toString().replace(/\+/g, '%20')}`;
}

export function backendFor(auth: AuthConfig, fetchImpl: Fetch = fetch): TokenBackend {
  return auth.kind === 'local'
    ? localIssuerBackend(auth.issuer, fetchImpl)
    : cognitoBackend(auth.region, auth.clientId, fetchImpl);
}
