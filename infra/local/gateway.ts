/**
 * The local API gateway: a node:http server that plays API Gateway's HTTP API in front of the route
 * table (`shared/http/routes.ts`). Per request it matches method and path, verifies the staff bearer
 * token against the issuer's JWKS as the JWT authorizer does, builds the payload 2.0 event, runs the
 * route's function in this process, and writes its answer. Answers that API Gateway itself gives
 * carry API Gateway's own body `{"message": ...}`, not the application's `{"error": ...}`: 404 "Not
 * Found" for an unmatched method and path, 401 "Unauthorized", 413 "Request Entity Too Large", 500
 * "Internal Server Error", 503 "Service Unavailable".
 */
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { type JWTPayload, createRemoteJWKSet, jwtVerify } from 'jose';
import type { Route } from '#http/route';
import { serveApiDocs } from './api-docs';
import { type HttpAnswer, type HttpEvent, buildHttpEvent, readAnswer } from './apigw-event';
import { BodyTooLargeError, closeServer, listeningPort, readBody } from './http-util';
import { FunctionTimeoutError, type LambdaHandler, invoke, lambdaContext, loadHandler } from './lambda';
import { HOST } from './ports';
import { routeMatcher } from './route-match';

/** API Gateway's limits: 10 MB request payload, 30 s integration timeout; Lambda's 6 MB response. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
export const INTEGRATION_TIMEOUT_MS = 30_000;
export const MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

export interface GatewayRoute {
  route: Route;
  /** An in-process function (the twin's own /local routes) instead of a module under functions/. */
  fn?: LambdaHandler;
}

export interface GatewayOptions {
  port: number;
  routes: readonly GatewayRoute[];
  issuer: { issuer: string; jwksUrl: string; clientId: string };
  corsOrigins: readonly string[];
  region: string;
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface Gateway {
  port: number;
  /** Until ready, requests get 503 (the emulators behind the functions are still starting). */
  setReady(): void;
  stop(): Promise<void>;
}

const CORS_ALLOW_HEADERS = 'authorization, content-type, x-requested-with, if-match, idempotency-key';
const CORS_EXPOSE_HEADERS = 'content-disposition, etag, retry-after, x-request-id';

function apigwError(status: number, message: string, extra: Record<string, string> = {}): HttpAnswer {
  return {
    status,
    headers: { 'content-type': 'application/json', ...extra },
    cookies: [],
    body: Buffer.from(JSON.stringify({ message })),
  };
}

/** Verifies a bearer token as API Gateway's JWT authorizer: signature by JWKS, issuer, audience, times. */
export function jwtAuthorizer(issuer: GatewayOptions['issuer']) {
  const jwks = createRemoteJWKSet(new URL(issuer.jwksUrl));
  return async (authorization: string | undefined): Promise<JWTPayload | null> => {
    const m = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization.trim()) : null;
    if (!m?.[1]) return null;
    try {
      const { payload } = await jwtVerify(m[1], jwks, { issuer: issuer.issuer, algorithms: ['RS256'] });
      // The authorizer's audience check accepts `aud` (ID tokens) or `client_id` (access tokens).
      const aud = Array.isArray(payload.aud) ? payload.aud : payload.aud ? [payload.aud] : [];
      if (!aud.includes(issuer.clientId) && payload.client_id !== issuer.clientId) return null;
      return payload;
    } catch {
      return null;
    }
  };
}

export async function startGateway(opts: GatewayOptions): Promise<Gateway> {
  const log = opts.log ?? (() => {});
  const timeoutMs = opts.timeoutMs ?? INTEGRATION_TIMEOUT_MS;
  const matcher = routeMatcher(opts.routes.map((r) => ({ method: r.route.method, path: r.route.path, value: r })));
  const verify = jwtAuthorizer(opts.issuer);
  let ready = false;

  function corsHeaders(req: IncomingMessage): Record<string, string> {
    const origin = req.headers.origin;
    if (!origin || !opts.corsOrigins.includes(origin)) return {};
    return {
      'access-control-allow-origin': origin,
      'access-control-expose-headers': CORS_EXPOSE_HEADERS,
      vary: 'Origin',
    };
  }

  async function answer(req: IncomingMessage, url: string): Promise<{ answer: HttpAnswer; target?: string }> {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.split('?')[0] ?? '/';
    const match = matcher.match(method, path);
    // API Gateway's own answer for a request no route key matches (method and path): 404 Not Found.
    if (match.kind === 'not-found') return { answer: apigwError(404, 'Not Found') };
    const { route, fn: inProcess } = match.value;

    let body: Buffer;
    try {
      body = await readBody(req, MAX_REQUEST_BYTES);
    } catch (err) {
      if (err instanceof BodyTooLargeError) return { answer: apigwError(413, 'Request Entity Too Large') };
      throw err;
    }

    // The JWT authorizer sits on staff routes only; portal and public routes reach the function as they are.
    let claims: JWTPayload | undefined;
    if (route.access.kind === 'staff') {
      const payload = await verify(req.headers.authorization);
      if (!payload) {
        return {
          answer: apigwError(401, 'Unauthorized', {
            'www-authenticate':
              'Bearer error="invalid_token", error_description="the token is missing, invalid or expired"',
          }),
        };
      }
      claims = payload;
    }

    const fn = inProcess ?? (await loadHandler(route.handler));
    if (!fn) {
      return {
        answer: {
          status: 501,
          headers: { 'content-type': 'application/json' },
          cookies: [],
          body: Buffer.from(
            JSON.stringify({
              message: `Not Implemented: the function functions/${route.handler}.ts of ${match.routeKey} does not exist yet`,
            }),
          ),
        },
        target: route.handler,
      };
    }

    const event: HttpEvent = buildHttpEvent({
      method,
      url,
      rawHeaders: req.rawHeaders,
      body,
      sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
      routeKey: match.routeKey,
      pathParameters: match.params,
      claims,
    });
    if (Buffer.byteLength(JSON.stringify(event)) > MAX_RESPONSE_BYTES) {
      return { answer: apigwError(413, 'Request Entity Too Large'), target: route.handler };
    }
    try {
      const result = await invoke(fn, event, lambdaContext(route.handler, timeoutMs, opts.region), timeoutMs);
      const out = readAnswer(result);
      if (out.body.length > MAX_RESPONSE_BYTES) {
        log(`${route.handler}: the response of ${out.body.length} bytes is over Lambda's 6 MB limit`);
        return { answer: apigwError(500, 'Internal Server Error'), target: route.handler };
      }
      out.headers['apigw-requestid'] = event.requestContext.requestId;
      return { answer: out, target: route.handler };
    } catch (err) {
      if (err instanceof FunctionTimeoutError) {
        log(err.message);
        return { answer: apigwError(503, 'Service Unavailable'), target: route.handler };
      }
      log(`${route.handler} failed: ${(err as Error)?.stack ?? String(err)}`);
      return { answer: apigwError(500, 'Internal Server Error'), target: route.handler };
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const started = performance.now();
    const url = req.url ?? '/';
    const cors = corsHeaders(req);

    // CORS preflight is answered by API Gateway itself, for every path, as its CORS configuration says.
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      const allowed = cors['access-control-allow-origin'] !== undefined;
      res.writeHead(
        204,
        allowed
          ? {
              ...cors,
              'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
              'access-control-allow-headers': CORS_ALLOW_HEADERS,
              'access-control-max-age': '600',
            }
          : {},
      );
      res.end();
      return;
    }

    // The API reference page (Redoc over /v1/openapi.json): the twin's own, like /local; in AWS it is
    // deployed with the admin UI (docs/index.html).
    if (serveApiDocs(req, res, cors)) return;

    const { answer: out, target } = ready
      ? await answer(req, url)
      : { answer: apigwError(503, 'Service Unavailable'), target: undefined };
    if (!req.complete) req.resume();
    const headers: Record<string, string | string[]> = { ...out.headers, ...cors };
    if (out.cookies.length > 0) headers['set-cookie'] = out.cookies;
    headers['content-length'] = String(out.body.length);
    // How long the gateway held the request, body read to answer (shown by a browser's developer tools).
    const ms = (performance.now() - started).toFixed(1);
    headers['server-timing'] = `gateway;dur=${ms}`;
    res.writeHead(out.status, headers);
    res.end(req.method === 'HEAD' ? undefined : out.body);
    log(`${req.method} ${url} -> ${out.status} ${ms} ms${target ? ` (${target})` : ''}`);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log(`gateway error: ${(err as Error)?.stack ?? String(err)}`);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'Internal Server Error' }));
      } else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, HOST, () => resolve());
  });
  return {
    port: listeningPort(server),
    setReady: () => {
      ready = true;
    },
    stop: () => closeServer(server),
  };
}
