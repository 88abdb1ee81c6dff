/** The sign-in requests each backend builds, and how the token store refreshes and gives up. */
import { describe, expect, it } from 'vitest';
import { cognitoBackend, localIssuerBackend, SignInError, type Tokens } from './token-backends';
import { createTokenStore } from './token-store';

type Recorded = { url: string; init: RequestInit };

function fakeFetch(answers: { status: number; body: unknown }[]) {
  const calls: Recorded[] = [];
  const impl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const a = answers.shift() ?? { status: 500, body: {} };
    return new Response(JSON.stringify(a.body), { status: a.status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
  return { impl, calls };
}

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

describe('local issuer (the twin)', () => {
  it('signs in with the password grant at {issuer}/token, form-encoded', async () => {
    const { impl, calls } = fakeFetch([
      { status: 200, body: { id_token: 'id.t.x', access_token: 'a', expires_in: 60 } },
    ]);
    const tokens = await localIssuerBackend('http://127.0.0.1:4010/', impl).signIn(
      'reviewer@cec.local',
      'demo-password',
    );
    expect(calls[0]!.url).toBe('http://127.0.0.1:4010/token');
    expect(calls[0]!.init.method).toBe('POST');
    expect((calls[0]!.init.headers as Record<string, string>)['content-type']).toBe(
      'application/x-www-form-urlencoded',
    );
    expect(Object.fromEntries(new URLSearchParams(String(calls[0]!.init.body)))).toEqual({
      grant_type: 'password',
      username: 'reviewer@cec.local',
      password: 'demo-password',
    });
    expect(tokens.idToken).toBe('id.t.x');
  });

  it("reports the issuer's refusal in its own words", async () => {
    const { impl } = fakeFetch([
      { status: 400, body: { error: 'invalid_grant', error_description: 'Incorrect username or password.' } },
    ]);
    await expect(localIssuerBackend('http://x', impl).signIn('a', 'b')).rejects.toThrow(
      'Incorrect username or password.',
    );
  });
});

describe('Amazon Cognito', () => {
  it('calls InitiateAuth USER_PASSWORD_AUTH on the regional endpoint with the app client id', async () => {
    const { impl, calls } = fakeFetch([
      {
        status: 200,
        body: { AuthenticationResult: { IdToken: 'id', AccessToken: 'acc', RefreshToken: 'ref', ExpiresIn: 3600 } },
      },
    ]);
    const t = await cognitoBackend('eu-central-1', 'client123', impl).signIn('admin@cec.kg', 'pw');
    expect(calls[0]!.url).toBe('https://cognito-idp.eu-central-1.amazonaws.com/');
    const headers = calls[0]!.init.headers as Record<string, string>;
    expect(headers['x-amz-target']).toBe('AWSCognitoIdentityProviderService.InitiateAuth');
    expect(headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: 'client123',
      AuthParameters: { USERNAME: 'admin@cec.kg', PASSWORD: 'pw' },
    });
    expect(t).toMatchObject({ idToken: 'id', refreshToken: 'ref' });
  });

  it('refreshes with REFRESH_TOKEN_AUTH and keeps the refresh token Cognito does not send again', async () => {
    const { impl, calls } = fakeFetch([
      { status: 200, body: { AuthenticationResult: { IdToken: 'id2', ExpiresIn: 3600 } } },
    ]);
    const t = await cognitoBackend('eu-central-1', 'c', impl).refresh(
      { idToken: 'id', refreshToken: 'ref', expiresAt: 0 },
      'u',
    );
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: 'c',
      AuthParameters: { REFRESH_TOKEN: 'ref' },
    });
    expect(t).toMatchObject({ idToken: 'id2', refreshToken: 'ref' });
  });

  it('does not pretend a challenge (new password, MFA) is a sign-in', async () => {
    const { impl } = fakeFetch([{ status: 200, body: { ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's' } }]);
    await expect(cognitoBackend('eu-central-1', 'c', impl).signIn('u', 'p')).rejects.toBeInstanceOf(SignInError);
  });
});

describe('token store', () => {
  const tokens = (idToken: string, expiresAt: number): Tokens => ({ idToken, refreshToken: 'r', expiresAt });

  it('refreshes once a minute before expiry, once for many callers', async () => {
    let now = 1_000_000;
    let refreshes = 0;
    const backend = {
      signIn: async () => tokens('first', now + 3_600_000),
      refresh: async () => {
        refreshes++;
        return tokens(`second-${refreshes}`, now + 3_600_000);
      },
    };
    const store = createTokenStore(
      () => backend,
      memoryStorage(),
      () => now,
    );
    await store.signIn('u', 'p');
    expect(await store.idToken()).toBe('first');
    now += 3_600_000 - 30_000;
    const [a, b] = await Promise.all([store.idToken(), store.idToken()]);
    expect([a, b]).toEqual(['second-1', 'second-1']);
    expect(refreshes).toBe(1);
  });

  it('signs the user out when the refresh fails', async () => {
    let now = 0;
    const backend = {
      signIn: async () => tokens('first', 10_000),
      refresh: async () => {
        throw new SignInError('expired', 401);
      },
    };
    const store = createTokenStore(
      () => backend,
      memoryStorage(),
      () => now,
    );
    await store.signIn('u', 'p');
    now = 20_000;
    await expect(store.idToken()).rejects.toBeInstanceOf(SignInError);
    expect(store.current()).toBeNull();
  });
});
