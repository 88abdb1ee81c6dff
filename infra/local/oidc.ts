/**
 * The local sign-in issuer, standing in for the Cognito user pool: it signs tokens of Cognito's shape
 * (`cognito:groups`, `token_use`, `aud` = the app client id) with an RSA key it publishes as JWKS, so
 * the local gateway verifies them exactly as API Gateway's JWT authorizer verifies Cognito's.
 *
 *   GET  /.well-known/openid-configuration   discovery
 *   GET  /jwks.json                          the public key
 *   POST /                                   Cognito's JSON protocol (X-Amz-Target InitiateAuth,
 *                                            RespondToAuthChallenge, AssociateSoftwareToken,
 *                                            VerifySoftwareToken): the admin UI's sign-in with TOTP MFA
 *   POST /token                              grant_type=password, username, password (JSON or form):
 *                                            scripts and tests only, no second factor (never in AWS)
 *   GET  /users                              the demo users and their groups (no passwords)
 *
 * Tokens live one hour of real time (not the twin's movable clock: API Gateway checks them by its own).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { dirname } from 'node:path';
import { type JWK, SignJWT, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { StaffGroup } from '#http/route';
import { closeServer, listeningPort, readBody, sendJson } from './http-util';
import { CognitoError, createCognitoPool } from './cognito-idp';
import { HOST } from './ports';

/** The app client id of the admin UI; the gateway accepts tokens whose `aud` (or `client_id`) is this. */
export const LOCAL_CLIENT_ID = 'cec-observers-admin-ui';
/** One password for every demo user: the twin holds demo data only, never real accounts. */
export const DEMO_PASSWORD = 'demo-password';
export const TOKEN_TTL_SECONDS = 3600;

export interface DemoUser {
  username: string;
  sub: string;
  groups: StaffGroup[];
  name: string;
  /**
   * The base32 TOTP secret of the user's authenticator (demo values, printed by `npm run twin` and
   * `npm run totp`). Absent: a new account, which changes its temporary password and sets up its
   * authenticator at the first sign-in, as an account an admin created in Cognito does.
   */
  totpSecret?: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    username: 'admin@cec.local',
    sub: '6f1c2a40-0d7e-4d3b-9a51-1f6b8f2e0a01',
    groups: ['cec-admin'],
    name: 'CEC admin',
    totpSecret: 'WYH543MWLD7KM767RRCFZAYC5ZK5CQA4',
  },
  {
    username: 'reviewer@cec.local',
    sub: '6f1c2a40-0d7e-4d3b-9a51-1f6b8f2e0a02',
    groups: ['cec-reviewer'],
    name: 'CEC reviewer',
    totpSecret: 'C2DCOGJABP56FBCQPDIFCMRQQW6VBAYX',
  },
  {
    username: 'mfa@cec.local',
    sub: '6f1c2a40-0d7e-4d3b-9a51-1f6b8f2e0a03',
    groups: ['mfa-officer'],
    name: 'MFA officer',
    totpSecret: 'PJY4EDIJ2SUSZ2ILQAAYXENXTC3FGIVS',
  },
  {
    username: 'new@cec.local',
    sub: '6f1c2a40-0d7e-4d3b-9a51-1f6b8f2e0a04',
    groups: ['cec-reviewer'],
    name: 'New CEC reviewer',
  },
];

export interface TokenSet {
  id_token: string;
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

export interface Issuer {
  /** The `iss` of every token, as a browser reaches it. */
  issuer: string;
  /** Where the server process itself fetches the keys (loopback address). */
  jwksUrl: string;
  port: number;
  clientId: string;
  /** Signs a token set for a demo user without a password (in-process use: benchmarks). */
  tokensFor(username: string): Promise<TokenSet>;
  stop(): Promise<void>;
}

interface KeyMaterial {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

async function newKey(): Promise<KeyMaterial> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `local-${randomUUID().slice(0, 8)}`;
  return { kid, privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
}

/** With a key file (persistent twin), tokens signed before a restart stay valid after it. */
async function loadKey(keyFile?: string): Promise<KeyMaterial> {
  if (keyFile && existsSync(keyFile)) return JSON.parse(readFileSync(keyFile, 'utf8')) as KeyMaterial;
  const key = await newKey();
  if (keyFile) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify(key), { mode: 0o600 });
  }
  return key;
}

function parseCredentials(req: IncomingMessage, raw: Buffer): Record<string, string> {
  const type = req.headers['content-type'] ?? '';
  const text = raw.toString('utf8');
  if (/json/i.test(type)) {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
  }
  return Object.fromEntries(new URLSearchParams(text));
}

export async function startIssuer(opts: {
  port: number;
  /** Origins allowed to call the issuer from a browser (the admin UI). */
  corsOrigins: readonly string[];
  /** Host name in `iss` (browsers reach the twin as localhost). */
  publicHost?: string;
  keyFile?: string;
}): Promise<Issuer> {
  const key = await loadKey(opts.keyFile);
  const signingKey = await importJWK(key.privateJwk, 'RS256');
  const publicJwk = { ...key.publicJwk, kid: key.kid, alg: 'RS256', use: 'sig' };
  let issuer = '';

  async function tokensFor(username: string): Promise<TokenSet> {
    const user = DEMO_USERS.find((u) => u.username === username);
    if (!user) throw new Error(`no demo user ${username}; the demo users are ${DEMO_USERS.map((u) => u.username)}`);
    const now = Math.floor(Date.now() / 1000);
    const originJti = randomUUID();
    const eventId = randomUUID();
    const common = {
      'cognito:groups': user.groups,
      origin_jti: originJti,
      event_id: eventId,
      auth_time: now,
    };
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
        .setIssuer(issuer)
        .setSubject(user.sub)
        .setIssuedAt(now)
        .setExpirationTime(now + TOKEN_TTL_SECONDS)
        .setJti(randomUUID())
        .sign(signingKey);
    const idToken = await sign({
      ...common,
      aud: LOCAL_CLIENT_ID,
      token_use: 'id',
      email: user.username,
      email_verified: true,
      name: user.name,
      'cognito:username': user.username,
    });
    const accessToken = await sign({
      ...common,
      client_id: LOCAL_CLIENT_ID,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      username: user.username,
    });
    return { id_token: idToken, access_token: accessToken, token_type: 'Bearer', expires_in: TOKEN_TTL_SECONDS };
  }

  const pool = createCognitoPool({
    clientId: LOCAL_CLIENT_ID,
    accounts: DEMO_USERS.map((u) => ({
      username: u.username,
      password: DEMO_PASSWORD,
      totpSecret: u.totpSecret,
      mustChangePassword: !u.totpSecret,
    })),
    issueTokens: tokensFor,
  });

  function cors(req: IncomingMessage): Record<string, string> {
    const origin = req.headers.origin;
    if (!origin || !opts.corsOrigins.includes(origin)) return {};
    return {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'content-type, authorization, x-amz-target, x-amz-user-agent',
      'access-control-max-age': '600',
      vary: 'Origin',
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://local');
    const headers = cors(req);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, headers);
      res.end();
      return;
    }
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      return sendJson(
        res,
        200,
        {
          issuer,
          jwks_uri: `${issuer}/jwks.json`,
          token_endpoint: `${issuer}/token`,
          response_types_supported: ['token', 'id_token'],
          grant_types_supported: ['password'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['none'],
          claims_supported: ['sub', 'email', 'cognito:groups', 'cognito:username', 'token_use'],
        },
        headers,
      );
    }
    if (req.method === 'GET' && url.pathname === '/jwks.json') {
      return sendJson(res, 200, { keys: [publicJwk] }, { ...headers, 'cache-control': 'max-age=300' });
    }
    if (req.method === 'GET' && url.pathname === '/users') {
      return sendJson(
        res,
        200,
        DEMO_USERS.map(({ username, groups, name }) => ({ username, groups, name })),
        headers,
      );
    }
    const target = req.headers['x-amz-target'];
    if (req.method === 'POST' && url.pathname === '/' && typeof target === 'string') {
      const amzJson = { ...headers, 'content-type': 'application/x-amz-json-1.1', 'cache-control': 'no-store' };
      const action = target.replace(/^AWSCognitoIdentityProviderService\./, '');
      try {
        let body: Record<string, unknown>;
        try {
          body = JSON.parse((await readBody(req, 64 * 1024)).toString('utf8')) as Record<string, unknown>;
        } catch {
          throw new CognitoError('SerializationException', 'The request body is not JSON.');
        }
        return sendJson(res, 200, await pool.call(action, body ?? {}), amzJson);
      } catch (e) {
        if (!(e instanceof CognitoError)) throw e;
        return sendJson(res, e.status, { __type: e.type, message: e.message }, amzJson);
      }
    }
    if (req.method === 'POST' && url.pathname === '/token') {
      let creds: Record<string, string>;
      try {
        creds = parseCredentials(req, await readBody(req, 64 * 1024));
      } catch {
        return sendJson(res, 400, { error: 'invalid_request', error_description: 'send JSON or a form' }, headers);
      }
      if (creds.grant_type !== undefined && creds.grant_type !== 'password') {
        return sendJson(
          res,
          400,
          { error: 'unsupported_grant_type', error_description: 'only grant_type=password is served locally' },
          headers,
        );
      }
      const user = DEMO_USERS.find((u) => u.username === creds.username);
      if (!user || creds.password !== DEMO_PASSWORD) {
        return sendJson(
          res,
          400,
          { error: 'invalid_grant', error_description: 'Incorrect username or password.' },
          headers,
        );
      }
      return sendJson(res, 200, await tokensFor(user.username), { ...headers, 'cache-control': 'no-store' });
    }
    sendJson(res, 404, { error: 'not_found' }, headers);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error', error_description: String(err) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, HOST, () => resolve());
  });
  const port = listeningPort(server);
  issuer = `http://${opts.publicHost ?? 'localhost'}:${port}`;
  return {
    issuer,
    jwksUrl: `http://${HOST}:${port}/jwks.json`,
    port,
    clientId: LOCAL_CLIENT_ID,
    tokensFor,
    stop: () => closeServer(server),
  };
}

/**
 * A demo user's ID token from a running issuer, by the password grant as the admin UI signs in.
 * The issuer is `TWIN_OIDC_URL` unless given (tests get it from the twin's environment).
 */
export async function tokenFor(
  username: string,
  opts: { issuerUrl?: string; password?: string; token?: 'id_token' | 'access_token' } = {},
): Promise<string> {
  const base = opts.issuerUrl ?? process.env.TWIN_OIDC_URL;
  if (!base) throw new Error('tokenFor needs the issuer URL: pass issuerUrl or set TWIN_OIDC_URL');
  const res = await fetch(`${base}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', username, password: opts.password ?? DEMO_PASSWORD }),
  });
  const body = (await res.json()) as Partial<TokenSet> & { error_description?: string };
  if (!res.ok) throw new Error(`sign-in of ${username} failed: ${res.status} ${body.error_description ?? ''}`);
  const token = body[opts.token ?? 'id_token'];
  if (!token) throw new Error('the issuer answered without a token');
  return token;
}
