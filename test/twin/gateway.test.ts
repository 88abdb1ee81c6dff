/**
 * The local gateway on its own (in this worker), in front of a fixture function that echoes its event:
 * the payload 2.0 event as API Gateway builds it, and API Gateway's own answers (501 for a function not
 * written yet, 500, 503 on timeout, 413 over 10 MB).
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Route } from '#http/route';
import { type Gateway, startGateway } from '#local/gateway';
import { type Issuer, startIssuer } from '#local/oidc';
import { ECHO_HANDLER } from './fixtures/wiring';

const route = (r: Omit<Route, 'summary' | 'tag'>): Route => ({ summary: 'test', tag: 'test', ...r });

let issuer: Issuer;
let gateway: Gateway;
let base: string;

beforeAll(async () => {
  issuer = await startIssuer({ port: 0, corsOrigins: [] });
  gateway = await startGateway({
    port: 0,
    routes: [
      { route: route({ method: 'GET', path: '/echo/{id}', handler: ECHO_HANDLER, access: { kind: 'public' } }) },
      {
        route: route({
          method: 'POST',
          path: '/echo/{id}',
          handler: ECHO_HANDLER,
          access: { kind: 'staff', groups: ['cec-admin'] },
          body: z.unknown(),
        }),
      },
      { route: route({ method: 'GET', path: '/echo/fixed', handler: ECHO_HANDLER, access: { kind: 'public' } }) },
      { route: route({ method: 'GET', path: '/later', handler: 'http/not-written-yet', access: { kind: 'public' } }) },
    ],
    issuer: { issuer: issuer.issuer, jwksUrl: issuer.jwksUrl, clientId: issuer.clientId },
    corsOrigins: ['http://localhost:5173'],
    region: 'eu-central-1',
    timeoutMs: 500,
  });
  gateway.setReady();
  base = `http://127.0.0.1:${gateway.port}`;
});

afterAll(async () => {
  await gateway?.stop();
  await issuer?.stop();
});

async function echo(path: string, init: RequestInit = {}): Promise<APIGatewayProxyEventV2> {
  const res = await fetch(`${base}${path}`, init);
  expect(res.status).toBe(200);
  return (await res.json()) as APIGatewayProxyEventV2;
}

describe('the payload 2.0 event', () => {
  it('carries path, query, headers and cookies as API Gateway sends them', async () => {
    const event = await echo('/echo/a%20b?tag=x&tag=y&q=%D0%91%D0%A8%D0%9A', {
      headers: { 'X-Custom-Header': 'Value', cookie: 'theme=dark; lang=ky', 'user-agent': 'twin-test' },
    });
    expect(event.version).toBe('2.0');
    expect(event.routeKey).toBe('GET /echo/{id}');
    expect(event.rawPath).toBe('/echo/a%20b');
    expect(event.rawQueryString).toBe('tag=x&tag=y&q=%D0%91%D0%A8%D0%9A');
    expect(event.queryStringParameters).toEqual({ tag: 'x,y', q: 'БШК' });
    expect(event.pathParameters).toEqual({ id: 'a b' });
    expect(event.headers['x-custom-header']).toBe('Value');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.cookies).toEqual(['theme=dark', 'lang=ky']);
    expect(event.isBase64Encoded).toBe(false);
    expect(event.body).toBeUndefined();
    const ctx = event.requestContext;
    expect(ctx.http).toEqual({
      method: 'GET',
      path: '/echo/a%20b',
      protocol: 'HTTP/1.1',
      sourceIp: '127.0.0.1',
      userAgent: 'twin-test',
    });
    expect(ctx.stage).toBe('$default');
    expect(ctx.routeKey).toBe('GET /echo/{id}');
    expect(ctx.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(ctx.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(Math.abs(ctx.timeEpoch - Date.now())).toBeLessThan(5000);
    expect(ctx.accountId).toMatch(/^\d{12}$/);
    expect(ctx.domainName).toBe('127.0.0.1');
    expect((ctx as { authorizer?: unknown }).authorizer).toBeUndefined();
  });

  it('prefers a literal path segment over a parameter', async () => {
    const event = await echo('/echo/fixed');
    expect(event.routeKey).toBe('GET /echo/fixed');
  });

  it('gives a staff route the verified claims as the JWT authorizer does (strings, groups as [a b])', async () => {
    const { id_token } = await issuer.tokensFor('admin@cec.local');
    const event = await echo('/echo/1', {
      method: 'POST',
      headers: { authorization: `Bearer ${id_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ a: 1 }),
    });
    const jwt = (event.requestContext as unknown as { authorizer: { jwt: { claims: Record<string, string> } } })
      .authorizer.jwt;
    expect(jwt.claims['cognito:groups']).toBe('[cec-admin]');
    expect(jwt.claims.token_use).toBe('id');
    expect(jwt.claims.aud).toBe(issuer.clientId);
    expect(jwt.claims.email).toBe('admin@cec.local');
    expect(typeof jwt.claims.exp).toBe('string');
    expect(event.body).toBe('{"a":1}');
  });

  it('sends a binary body base64-encoded, and writes a binary answer and its cookies', async () => {
    const { id_token } = await issuer.tokensFor('admin@cec.local');
    const event = await echo('/echo/2', {
      method: 'POST',
      headers: { authorization: `Bearer ${id_token}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array([0, 159, 255]),
    });
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body!, 'base64')).toEqual(Buffer.from([0, 159, 255]));

    const res = await fetch(`${base}/echo/3?mode=binary`);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
  });

  it('takes an answer without statusCode as a 200 JSON body, and leaves out headers without a value', async () => {
    const bare = await fetch(`${base}/echo/4?mode=bare`);
    expect(bare.status).toBe(200);
    expect(await bare.json()).toEqual({ hello: 'world' });
    const plain = await fetch(`${base}/echo/5`);
    expect(plain.headers.has('x-empty')).toBe(false);
    // How long the gateway held the request, for a browser's developer tools.
    expect(plain.headers.get('server-timing')).toMatch(/^gateway;dur=\d+\.\d$/);
  });
});

describe('answers of the gateway itself', () => {
  it('501 names the function that is not written yet', async () => {
    const res = await fetch(`${base}/later`);
    expect(res.status).toBe(501);
    expect(((await res.json()) as { message: string }).message).toContain('functions/http/not-written-yet.ts');
  });

  it('500 when the function throws, 503 when it times out', async () => {
    const thrown = await fetch(`${base}/echo/6?mode=throw`);
    expect(thrown.status).toBe(500);
    expect(await thrown.json()).toEqual({ message: 'Internal Server Error' });
    const slow = await fetch(`${base}/echo/7?mode=slow`);
    expect(slow.status).toBe(503);
  });

  it('401 for a staff route called without a token', async () => {
    const res = await fetch(`${base}/echo/8`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
  });

  it('413 for a body over 10 MB, as API Gateway caps it', async () => {
    const { id_token } = await issuer.tokensFor('admin@cec.local');
    const res = await fetch(`${base}/echo/9`, {
      method: 'POST',
      headers: { authorization: `Bearer ${id_token}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(10 * 1024 * 1024 + 1),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ message: 'Request Entity Too Large' });
  });
});
