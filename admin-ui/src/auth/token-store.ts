/**
 * Staff tokens live in sessionStorage: they go with the tab, and a refresh happens before expiry
 * (one refresh at a time, however many requests ask for a token together).
 */
import {
  type Challenge,
  type SignInStep,
  type TokenBackend,
  type Tokens,
  type TotpSetup,
  SignInError,
} from './token-backends';

const KEY = 'cec.staff.session';
/** Refresh a minute before the ID token expires, so a request never leaves with a dying token. */
const REFRESH_MARGIN_MS = 60_000;

interface Stored {
  username: string;
  tokens: Tokens;
}

export interface TokenStore {
  /** Tokens are kept when a step ends the sign-in; a challenge is handed back to the sign-in page. */
  signIn(username: string, password: string): Promise<SignInStep>;
  answerCode(challenge: Challenge, code: string): Promise<SignInStep>;
  setNewPassword(challenge: Challenge, newPassword: string): Promise<SignInStep>;
  associateTotp(challenge: Challenge): Promise<TotpSetup>;
  verifyTotp(challenge: Challenge, code: string): Promise<SignInStep>;
  signOut(): void;
  current(): Stored | null;
  /** A valid ID token, refreshed if needed; throws SignInError when the user must sign in again. */
  idToken(): Promise<string>;
}

export function createTokenStore(
  backend: () => TokenBackend,
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = sessionStorage,
  now: () => number = Date.now,
): TokenStore {
  let refreshing: Promise<Stored> | null = null;

  const read = (): Stored | null => {
    const raw = storage.getItem(KEY);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as Stored;
    } catch {
      return null;
    }
  };
  const write = (s: Stored) => storage.setItem(KEY, JSON.stringify(s));
  const keep = (username: string) => (step: SignInStep) => {
    if (step.tokens) write({ username, tokens: step.tokens });
    return step;
  };

  return {
    signIn: (username, password) => backend().signIn(username, password).then(keep(username)),
    answerCode: (c, code) => backend().answerCode(c, code).then(keep(c.username)),
    setNewPassword: (c, pw) => backend().setNewPassword(c, pw).then(keep(c.username)),
    associateTotp: (c) => backend().associateTotp(c),
    verifyTotp: (c, code) => backend().verifyTotp(c, code).then(keep(c.username)),
    signOut() {
      storage.removeItem(KEY);
    },
    current: read,
    async idToken() {
      const s = read();
      if (!s) throw new SignInError('ra.auth.auth_check_error', 401);
      if (s.tokens.expiresAt - REFRESH_MARGIN_MS > now()) return s.tokens.idToken;
      refreshing ??= (async () => {
        try {
          const tokens = await backend().refresh(s.tokens, s.username);
          const next = { username: s.username, tokens };
          write(next);
          return next;
        } catch (e) {
          storage.removeItem(KEY);
          throw e instanceof SignInError ? e : new SignInError('ra.auth.auth_check_error', 401);
        } finally {
          refreshing = null;
        }
      })();
      return (await refreshing).tokens.idToken;
    },
  };
}
