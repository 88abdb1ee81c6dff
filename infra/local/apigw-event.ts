/**
 * The API Gateway HTTP API event (payload format 2.0) and the reading of a function's answer, as
 * API Gateway does both. Handlers see on the twin exactly the shape they get in AWS.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID } from './lambda';

export const LOCAL_API_ID = 'localtwin';

export interface RequestFacts {
  method: string;
  /** Path and query as received, not decoded. */
  url: string;
  /** Node's `rawHeaders`: name, value, name, value... */
  rawHeaders: readonly string[];
  body: Buffer;
  sourceIp: string;
  routeKey: string;
  pathParameters: Record<string, string>;
  /** The verified token's claims, for routes behind the JWT authorizer. */
  claims?: Record<string, unknown>;
  now?: Date;
}

/** Content types API Gateway passes as text; any other body arrives base64-encoded. */
export function isTextContent(type: string | undefined): boolean {
  if (!type) return true;
  return /^(text\/|application\/(json|.*\+json|xml|.*\+xml|x-www-form-urlencoded|javascript|graphql))/i.test(type);
}

/**
 * JWT authorizer claims arrive as strings: numbers and booleans as text, arrays as "[a b]" (as HTTP
 * API flattens `cognito:groups`), objects as JSON. `shared/http/auth.ts` reads both forms.
 */
export function flattenClaims(claims: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(claims)) {
    if (Array.isArray(v)) out[k] = `[${v.map(String).join(' ')}]`;
    else if (v !== null && typeof v === 'object') out[k] = JSON.stringify(v);
    else out[k] = String(v);
  }
  return out;
}

function clf(d: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(
    d.getUTCMinutes(),
  )}:${p(d.getUTCSeconds())} +0000`;
}

/** What the JWT authorizer adds to `requestContext` (scopes are null for ID tokens). */
export interface JwtAuthorizerContext {
  principalId: string;
  integrationLatency: number;
  jwt: { claims: Record<string, string>; scopes: string[] | null };
}

export type HttpEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & { authorizer?: JwtAuthorizerContext };
};

export function buildHttpEvent(f: RequestFacts): HttpEvent {
  const now = f.now ?? new Date();
  const q = f.url.indexOf('?');
  const rawPath = q >= 0 ? f.url.slice(0, q) : f.url;
  const rawQueryString = q >= 0 ? f.url.slice(q + 1) : '';

  // Repeated headers are joined with commas; cookies move to `cookies`.
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < f.rawHeaders.length; i += 2) {
    const name = f.rawHeaders[i]!.toLowerCase();
    const value = f.rawHeaders[i + 1]!;
    if (name === 'cookie') {
      cookies.push(...value.split(/;\s*/).filter(Boolean));
      continue;
    }
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  const requestId = randomUUID();
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${f.sourceIp}` : f.sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  const host = headers.host ?? 'localhost';
  headers['x-forwarded-port'] ??= host.includes(':') ? (host.split(':').pop() ?? '80') : '80';
  headers['x-amzn-trace-id'] ??= `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomUUID()
    .replace(/-/g, '')
    .slice(0, 24)}`;

  // Repeated query keys are joined with commas, as payload 2.0 does.
  let queryStringParameters: Record<string, string> | undefined;
  if (rawQueryString) {
    queryStringParameters = {};
    for (const [k, v] of new URLSearchParams(rawQueryString)) {
      queryStringParameters[k] = queryStringParameters[k] === undefined ? v : `${queryStringParameters[k]},${v}`;
    }
  }

  const hasBody = f.body.length > 0;
  const text = isTextContent(headers['content-type']);
  const domainName = host.split(':')[0] ?? 'localhost';
  const requestContext: APIGatewayProxyEventV2['requestContext'] & { authorizer?: JwtAuthorizerContext } = {
    accountId: LOCAL_ACCOUNT_ID,
    apiId: LOCAL_API_ID,
    domainName,
    domainPrefix: domainName.split('.')[0] ?? domainName,
    http: {
      method: f.method,
      path: rawPath,
      protocol: 'HTTP/1.1',
      sourceIp: f.sourceIp,
      userAgent: headers['user-agent'] ?? '',
    },
    requestId,
    routeKey: f.routeKey,
    stage: '$default',
    time: clf(now),
    timeEpoch: now.getTime(),
  };
  if (f.claims) {
    requestContext.authorizer = {
      principalId: '',
      integrationLatency: 0,
      jwt: {
        claims: flattenClaims(f.claims),
        scopes: typeof f.claims.scope === 'string' ? f.claims.scope.split(' ') : null,
      },
    };
  }
  return {
    version: '2.0',
    routeKey: f.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    ...(Object.keys(f.pathParameters).length > 0 ? { pathParameters: f.pathParameters } : {}),
    requestContext,
    ...(hasBody ? { body: text ? f.body.toString('utf8') : f.body.toString('base64') } : {}),
    isBase64Encoded: hasBody && !text,
  };
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
}

/**
 * A function's answer as API Gateway reads it (payload 2.0): an object with `statusCode` is taken as
 * the response; anything else is a 200 with that value as a JSON body.
 */
export function readAnswer(result: unknown): HttpAnswer {
  if (result !== null && typeof result === 'object' && 'statusCode' in result) {
    const r = result as {
      statusCode: number;
      headers?: Record<string, string | number | boolean>;
      cookies?: string[];
      body?: string;
      isBase64Encoded?: boolean;
    };
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.headers ?? {})) {
      // A header without a value is left out (as API Gateway drops it), never sent as "undefined".
      if (v !== undefined && v !== null) headers[k.toLowerCase()] = String(v);
    }
    const body = r.body === undefined ? Buffer.alloc(0) : Buffer.from(r.body, r.isBase64Encoded ? 'base64' : 'utf8');
    return { status: Number(r.statusCode), headers, cookies: r.cookies ?? [], body };
  }
  const text = typeof result === 'string' ? result : JSON.stringify(result ?? null);
  return { status: 200, headers: { 'content-type': 'application/json' }, cookies: [], body: Buffer.from(text) };
}
