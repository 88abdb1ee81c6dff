/**
 * The sign-in requests the Cognito backend builds (wire shapes of Cognito's JSON protocol), the whole
 * challenge flow against the twin's issuer (which speaks that protocol), and how the token store keeps,
 * refreshes and gives up tokens.
 */
import { type Issuer, startIssuer } from '#local/oidc';
import { totpOf } from '#local/cognito-idp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Challenge,
  type SignInStep,
  type TokenBackend,
  type Tokens,
  SignInError,
  cognitoBackend,
  localIssuerBackend,
  otpauthUri,
} from './token-backends';
import { createTokenStore } from './token-store';

type Recorded = { url: string; init: RequestInit };

function fakeFetch(answers: { status: number; body: unknown }[]) {
  const calls: Recorded[] = [];
  const impl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const a = answers.shift() ?? { status: 500, body: {} };
    return new Response(JSON.stringify(a.body), { status: a.status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
  const sent = (i: number) => ({
    target: (calls[i]!.init.headers as Record<string, string>)['x-amz-target'],
    body: JSON.parse(String(calls[i]!.init.body)) as Record<string, unknown>,
  });
  return { impl, calls, sent };
}

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

const REVIEWER_SECRET = 'C2DCOGJABP56FBCQPDIFCMRQQW6VBAYX';
const authResult = {
  AuthenticationResult: { IdToken: 'id', AccessToken: 'acc', RefreshToken: 'ref', ExpiresIn: 3600 },
};

describe('Amazon Cognito: the wire shapes', () => {
  it('calls InitiateAuth USER_PASSWORD_AUTH on the regional endpoint with the app client id', async () => {
    const { impl, calls, sent } = fakeFetch([{ status: 200, body: authResult }]);
    const step = await cognitoBackend('eu-central-1', 'client123', impl).signIn('admin@cec.kg', 'pw');
    expect(calls[0]!.url).toBe('https://cognito-idp.eu-central-1.amazonaws.com/');
    expect((calls[0]!.init.headers as Record<string, string>)['content-type']).toBe('application/x-amz-json-1.1');
    expect(sent(0)).toEqual({
      target: 'AWSCognitoIdentityProviderService.InitiateAuth',
      body: {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: 'client123',
        AuthParameters: { USERNAME: 'admin@cec.kg', PASSWORD: 'pw' },
      },
    });
    expect(step.tokens).toMatchObject({ idToken: 'id', refreshToken: 'ref' });
  });

  it('hands SOFTWARE_TOKEN_MFA back as a challenge and answers it with the pool user name and the session', async () => {
    const { impl, sent } = fakeFetch([
      {
        status: 200,
        body: {
          ChallengeName: 'SOFTWARE_TOKEN_MFA',
          Session: 'sess-1',
          ChallengeParameters: { USER_ID_FOR_SRP: 'u-42' },
        },
      },
      { status: 200, body: authResult },
    ]);
    const backend = cognitoBackend('eu-central-1', 'c', impl);
    const first = await backend.signIn('admin@cec.kg', 'pw');
    expect(first.challenge).toEqual({ name: 'SOFTWARE_TOKEN_MFA', username: 'u-42', session: 'sess-1' });
    const second = await backend.answerCode(first.challenge!, '123456');
    expect(sent(1)).toEqual({
      target: 'AWSCognitoIdentityProviderService.RespondToAuthChallenge',
      body: {
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        ClientId: 'c',
        Session: 'sess-1',
        ChallengeResponses: { USERNAME: 'u-42', SOFTWARE_TOKEN_MFA_CODE: '123456' },
      },
    });
    expect(second.tokens?.idToken).toBe('id');
  });

  it('sets up TOTP: AssociateSoftwareToken, VerifySoftwareToken, then RespondToAuthChallenge MFA_SETUP, each with the newest session', async () => {
    const { impl, sent } = fakeFetch([
      { status: 200, body: { SecretCode: 'ABCDEFGHIJKLMNOP', Session: 's2' } },
      { status: 200, body: { Status: 'SUCCESS', Session: 's3' } },
      { status: 200, body: authResult },
    ]);
    const backend = cognitoBackend('eu-central-1', 'c', impl);
    const setup = await backend.associateTotp({ name: 'MFA_SETUP', username: 'u', session: 's1' });
    expect(setup).toEqual({
      secret: 'ABCDEFGHIJKLMNOP',
      challenge: { name: 'MFA_SETUP', username: 'u', session: 's2' },
    });
    const done = await backend.verifyTotp(setup.challenge, '654321');
    expect(sent(0)).toEqual({
      target: 'AWSCognitoIdentityProviderService.AssociateSoftwareToken',
      body: { Session: 's1' },
    });
    expect(sent(1)).toEqual({
      target: 'AWSCognitoIdentityProviderService.VerifySoftwareToken',
      body: { Session: 's2', UserCode: '654321', FriendlyDeviceName: 'CEC admin UI' },
    });
    expect(sent(2).body).toEqual({
      ChallengeName: 'MFA_SETUP',
      ClientId: 'c',
      Session: 's3',
      ChallengeResponses: { USERNAME: 'u' },
    });
    expect(done.tokens?.idToken).toBe('id');
  });

  it('answers NEW_PASSWORD_REQUIRED with NEW_PASSWORD', async () => {
    const { impl, sent } = fakeFetch([{ status: 200, body: { ChallengeName: 'MFA_SETUP', Session: 's2' } }]);
    const next = await cognitoBackend('r', 'c', impl).setNewPassword(
      { name: 'NEW_PASSWORD_REQUIRED', username: 'u', session: 's1' },
      'N3w-password-long!',
    );
    expect(sent(0).body.ChallengeResponses).toEqual({ USERNAME: 'u', NEW_PASSWORD: 'N3w-password-long!' });
    expect(next.challenge).toEqual({ name: 'MFA_SETUP', username: 'u', session: 's2' });
  });

  it.each([
    ['CodeMismatchException', 'Invalid code received for user', 'cec.auth.code_mismatch'],
    ['EnableSoftwareTokenMFAException', 'Code mismatch', 'cec.auth.code_mismatch'],
    ['NotAuthorizedException', 'Incorrect username or password.', 'cec.auth.wrong_password'],
    ['NotAuthorizedException', 'Invalid session for the user, session is expired.', 'cec.auth.session_expired'],
    ['InvalidPasswordException', 'Password does not conform to policy', 'cec.auth.password_policy'],
    ['com.amazonaws#TooManyRequestsException', 'Rate exceeded', 'cec.auth.too_many'],
  ])('turns %s (%s) into %s', async (type, message, key) => {
    const { impl } = fakeFetch([{ status: 400, body: { __type: type, message } }]);
    const err = await cognitoBackend('r', 'c', impl)
      .signIn('u', 'p')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SignInError);
    expect(err).toMatchObject({ message: key, status: 400, detail: message });
  });

  it('refuses a challenge the staff pool never sets (SMS) rather than pretending it signed in', async () => {
    const { impl } = fakeFetch([{ status: 200, body: { ChallengeName: 'SMS_MFA', Session: 's' } }]);
    await expect(cognitoBackend('r', 'c', impl).signIn('u', 'p')).rejects.toThrow('cec.auth.challenge');
  });

  it('refreshes with REFRESH_TOKEN_AUTH and keeps the refresh token Cognito does not send again', async () => {
    const { impl, sent } = fakeFetch([
      { status: 200, body: { AuthenticationResult: { IdToken: 'id2', ExpiresIn: 3600 } } },
    ]);
    const t = await cognitoBackend('eu-central-1', 'c', impl).refresh(
      { idToken: 'id', refreshToken: 'ref', expiresAt: 0 },
      'u',
    );
    expect(sent(0).body).toEqual({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: 'c',
      AuthParameters: { REFRESH_TOKEN: 'ref' },
    });
    expect(t).toMatchObject({ idToken: 'id2', refreshToken: 'ref' });
  });

  it('builds the otpauth URI authenticator apps read', () => {
    expect(otpauthUri('ABCD2345', 'new@cec.local')).toBe(
      'otpauth://totp/CEC%20KR%20Observers:new%40cec.local?secret=ABCD2345&issuer=CEC%20KR%20Observers&algorithm=SHA1&digits=6&period=30',
    );
  });
});

describe("the twin's issuer, through the same backend", () => {
  let issuer: Issuer;
  let backend: TokenBackend;
  beforeAll(async () => {
    issuer = await startIssuer({ port: 0, corsOrigins: [] });
    backend = localIssuerBackend(issuer.issuer.replace('localhost', '127.0.0.1'));
  });
  afterAll(() => issuer.stop());

  const claims = (t: Tokens) =>
    JSON.parse(Buffer.from(t.idToken.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

  it('asks a demo user for the code, refuses a wrong one, and signs in with the right one', async () => {
    const first = await backend.signIn('reviewer@cec.local', 'demo-password');
    expect(first.challenge?.name).toBe('SOFTWARE_TOKEN_MFA');
    const right = totpOf(REVIEWER_SECRET).generate();
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');
    await expect(backend.answerCode(first.challenge!, wrong)).rejects.toMatchObject({
      message: 'cec.auth.code_mismatch',
      code: 'CodeMismatchException',
    });
    const done = await backend.answerCode(first.challenge!, right);
    expect(claims(done.tokens!)).toMatchObject({ 'cognito:groups': ['cec-reviewer'], email: 'reviewer@cec.local' });
    const refreshed = await backend.refresh(done.tokens!, 'reviewer@cec.local');
    expect(claims(refreshed)).toMatchObject({ email: 'reviewer@cec.local' });
    // A session that gave tokens is spent.
    await expect(backend.answerCode(first.challenge!, right)).rejects.toMatchObject({
      message: 'cec.auth.session_expired',
    });
  });

  it('refuses a wrong password without saying whether the account exists', async () => {
    for (const name of ['reviewer@cec.local', 'nobody@cec.local']) {
      await expect(backend.signIn(name, 'wrong')).rejects.toMatchObject({ message: 'cec.auth.wrong_password' });
    }
  });

  it('takes a new account through a new password, the authenticator set-up, and a later sign-in with a code', async () => {
    const first = await backend.signIn('new@cec.local', 'demo-password');
    expect(first.challenge?.name).toBe('NEW_PASSWORD_REQUIRED');
    await expect(backend.setNewPassword(first.challenge!, 'short')).rejects.toMatchObject({
      message: 'cec.auth.password_policy',
    });
    const newPassword = 'Kyzyl-Kiya 2027!';
    const setupStep: SignInStep = await backend.setNewPassword(first.challenge!, newPassword);
    expect(setupStep.challenge?.name).toBe('MFA_SETUP');
    const { secret, challenge } = await backend.associateTotp(setupStep.challenge!);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await expect(backend.verifyTotp(challenge, '000000')).rejects.toMatchObject({ message: 'cec.auth.code_mismatch' });
    const done = await backend.verifyTotp(challenge, totpOf(secret).generate());
    expect(claims(done.tokens!)).toMatchObject({ email: 'new@cec.local', 'cognito:groups': ['cec-reviewer'] });
    // The temporary password is gone; the new one and the new authenticator sign in from now on.
    await expect(backend.signIn('new@cec.local', 'demo-password')).rejects.toMatchObject({
      message: 'cec.auth.wrong_password',
    });
    const again = await backend.signIn('new@cec.local', newPassword);
    expect(again.challenge?.name).toBe('SOFTWARE_TOKEN_MFA');
    expect((await backend.answerCode(again.challenge!, totpOf(secret).generate())).tokens).toBeDefined();
  });

  it('ends a session after five wrong codes', async () => {
    const first = await backend.signIn('admin@cec.local', 'demo-password');
    for (let i = 0; i < 5; i++) {
      await expect(backend.answerCode(first.challenge!, '000000')).rejects.toBeInstanceOf(SignInError);
    }
    const code = totpOf('WYH543MWLD7KM767RRCFZAYC5ZK5CQA4').generate();
    await expect(backend.answerCode(first.challenge!, code)).rejects.toMatchObject({
      message: 'cec.auth.session_expired',
    });
  });
});

describe('token store', () => {
  const tokens = (idToken: string, expiresAt: number): Tokens => ({ idToken, refreshToken: 'r', expiresAt });
  const challenge: Challenge = { name: 'SOFTWARE_TOKEN_MFA', username: 'u', session: 's' };
  const unused = async (): Promise<never> => {
    throw new Error('not called');
  };
  function backendOf(parts: Partial<TokenBackend>): TokenBackend {
    return {
      signIn: unused,
      answerCode: unused,
      setNewPassword: unused,
      associateTotp: unused,
      verifyTotp: unused,
      refresh: unused,
      ...parts,
    };
  }

  it('keeps nothing while a challenge is open, and the tokens once it is answered', async () => {
    const backend = backendOf({
      signIn: async () => ({ challenge }),
      answerCode: async () => ({ tokens: tokens('t', Date.now() + 3_600_000) }),
    });
    const store = createTokenStore(() => backend, memoryStorage());
    expect((await store.signIn('u', 'p')).challenge).toEqual(challenge);
    expect(store.current()).toBeNull();
    await store.answerCode(challenge, '123456');
    expect(store.current()?.tokens.idToken).toBe('t');
  });

  it('refreshes once a minute before expiry, once for many callers', async () => {
    let now = 1_000_000;
    let refreshes = 0;
    const backend = backendOf({
      signIn: async () => ({ tokens: tokens('first', now + 3_600_000) }),
      refresh: async () => {
        refreshes++;
        return tokens(`second-${refreshes}`, now + 3_600_000);
      },
    });
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
    const backend = backendOf({
      signIn: async () => ({ tokens: tokens('first', 10_000) }),
      refresh: async () => {
        throw new SignInError('expired', 401);
      },
    });
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
