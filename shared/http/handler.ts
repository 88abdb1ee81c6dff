/**
 * The HTTP handler pattern: middy middleware first, the route's work last. A function's entry file is
 *
 *   export const handler = httpHandler(listPublicElections, async ({ query }) => ok(await ...));
 *
 * and everything else (secrets, tracing and metrics, headers, correlation id, the check that a
 * deployed request came through CloudFront (./origin-check.ts), body size, JSON, zod validation of
 * params, query and body, authorization by the route's access rule, mapping errors to HTTP) happens
 * here, once.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import type { Clock } from '#domain/clock';
import { PayloadTooLargeError, ValidationError } from '#domain/errors';
import { clock } from '#runtime/clock';
import { logger } from '#runtime/logger';
import { observability } from '#runtime/observability';
import { type Principal, actorOf, authorize } from './auth';
import { UnsupportedMediaTypeError, errorResponse, issuesFromZod, statusOf } from './errors';
import { originCheck } from './origin-check';
import type { Route } from './route';

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

export type HttpResult = APIGatewayProxyStructuredResultV2;

export interface HttpRequest<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  principal: Principal;
  actor: ReturnType<typeof actorOf>;
  clock: Clock;
  /** The moment the request is handled, read once so one request sees one "now". */
  now: Date;
  event: APIGatewayProxyEventV2;
  requestId: string;
  sourceIp: string;
}

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

function parsePart<T>(schema: z.ZodType | undefined, value: unknown, part: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new ValidationError(issuesFromZod(result.error, part));
  return result.data as T;
}

function parseBody(route: Route, event: APIGatewayProxyEventV2): unknown {
  if (!route.body) return undefined;
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  const limit = route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (Buffer.byteLength(text, 'utf8') > limit) throw new PayloadTooLargeError(limit);
  const type = event.headers?.['content-type'] ?? '';
  if (text.length > 0 && type && !/^application\/json\b/i.test(type)) throw new UnsupportedMediaTypeError();
  if (text.trim() === '') throw new ValidationError([{ field: 'body', rule: 'is required: send a JSON object' }]);
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError([{ field: 'body', rule: 'must be valid JSON' }]);
  }
}

/** Query strings: repeated keys arrive comma-joined in payload 2.0; zod coerces what needs numbers. */
function queryOf(event: APIGatewayProxyEventV2): Record<string, string> {
  return { ...(event.queryStringParameters ?? {}) } as Record<string, string>;
}

export function httpHandler<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  route: Route<P, Q, B>,
  fn: (req: HttpRequest<Out<P>, Out<Q>, Out<B>>) => Promise<HttpResult>,
) {
  // Security headers come before the error mapper: middy runs onError handlers last-registered first,
  // so the mapper sets the error response and the headers are then added to it, as to successes.
  return middy<APIGatewayProxyEventV2, HttpResult, Error, Context>()
    .use(observability())
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpHeaderNormalizer())
    .use(httpSecurityHeaders({}))
    .use({
      before: (request) => {
        logger.appendKeys({
          correlationId: request.event.requestContext?.requestId,
          route: `${route.method} ${route.path}`,
        });
      },
      onError: (request) => {
        const err = request.error;
        const requestId = request.event.requestContext?.requestId ?? 'unknown';
        const status = statusOf(err);
        if (status >= 500) logger.error('request failed', { error: err as Error });
        else logger.info('request refused', { status, error: (err as Error)?.message });
        request.response = errorResponse(err, requestId);
      },
    })
    .use(originCheck())
    .handler(async (event) => {
      const now = clock.now();
      // Who is asking comes first: an anonymous caller learns nothing from validation messages.
      const principal = await authorize(route.access, event, now);
      const params = parsePart<Out<P>>(route.params, event.pathParameters, 'path');
      const query = parsePart<Out<Q>>(route.query, queryOf(event), 'query');
      const body = parsePart<Out<B>>(route.body, parseBody(route, event), 'body');
      return fn({
        params,
        query,
        body,
        principal,
        actor: actorOf(principal),
        clock,
        now,
        event,
        requestId: event.requestContext?.requestId ?? 'local',
        sourceIp: event.requestContext?.http?.sourceIp ?? 'unknown',
      });
    });
}

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return { statusCode, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

export const ok = (body: unknown, headers?: Record<string, string>) => json(200, body, headers);
export const created = (body: unknown) => json(201, body);
export const noContent = (): HttpResult => ({ statusCode: 204, headers: {}, body: '' });

export function text(statusCode: number, body: string, contentType: string, headers: Record<string, string> = {}) {
  return { statusCode, headers: { 'content-type': contentType, ...headers }, body } satisfies HttpResult;
}
