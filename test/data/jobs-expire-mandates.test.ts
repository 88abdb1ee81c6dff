/**
 * The end of mandates (3.7) on DynamoDB Local with an injected clock: results published on 2027-03-20
 * end the mandates at 00:00 Bishkek on 2027-03-21 (18:00 UTC on 2027-03-20); a repeat voting moves
 * the end to its own results.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#data/audit';
import { updateElection } from '#data/elections';
import { expireMandates } from '#jobs/expire-mandates';
import {
  auditOf,
  contextAt,
  counters,
  makeApplication,
  makeElection,
  makeOrganization,
  personOf,
  readPerson,
  seedPeople,
  useOwnTable,
} from './jobs-fixtures';

beforeAll(async () => {
  await useOwnTable('expire');
});

async function electionWithObservers(over: Parameters<typeof makeElection>[0], n = 3) {
  const e = await makeElection(over);
  const org = await makeOrganization();
  const app = await makeApplication(e.id, org, { status: 'locked' });
  const accredited = Array.from({ length: n }, () =>
    personOf(app, org, 'accredited', { certificateNumber: `2027-PR-${Math.random().toString().slice(2, 7)}` }),
  );
  const revoked = personOf(app, org, 'revoked');
  await seedPeople([...accredited, revoked]);
  return { e, accredited, revoked };
}

describe('expire-mandates job (3.7)', () => {
  it('expires accredited observers from 00:00 after results publication, once', async () => {
    const { e, accredited, revoked } = await electionWithObservers({ resultsPublishedOn: '2027-03-20' });

    const early = await expireMandates(contextAt('2027-03-20T17:59:59.999Z'));
    expect(early.changed).toBe(0);
    expect((await readPerson(accredited[0]!.id)).status).toBe('accredited');

    const run = await expireMandates(contextAt('2027-03-20T18:00:00.000Z'));
    expect(run).toMatchObject({ done: true, changed: 3 });
    for (const p of accredited) {
      const now = await readPerson(p.id);
      expect(now.status).toBe('expired');
      expect(now.certificateNumber).toBe(p.certificateNumber);
      expect((await auditOf('person', p.id)).map((a) => [a.action, a.clause])).toEqual([['expire', '3.7']]);
    }
    expect((await readPerson(revoked.id)).status).toBe('revoked');
    expect(await counters(e.id)).toMatchObject({ accredited: 0, expired: 3, revoked: 1 });

    const again = await expireMandates(contextAt('2027-03-22T00:00:00Z'));
    expect(again.changed).toBe(0);
    expect(await counters(e.id)).toMatchObject({ accredited: 0, expired: 3 });
    expect(await auditOf('person', accredited[0]!.id)).toHaveLength(1);
  });

  it('lets mandates run on to the repeat voting’s results without re-accreditation', async () => {
    const { e, accredited } = await electionWithObservers(
      { resultsPublishedOn: '2027-03-20', repeatVoting: { votingDay: '2027-04-04', resultsPublishedOn: null } },
      2,
    );

    // Past the first results: the repeat voting's results are not published yet, nothing expires.
    expect((await expireMandates(contextAt('2027-03-25T00:00:00Z'))).changed).toBe(0);
    expect((await readPerson(accredited[0]!.id)).status).toBe('accredited');

    await updateElection(
      e.id,
      { version: e.version, repeatVoting: { votingDay: '2027-04-04', resultsPublishedOn: '2027-04-10' } },
      systemActor('test'),
      new Date('2027-04-10T06:00:00Z'),
    );
    expect((await expireMandates(contextAt('2027-04-10T17:59:59Z'))).changed).toBe(0);
    expect((await readPerson(accredited[0]!.id)).status).toBe('accredited');

    expect((await expireMandates(contextAt('2027-04-10T18:00:00Z'))).changed).toBe(2);
    expect((await readPerson(accredited[1]!.id)).status).toBe('expired');
    expect(await counters(e.id)).toMatchObject({ accredited: 0, expired: 2 });
  });

  it('leaves elections whose results are not published alone', async () => {
    const { accredited } = await electionWithObservers({}, 1);
    expect((await expireMandates(contextAt('2028-01-01T00:00:00Z'))).scopes).toEqual([]);
    expect((await readPerson(accredited[0]!.id)).status).toBe('accredited');
  });
});
