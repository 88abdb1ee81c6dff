/**
 * Typed errors of the domain. Each sets its `name`; `shared/http/errors.ts` is the one place that maps
 * them to HTTP statuses. Messages are written for the person who sent the request.
 */

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `representatives.2.passport.expiresOn`. */
  field: string;
  /** The rule that failed, in words, naming its clause where there is one. */
  rule: string;
}

export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    message: string,
    readonly code: string,
    readonly clause?: string,
  ) {
    super(message);
  }
}

export class ValidationError extends DomainError {
  override name = 'ValidationError';
  constructor(
    readonly issues: FieldIssue[],
    message = issues.map((i) => `${i.field}: ${i.rule}`).join('; '),
  ) {
    super(message, 'VALIDATION_FAILED');
  }
}

/** A business rule forbids the request in the current state (HTTP 409). */
export class RuleViolationError extends DomainError {
  override name = 'RuleViolationError';
}

/** A write lost a race: the record changed since it was read (HTTP 409). */
export class ConcurrencyError extends DomainError {
  override name = 'ConcurrencyError';
  constructor(message = 'the record was changed by someone else; reload it and try again') {
    super(message, 'STALE_VERSION');
  }
}

export class NotFoundError extends DomainError {
  override name = 'NotFoundError';
  constructor(what: string, id: string) {
    super(`${what} ${id} was not found`, 'NOT_FOUND');
  }
}

export class UnauthorizedError extends DomainError {
  override name = 'UnauthorizedError';
  constructor(message = 'sign-in required: send a bearer token') {
    super(message, 'UNAUTHORIZED');
  }
}

export class ForbiddenError extends DomainError {
  override name = 'ForbiddenError';
  constructor(message: string) {
    super(message, 'FORBIDDEN');
  }
}

export class RateLimitedError extends DomainError {
  override name = 'RateLimitedError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, 'RATE_LIMITED');
  }
}

export class PayloadTooLargeError extends DomainError {
  override name = 'PayloadTooLargeError';
  constructor(limitBytes: number) {
    super(`request body is larger than ${limitBytes} bytes`, 'PAYLOAD_TOO_LARGE');
  }
}
