/**
 * Only CloudFront may call the API. API Gateway's own `https://{apiId}.execute-api…` URL answers
 * anyone, outside the WAF; so CloudFront adds a secret header (`x-origin-verify`, its value from the
 * origin secret in Secrets Manager, shared/runtime/secrets.ts) to every request it forwards under
 * `/v1/*`, and every API function refuses a request without it: 403 in the product's error shape,
 * before the caller is authorized or anything is read. The comparison takes constant time; the
 * previous value is accepted too, so the secret can be changed without refusing anyone while
 * CloudFront takes the new one.
 *
 * Deployed functions are given the origin secret's ARN (infra/stacks/needs.ts); the local twin and
 * the tests have no origin secret and no CloudFront, and skip the check.
 */
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ForbiddenError } from '#domain/errors';
import { ORIGIN_VERIFY_HEADER, type OriginSecret, originSecret } from '#runtime/secrets';

function same(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether the request carries the origin header with the current or the previous value. */
export function fromCloudFront(event: Pick<APIGatewayProxyEventV2, 'headers'>, secret: OriginSecret): boolean {
  const headers = event.headers ?? {};
  const given = headers[ORIGIN_VERIFY_HEADER] ?? headers[ORIGIN_VERIFY_HEADER.toUpperCase()];
  if (!given) return false;
  return [secret.current, secret.previous].some((v) => v !== undefined && same(given, v));
}

export const NOT_THROUGH_CLOUDFRONT =
  'call the API through the product’s domain (CloudFront): its direct API Gateway address is closed';

/** Refuses (403) a request that did not come through CloudFront, where an origin secret is given. */
export function originCheck(
  load: () => Promise<OriginSecret | undefined> = originSecret,
): MiddlewareObj<APIGatewayProxyEventV2> {
  return {
    before: async (request) => {
      const secret = await load();
      if (secret && !fromCloudFront(request.event, secret)) throw new ForbiddenError(NOT_THROUGH_CLOUDFRONT);
    },
  };
}
