/**
 * The pure parts of the scheduled jobs: when each is due (3.6, 3.7, retention), how status changes are
 * packed into transactions of at most 100 actions, and the budget a handler gives its job.
 */
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { Application } from '#schemas/application';
import type { Election } from '#schemas/election';
import type { Person } from '#schemas/person';
import { chunkForTransactions, summedCounterMoves } from './bulk-transition';
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

describe('packing status changes into transactions', () => {
  const person = (i: number, orgs: number, countries: number): Person =>
    ({
      id: `P${i}`,
      electionId: 'E',
      organizationId: `O${i % orgs}`,
      organizationCountry: `C${i % countries}`,
      status: 'accredited',
      version: 1,
    }) as Person;

  it('keeps every transaction within 100 actions and every person in exactly one', () => {
    for (const [n, orgs, countries, perPerson] of [
      [1000, 25, 10, 2],
      [300, 300, 300, 3],
      [7, 1, 1, 2],
    ] as const) {
      const people = Array.from({ length: n }, (_, i) => person(i, orgs, countries));
      const chunks = chunkForTransactions(people, perPerson);
      for (const chunk of chunks) {
        const counters = summedCounterMoves(chunk, 'accredited', 'expired');
        expect(chunk.length * perPerson + counters.length).toBeLessThanOrEqual(100);
      }
      expect(
        chunks
          .flat()
          .map((p) => p.id)
          .sort(),
      ).toEqual(people.map((p) => p.id).sort());
    }
  });

  it('fills transactions when few organizations are involved', () => {
    const people = Array.from({ length: 1000 }, (_, i) => person(i, 25, 10));
    expect(chunkForTransactions(people, 2).length).toBeLessThanOrEqual(24);
  });

  it('sums the counter moves of a chunk into one update per counter item', () => {
    const people = Array.from({ length: 10 }, (_, i) => person(i, 2, 1));
    const moves = summedCounterMoves(people, 'accredited', 'expired');
    expect(moves).toHaveLength(1 + 2 + 1); // the election, two organizations, one country
    const election = moves.find((m) => m.Update?.Key?.sk === 'COUNT#STATUS')!;
    expect(election.Update?.ExpressionAttributeValues).toEqual({ ':dec': -10, ':inc': 10 });
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
