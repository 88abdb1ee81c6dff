import { describe, expect, it } from 'vitest';
import { ConcurrencyError, DomainError, NotFoundError, RuleViolationError, ValidationError } from './errors';

describe('domain errors name the field and the rule', () => {
  it('a ValidationError lists every field with its rule', () => {
    const err = new ValidationError([
      { field: 'votingDay', rule: 'must be a calendar date written YYYY-MM-DD' },
      { field: 'windowOffsetDays', rule: 'must be a whole number of days from 0 to 60 (3.6)' },
    ]);
    expect(err.message).toBe(
      'votingDay: must be a calendar date written YYYY-MM-DD; windowOffsetDays: must be a whole number of days from 0 to 60 (3.6)',
    );
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err).toBeInstanceOf(DomainError);
  });

  it.each([
    { err: new ConcurrencyError(), name: 'ConcurrencyError', code: 'STALE_VERSION' },
    { err: new NotFoundError('election', '01J'), name: 'NotFoundError', code: 'NOT_FOUND' },
    {
      err: new RuleViolationError('window closed (3.6)', 'WINDOW_CLOSED', '3.6'),
      name: 'RuleViolationError',
      code: 'WINDOW_CLOSED',
    },
  ])('$name sets its name and code', ({ err, name, code }) => {
    expect(err.name).toBe(name);
    expect(err.code).toBe(code);
  });
});
