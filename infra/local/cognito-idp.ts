/**
 * The staff pool's sign-in as Amazon Cognito answers it, for the twin's issuer: the JSON protocol of
 * `AWSCognitoIdentityProviderService` (InitiateAuth, RespondToAuthChallenge, AssociateSoftwareToken,
 * VerifySoftwareToken), with the pool's rules (infra/constructs/staff-auth.ts): MFA required, TOTP only;
 * an account an admin created changes its temporary password first (NEW_PASSWORD_REQUIRED), then sets
 * up its authenticator (MFA_SETUP); every later sign-in asks for the six-digit code (SOFTWARE_TOKEN_MFA).
 *
 * Codes are checked with `otpauth` over real time (30-second steps, one step either side, as Cognito
 * allows for clock drift). State lives in memory: a restarted twin starts from the demo users again.
 */
import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

export type ChallengeName = 'NEW_PASSWORD_REQUIRED' | 'MFA_SETUP' | 'SOFTWARE_TOKEN_MFA';

/** Cognito's session validity for a sign-in's challenges (the pool's default, 3 minutes). */
export const SESSION_TTL_MS = 3 * 60_000;
/** Wrong codes a session takes before the person must start again with the password. */
export const MAX_CODE_ATTEMPTS = 5;
/** Cognito refuses a refresh token after the app client's validity (1 day in staff-auth.ts). */
const REFRESH_TTL_MS = 24 * 3_600_000;

export interface PoolAccount {
  username: string;
  password: string;
  /** Base32; absent until the account has set up its authenticator. */
  totpSecret?: string;
  /** An account created by an admin with a temporary password (Cognito's FORCE_CHANGE_PASSWORD). */
  mustChangePassword?: boolean;
}

export class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

interface Session {
  username: string;
  challenge: ChallengeName;
  expiresAt: number;
  attempts: number;
  /** MFA_SETUP: the secret AssociateSoftwareToken gave, and whether a code from it was verified. */
  pendingSecret?: string;
  verified?: boolean;
}

export function totpOf(secret: string): TOTP {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
}

/** True when `code` is the secret's code now or one 30-second step before or after. */
export function codeMatches(secret: string, code: string, timestamp = Date.now()): boolean {
  return /^\d{6}$/.test(code) && totpOf(secret).validate({ token: code, timestamp, window: 1 }) !== null;
}

/** Password policy of the staff pool (staff-auth.ts): 14 characters, digits, both cases, symbols. */
export function passwordProblems(pw: string): string[] {
  const out: string[] = [];
  if (pw.length < 14) out.push('Password not long enough');
  if (!/[0-9]/.test(pw)) out.push('Password must have numeric characters');
  if (!/[a-z]/.test(pw)) out.push('Password must have lowercase characters');
  if (!/[A-Z]/.test(pw)) out.push('Password must have uppercase characters');
  if (!/[^A-Za-z0-9]/.test(pw)) out.push('Password must have symbol characters');
  return out;
}

export interface AuthResult {
  IdToken: string;
  AccessToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
}

export interface CognitoPool {
  /** One protocol call: the `X-Amz-Target` action and its JSON body; the answer's JSON body. */
  call(action: string, body: Record<string, unknown>): Promise<Record<string, unknown>>;
  account(username: string): PoolAccount | undefined;
}

export function createCognitoPool(opts: {
  clientId: string;
  accounts: readonly PoolAccount[];
  issueTokens(username: string): Promise<{ id_token: string; access_token: string; expires_in: number }>;
  now?: () => number;
}): CognitoPool {
  const now = opts.now ?? Date.now;
  const accounts = new Map(opts.accounts.map((a) => [a.username.toLowerCase(), { ...a }]));
  const sessions = new Map<string, Session>();
  const refreshTokens = new Map<string, { username: string; expiresAt: number }>();

  const opaque = (bytes: number) => randomBytes(bytes).toString('base64url');
  const str = (v: unknown) => (typeof v === 'string' ? v : '');

  function newSession(username: string, challenge: ChallengeName, extra: Partial<Session> = {}): string {
    for (const [id, s] of sessions) if (s.expiresAt < now()) sessions.delete(id);
    const id = opaque(96);
    sessions.set(id, { username, challenge, expiresAt: now() + SESSION_TTL_MS, attempts: 0, ...extra });
    return id;
  }

  function session(id: unknown, challenge: ChallengeName): Session & { id: string } {
    const s = sessions.get(str(id));
    if (!s || s.expiresAt < now() || s.challenge !== challenge) {
      throw new CognitoError('NotAuthorizedException', 'Invalid session for the user, session is expired.');
    }
    return { ...s, id: str(id) };
  }

  function wrongCode(s: Session & { id: string }, type: string, message: string): never {
    const live = sessions.get(s.id);
    if (live) {
      live.attempts++;
      if (live.attempts >= MAX_CODE_ATTEMPTS) sessions.delete(s.id);
    }
    throw new CognitoError(type, message);
  }

  function challengeFor(account: PoolAccount, name: ChallengeName) {
    const params: Record<string, string> = { USER_ID_FOR_SRP: account.username };
    if (name === 'MFA_SETUP') params.MFAS_CAN_SETUP = '["SOFTWARE_TOKEN_MFA"]';
    if (name === 'NEW_PASSWORD_REQUIRED') {
      params.userAttributes = JSON.stringify({ email: account.username });
      params.requiredAttributes = '[]';
    }
    return { ChallengeName: name, Session: newSession(account.username, name), ChallengeParameters: params };
  }

  /** After the password (or a new one): the pool's MFA is required, so a code or its setup comes next. */
  const mfaStep = (account: PoolAccount) =>
    challengeFor(account, account.totpSecret ? 'SOFTWARE_TOKEN_MFA' : 'MFA_SETUP');

  async function authenticated(username: string, withRefresh: boolean) {
    const t = await opts.issueTokens(username);
    const result: AuthResult = {
      IdToken: t.id_token,
      AccessToken: t.access_token,
      ExpiresIn: t.expires_in,
      TokenType: 'Bearer',
    };
    if (withRefresh) {
      result.RefreshToken = opaque(64);
      refreshTokens.set(result.RefreshToken, { username, expiresAt: now() + REFRESH_TTL_MS });
    }
    return { AuthenticationResult: result, ChallengeParameters: {} };
  }

  function checkClient(body: Record<string, unknown>) {
    if (body.ClientId !== opts.clientId) {
      throw new CognitoError('ResourceNotFoundException', `User pool client ${str(body.ClientId)} does not exist.`);
    }
  }

  const actions: Record<string, (body: Record<string, unknown>) => Promise<Record<string, unknown>>> = {
    async InitiateAuth(body) {
      checkClient(body);
      const p = (body.AuthParameters ?? {}) as Record<string, unknown>;
      if (body.AuthFlow === 'REFRESH_TOKEN_AUTH') {
        const r = refreshTokens.get(str(p.REFRESH_TOKEN));
        if (!r || r.expiresAt < now()) throw new CognitoError('NotAuthorizedException', 'Invalid Refresh Token');
        return authenticated(r.username, false);
      }
      if (body.AuthFlow !== 'USER_PASSWORD_AUTH') {
        throw new CognitoError(
          'InvalidParameterException',
          `Auth flow ${str(body.AuthFlow)} is not enabled for the client.`,
        );
      }
      const account = accounts.get(str(p.USERNAME).toLowerCase());
      // The app client prevents user-existence errors: an unknown name reads like a wrong password.
      if (!account || str(p.PASSWORD) !== account.password) {
        throw new CognitoError('NotAuthorizedException', 'Incorrect username or password.');
      }
      return account.mustChangePassword ? challengeFor(account, 'NEW_PASSWORD_REQUIRED') : mfaStep(account);
    },

    async RespondToAuthChallenge(body) {
      checkClient(body);
      const name = str(body.ChallengeName) as ChallengeName;
      const responses = (body.ChallengeResponses ?? {}) as Record<string, unknown>;
      if (!['NEW_PASSWORD_REQUIRED', 'MFA_SETUP', 'SOFTWARE_TOKEN_MFA'].includes(name)) {
        throw new CognitoError('InvalidParameterException', `Unsupported challenge ${name}.`);
      }
      const s = session(body.Session, name);
      const account = accounts.get(s.username.toLowerCase())!;
      if (str(responses.USERNAME).toLowerCase() !== s.username.toLowerCase()) {
        throw new CognitoError('NotAuthorizedException', 'Invalid session for the user.');
      }
      if (name === 'NEW_PASSWORD_REQUIRED') {
        const pw = str(responses.NEW_PASSWORD);
        const problems = passwordProblems(pw);
        if (problems.length) {
          throw new CognitoError(
            'InvalidPasswordException',
            `Password does not conform to policy: ${problems.join('; ')}`,
          );
        }
        account.password = pw;
        account.mustChangePassword = false;
        sessions.delete(s.id);
        return mfaStep(account);
      }
      if (name === 'SOFTWARE_TOKEN_MFA') {
        if (!codeMatches(account.totpSecret!, str(responses.SOFTWARE_TOKEN_MFA_CODE), now())) {
          wrongCode(s, 'CodeMismatchException', 'Invalid code received for user');
        }
        sessions.delete(s.id);
        return authenticated(account.username, true);
      }
      // MFA_SETUP: only once VerifySoftwareToken accepted a code of the new secret.
      if (!s.verified || !s.pendingSecret) {
        throw new CognitoError(
          'InvalidParameterException',
          'Verify a code of the software token first (VerifySoftwareToken).',
        );
      }
      account.totpSecret = s.pendingSecret;
      sessions.delete(s.id);
      return authenticated(account.username, true);
    },

    async AssociateSoftwareToken(body) {
      const s = session(body.Session, 'MFA_SETUP');
      sessions.delete(s.id);
      const secret = new Secret({ size: 20 }).base32;
      return { SecretCode: secret, Session: newSession(s.username, 'MFA_SETUP', { pendingSecret: secret }) };
    },

    async VerifySoftwareToken(body) {
      const s = session(body.Session, 'MFA_SETUP');
      if (!s.pendingSecret) {
        throw new CognitoError(
          'InvalidParameterException',
          'Associate a software token first (AssociateSoftwareToken).',
        );
      }
      if (!codeMatches(s.pendingSecret, str(body.UserCode), now())) {
        wrongCode(s, 'EnableSoftwareTokenMFAException', 'Code mismatch');
      }
      sessions.delete(s.id);
      return {
        Status: 'SUCCESS',
        Session: newSession(s.username, 'MFA_SETUP', { pendingSecret: s.pendingSecret, verified: true }),
      };
    },
  };

  return {
    async call(action, body) {
      const fn = actions[action];
      if (!fn) throw new CognitoError('UnknownOperationException', `The twin does not serve ${action}.`);
      return fn(body);
    },
    account: (username) => accounts.get(username.toLowerCase()),
  };
}
