import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConditionFailedError } from '#data/transact';
import {
  ConcurrencyError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  RuleViolationError,
  UnauthorizedError,
  ValidationError,
} from '#domain/errors';
import { IllegalTransitionError } from '#domain/lifecycle';
import { UnsupportedMediaTypeError, errorResponse, issuesFromZod, statusOf } from './errors';

class WindowClosedError extends RuleViolationError {
  override name = 'WindowClosedError';
}

describe('errors -> HTTP, in one place', () => {
  it.each([
    { label: 'ValidationError', err: new ValidationError([{ field: 'x', rule: 'y' }]), status: 400 },
    { label: 'UnauthorizedError', err: new UnauthorizedError(), status: 401 },
    { label: 'ForbiddenError', err: new ForbiddenError('no'), status: 403 },
    { label: 'NotFoundError', err: new NotFoundError('election', 'E1'), status: 404 },
    { label: 'RuleViolationError', err: new RuleViolationError('closed (3.6)', 'WINDOW_CLOSED', '3.6'), status: 409 },
    { label: 'IllegalTransitionError', err: new IllegalTransitionError('refused', 'accredit'), status: 409 },
    { label: 'ConcurrencyError', err: new ConcurrencyError(), status: 409 },
    { label: 'PayloadTooLargeError', err: new PayloadTooLargeError(1024), status: 413 },
    { label: 'UnsupportedMediaTypeError', err: new UnsupportedMediaTypeError(), status: 415 },
    {
      label: 'a subclass of RuleViolationError (by its parent)',
      err: new WindowClosedError('closed', 'W', '3.6'),
      status: 409,
    },
    { label: 'an unknown DomainError', err: new DomainError('odd', 'ODD'), status: 409 },
    { label: 'a ZodError', err: z.string().safeParse(1).error, status: 400 },
    { label: 'a plain Error', err: new Error('boom'), status: 500 },
    {
      label: 'a ConditionFailedError a repository forgot to map',
      err: new ConditionFailedError([0], ['ConditionalCheckFailed']),
      status: 500,
    },
    { label: 'a thrown string', err: 'boom', status: 500 },
  ])('$label -> $status', ({ err, status }) => {
    expect(statusOf(err)).toBe(status);
  });

  it('a 4xx body carries code, message, clause and the issues', () => {
    const res = errorResponse(new IllegalTransitionError('refused', 'accredit'), 'r1');
    expect(res.statusCode).toBe(409);
    expect(JSON.parse(String(res.body))).toEqual({
      error: {
        code: 'ILLEGAL_TRANSITION',
        message: 'a representative who is refused cannot be given "accredit" (3.3)',
        clause: '3.3',
      },
    });
  });

  it('a 500 body says nothing of the cause', () => {
    const res = errorResponse(new Error('ddb password=hunter2'), 'r2');
    expect(res.body).not.toContain('hunter2');
    expect(JSON.parse(String(res.body))).toEqual({
      error: {
        code: 'INTERNAL',
        message: 'internal error: reload to see whether the change was made before trying again',
        requestId: 'r2',
      },
    });
  });

  it('issuesFromZod names nested fields with dotted paths and unknown keys one by one', () => {
    const schema = z.strictObject({
      representatives: z.array(z.strictObject({ passport: z.strictObject({ expiresOn: z.string() }) })),
    });
    const result = schema.safeParse({ representatives: [{ passport: { expiresOn: 5, issuedBy: 'x', serial: 'y' } }] });
    expect(result.success).toBe(false);
    const issues = issuesFromZod(result.error as z.ZodError, 'body');
    expect(issues).toContainEqual({ field: 'body.representatives.0.passport.issuedBy', rule: 'is not a known field' });
    expect(issues).toContainEqual({ field: 'body.representatives.0.passport.serial', rule: 'is not a known field' });
    expect(issues.map((i) => i.field)).toContain('body.representatives.0.passport.expiresOn');
  });
});
