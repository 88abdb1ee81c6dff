/** The one place that maps errors to HTTP. Only 4xx details reach the caller; a 500 says nothing more. */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { z } from 'zod';
import { DomainError, type FieldIssue, RateLimitedError, ValidationError } from '#domain/errors';

const STATUS_BY_NAME: Record<string, number> = {
  ValidationError: 400,
  UnauthorizedError: 401,
  ForbiddenError: 403,
  NotFoundError: 404,
  RuleViolationError: 409,
  IllegalTransitionError: 409,
  ConcurrencyError: 409,
  PayloadTooLargeError: 413,
  UnsupportedMediaTypeError: 415,
  RateLimitedError: 429,
  AdoptionBlockedError: 409,
};

export function issuesFromZod(error: z.ZodError, prefix?: string): FieldIssue[] {
  return error.issues.flatMap((i) => {
    const path = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
    let rule = i.message;
    if (i.code === 'unrecognized_keys') {
      // One issue per unknown field: zod reports them together, but each is a field of its own.
      return i.keys.map((key) => ({ field: [path, key].filter(Boolean).join('.'), rule: 'is not a known field' }));
    }
    if (i.code === 'invalid_type' && /received undefined/.test(i.message)) rule = 'is required';
    return [{ field: path || '(body)', rule }];
  });
}

export function statusOf(err: unknown): number {
  if (err instanceof z.ZodError) return 400;
  if (err instanceof DomainError) {
    let proto: object | null = err;
    while (proto && proto !== Error.prototype) {
      const status = STATUS_BY_NAME[(proto as Error).name] ?? STATUS_BY_NAME[proto.constructor.name];
      if (status) return status;
      proto = Object.getPrototypeOf(proto);
    }
    return 409;
  }
  return 500;
}

export function errorResponse(err: unknown, requestId: string): APIGatewayProxyStructuredResultV2 {
  const status = statusOf(err);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  let body: Record<string, unknown>;
  if (err instanceof z.ZodError) {
    const issues = issuesFromZod(err);
    body = { code: 'VALIDATION_FAILED', message: issues.map((i) => `${i.field}: ${i.rule}`).join('; '), issues };
  } else if (status < 500 && err instanceof DomainError) {
    body = { code: err.code, message: err.message };
    if (err.clause) body.clause = err.clause;
    if (err instanceof ValidationError) body.issues = err.issues;
    if (err instanceof RateLimitedError) headers['retry-after'] = String(err.retryAfterSeconds);
  } else {
    // Writes validate and build their answer before they commit, but a failure after a commit (a lost
    // connection, a timeout) is possible, so the caller is told to look rather than told "not applied".
    body = {
      code: 'INTERNAL',
      message: 'internal error: reload to see whether the change was made before trying again',
      requestId,
    };
  }
  return { statusCode: status, headers, body: JSON.stringify({ error: body }) };
}

export class UnsupportedMediaTypeError extends DomainError {
  override name = 'UnsupportedMediaTypeError';
  constructor() {
    super('send the body as application/json', 'UNSUPPORTED_MEDIA_TYPE');
  }
}
