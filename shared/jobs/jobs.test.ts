/**
 * The pure parts of the scheduled jobs: when each is due (3.6, 3.7, retention) and the budget a handler
 * gives its job (how their status changes are packed into transactions: shared/data/status-changes).
 */
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { Application } from '#schemas/application';
import type { Election } from '#schemas/election';
import { Budget } from './context';
import { windowHasClosed } from './close-windows';
import { jobHandler } from './handler';
import { purgeDueAt } from './purge-documents';
import { isUnfinished, reminderDue } from './remind-organizations';

process.env.TABLE_NAME ??= 'unit';
process.env.DOCUMENTS_BUCKET ??= 'documents';
process.env.CERTIFICATES_BUCKET ??= 'certificates';
process.env.PORTAL_SESSION_SECRET ??= 'unit-secret-0123456789abcdef0123456789';
process.env.CERTIFICATE_SECRET ??= 'unit-secret-0123456789abcdef0123456789';

const election = (over: Partial<Election> = {}): Election => ({
  id: '01J00000000000000000000000',
  kind: 'presidential',
  name: { ky: 'Шайлоо', ru: 'Выборы', en: 'Election' },
  calledOn: '2027-01-10',
  votingDay: '2027-03-14',
  windowOffsetDays: 3,
  resultsPublishedOn: null,
  repeatVoting: null,
  createdAt: '2027-01-10T00:00:00.000Z',
  updatedAt: '2027-01-10T00:00:00.000Z',
  version: 1,
  ...over,
});

describe('when the jobs are due', () => {
  it('closes the window at 00:00 Bishkek of D − 2, not at 23:59:59 of D − 3 (3.6)', () => {
    expect(windowHasClosed(election(), new Date('2027-03-11T17:59:59.999Z'))).toBe(false);
    expect(windowHasClosed(election(), new Date('2027-03-11T18:00:00.000Z'))).toBe(true);
    expect(windowHasClosed(election({ windowOffsetDays: 5 }), new Date('2027-03-09T18:00:00.000Z'))).toBe(true);
  });

  it('reminds on the 7th and the 2nd day before the close, catching up within each stretch', () => {
    const at9 = (day: string) => new Date(`${day}T03:00:00.000Z`);
    expect(reminderDue(election(), at9('2027-03-04'))).toBeNull(); // 8 days left
    expect(reminderDue(election(), at9('2027-03-05'))).toBe(7);
    expect(reminderDue(election(), at9('2027-03-08'))).toBe(7); // 4 left: the 7-day reminder, if missed
    expect(reminderDue(election(), at9('2027-03-10'))).toBe(2);
    expect(reminderDue(election(), at9('2027-03-11'))).toBe(2); // the last day
    expect(reminderDue(election(), at9('2027-03-12'))).toBeNull(); // closed
  });

  it('calls unfinished what is not submitted yet or was returned by the MFA (3.2)', () => {
    const app = (over: Partial<Application>) =>
      ({ status: 'submitted', mfaStatus: 'not_required', ...over }) as Application;
    expect(isUnfinished(app({ status: 'draft' }))).toBe(true);
    expect(isUnfinished(app({ mfaStatus: 'returned' }))).toBe(true);
    expect(isUnfinished(app({}))).toBe(false);
    expect(isUnfinished(app({ status: 'locked', mfaStatus: 'returned' }))).toBe(false);
  });

  it('purges the retention period after the mandates’ end, with a repeat voting after its results', () => {
    expect(purgeDueAt(election({ resultsPublishedOn: '2027-03-20' }), 90)?.toISOString()).toBe(
      '2027-06-18T18:00:00.000Z',
    );
    expect(purgeDueAt(election(), 90)).toBeNull();
    expect(
      purgeDueAt(election({ resultsPublishedOn: '2027-03-20', repeatVoting: { votingDay: '2027-04-04' } }), 90),
    ).toBeNull();
  });
});

describe('the job handler', () => {
  const context = (remainingMs: number) => ({ getRemainingTimeInMillis: () => remainingMs }) as unknown as Context;

  it('gives the job its row’s budget, cut to what the Lambda has left', async () => {
    let seen: { now: Date; deadline: number } | undefined;
    const handler = jobHandler('expire-mandates', async (ctx) => {
      seen = ctx;
      return { job: 'expire-mandates', done: true, changed: 0, scopes: [] };
    });
    const before = Date.now();
    await handler({ job: 'expire-mandates', scheduledAt: '2027-03-21T00:05:00Z' }, context(60_000));
    expect(seen!.deadline - before).toBeLessThanOrEqual(40_000 + 50); // 60 s left, 20 s kept back
    await handler(undefined, context(900_000));
    expect(seen!.deadline - Date.now()).toBeGreaterThan(200_000); // the row's 240 s
    expect(seen!.deadline - Date.now()).toBeLessThanOrEqual(240_000);
    expect(Math.abs(seen!.now.getTime() - Date.now())).toBeLessThan(5_000);
  });

  it('refuses a job that has no row in the schedule table', () => {
    expect(() => jobHandler('no-such-job', async () => ({ job: '', done: true, changed: 0, scopes: [] }))).toThrow(
      /no schedule row/,
    );
  });

  it('always lets a run do one page, however spent its budget', () => {
    const budget = new Budget(Date.now() - 1);
    expect(budget.spent()).toBe(false);
    budget.tick();
    expect(budget.spent()).toBe(true);
  });
});
