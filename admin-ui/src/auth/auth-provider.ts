/**
 * react-admin's auth provider over a token store. Groups come from the ID token's `cognito:groups`;
 * what each group may see and do is the API's own rule (see `permissions.ts`), so the UI never offers
 * what the API would refuse.
 */
import type { AuthProvider } from 'ra-core';
import { decodeJwt, groupsOfClaims } from './jwt';
import { canDo } from './permissions';
import { SignInError } from './token-backends';
import type { TokenStore } from './token-store';

export function createAuthProvider(store: TokenStore): AuthProvider {
  const claims = () => {
    const s = store.current();
    return s ? decodeJwt(s.tokens.idToken) : null;
  };
  const groups = () => {
    const c = claims();
    return c ? groupsOfClaims(c) : [];
  };
  return {
    async login({ username, password }: { username: string; password: string }) {
      try {
        await store.signIn(String(username).trim(), String(password));
      } catch (e) {
        throw new Error(e instanceof SignInError ? e.message : 'ra.auth.sign_in_error');
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
