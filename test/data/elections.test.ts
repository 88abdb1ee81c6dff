import { describe, expect, it } from 'vitest';
import { createElection, getElection, listElections, updateElection } from '#data/elections';
import { ConcurrencyError } from '#domain/errors';
import { systemActor } from '#data/audit';

const actor = systemActor('test');
const input = {
  kind: 'presidential' as const,
  name: { ky: 'Президенттик шайлоо', ru: 'Президентские выборы', en: 'Presidential election' },
  calledOn: '2027-01-10',
  votingDay: '2027-03-14',
  windowOffsetDays: 3,
  resultsPublishedOn: null,
  repeatVoting: null,
};

describe('elections repository on DynamoDB Local', () => {
  it('creates, reads and lists an election', async () => {
    const e = await createElection(input, actor, new Date('2027-01-11T00:00:00Z'));
    expect((await getElection(e.id)).votingDay).toBe('2027-03-14');
    const page = await listElections({ limit: 50 });
    expect(page.items.map((x) => x.id)).toContain(e.id);
  });

  it('refuses a stale version (optimistic concurrency)', async () => {
    const e = await createElection(input, actor, new Date('2027-01-11T00:00:00Z'));
    await updateElection(e.id, { version: 1, resultsPublishedOn: '2027-03-20' }, actor, new Date());
    await expect(updateElection(e.id, { version: 1, windowOffsetDays: 5 }, actor, new Date())).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
  });
});
