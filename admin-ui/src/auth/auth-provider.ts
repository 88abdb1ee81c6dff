/**
 * react-admin's auth provider over a token store. Groups come from the ID token's `cognito:groups`;
 * what each group may see and do is the API's own rule (see `permissions.ts`), so the UI never offers
 * what the API would refuse.
 */
import type { AuthProvider } from 'ra-core';
import { decodeJwt, groupsOfClaims } from './jwt';
import { canDo } from './permissions';
import { type Challenge, type SignInStep, type TotpSetup, SignInError } from './token-backends';
import type { TokenStore } from './token-store';

/** What `login()` receives from each step of the sign-in page. */
export type LoginParams =
  | { username: string; password: string }
  | { challenge: Challenge; code: string }
  | { challenge: Challenge; newPassword: string }
  | { challenge: Challenge; setupCode: string };

/**
 * `login()` rejects with this when the pool asks for another step (react-admin then stays on the
 * sign-in page, which shows the step); it resolves only once tokens are kept.
 */
export class SignInChallenge extends Error {
  override name = 'SignInChallenge';
  constructor(readonly challenge: Challenge) {
    super(`cec.auth.step.${challenge.name}`);
  }
}

export type CecAuthProvider = AuthProvider & { associateTotp(challenge: Challenge): Promise<TotpSetup> };

function step(params: LoginParams, store: TokenStore): Promise<SignInStep> {
  if ('password' in params) return store.signIn(String(params.username).trim(), String(params.password));
  if ('newPassword' in params) return store.setNewPassword(params.challenge, params.newPassword);
  if ('setupCode' in params) return store.verifyTotp(params.challenge, params.setupCode.trim());
  return store.answerCode(params.challenge, params.code.trim());
}

export function createAuthProvider(store: TokenStore): CecAuthProvider {
  const claims = () => {
    const s = store.current();
    return s ? decodeJwt(s.tokens.idToken) : null;
  };
  const groups = () => {
    const c = claims();
    return c ? groupsOfClaims(c) : [];
  };
  return {
    async login(params: LoginParams) {
      let next: SignInStep;
      try {
        next = await step(params, store);
      } catch (e) {
        throw e instanceof SignInError ? e : new SignInError('ra.auth.sign_in_error');
      }
      if (next.challenge) throw new SignInChallenge(next.challenge);
    },
    async associateTotp(challenge: Challenge) {
      try {
        return await store.associateTotp(challenge);
      } catch (e) {
        throw e instanceof SignInError ? e : new SignInError('ra.auth.sign_in_error');
      }
    },
    async logout() {
      store.signOut();
    },
    async checkAuth() {
      // Refreshes the token if it is about to expire; a failed refresh sends the user to sign in.
      await store.idToken();
    },
    async checkError(error: { status?: number }) {
      if (error?.status === 401) {
        store.signOut();
        throw new Error('ra.auth.auth_check_error');
      }
      // 403 means "not for your group": show the message, keep the user signed in.
    },
    async getIdentity() {
      const c = claims();
      if (!c) throw new Error('ra.auth.auth_check_error');
      const email = String(c.email ?? c['cognito:username'] ?? c.sub ?? '');
      return { id: String(c.sub ?? email), fullName: email, groups: groupsOfClaims(c) };
    },
    async getPermissions() {
      return groups();
    },
    async canAccess({ resource, action }: { resource: string; action: string }) {
      return canDo(groups(), resource, action);
    },
  };
}
