/**
 * API Gateway HTTP API (payload format 2.0) sample events, for tests and local runs. Each call returns
 * a fresh deep copy, so a test may change its event without touching the fixture other tests read.
 */
import { readFileSync } from 'node:fs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export const APIGW_EVENTS = ['public-get', 'staff-get', 'staff-post-access-token', 'portal-post'] as const;
export type ApigwEventName = (typeof APIGW_EVENTS)[number];

const cache = new Map<ApigwEventName, string>();

export function apigwEvent(name: ApigwEventName): APIGatewayProxyEventV2 {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(new URL(`./${name}.json`, import.meta.url), 'utf8');
    cache.set(name, text);
  }
  return JSON.parse(text) as APIGatewayProxyEventV2;
}

/**
 * Re-targets a fixture at another route, keeping its caller (headers, claims, source IP): the method,
 * route key, raw path, path parameters and query string all agree, as they do in a real event.
 */
export function forRoute(
  event: APIGatewayProxyEventV2,
  route: { method: string; path: string },
  opts: { pathParameters?: Record<string, string>; query?: Record<string, string> } = {},
): APIGatewayProxyEventV2 {
  const rawPath = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = opts.pathParameters?.[name];
    if (value === undefined) throw new Error(`path parameter ${name} of ${route.path} not given`);
    return encodeURIComponent(value);
  });
  const query = opts.query ?? {};
  const rawQueryString = new URLSearchParams(query).toString();
  const routeKey = `${route.method} ${route.path}`;
  const next: APIGatewayProxyEventV2 = {
    ...event,
    routeKey,
    rawPath,
    rawQueryString,
    requestContext: {
      ...event.requestContext,
      routeKey,
      http: { ...event.requestContext.http, method: route.method, path: rawPath },
    },
  };
  if (opts.pathParameters) next.pathParameters = { ...opts.pathParameters };
  else delete next.pathParameters;
  if (Object.keys(query).length > 0) next.queryStringParameters = { ...query };
  else delete next.queryStringParameters;
  return next;
}

/** Sets a JSON body as API Gateway delivers it (a string), with a matching content-length. */
export function withJsonBody(event: APIGatewayProxyEventV2, body: unknown): APIGatewayProxyEventV2 {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    ...event,
    body: text,
    isBase64Encoded: false,
    headers: {
      ...event.headers,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(text, 'utf8')),
    },
  };
}
