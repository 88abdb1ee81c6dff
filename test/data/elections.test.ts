import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '#data/audit';
import { auditPage } from '#data/audit-log';
import { createElection, getElection, listElections, updateElection } from '#data/elections';
import { indexKeys, keys } from '#data/keys';
import { ConcurrencyError } from '#domain/errors';
import * as createElectionFn from '#functions/http/admin/elections/create';
import * as getElectionFn from '#functions/http/admin/elections/get';
import * as listElectionsFn from '#functions/http/admin/elections/list';
import * as updateElectionFn from '#functions/http/admin/elections/update';
import * as listPublicElectionsFn from '#functions/http/public/list-elections';
import {
  adminCreateElection,
  adminGetElection,
  adminListElections,
  adminUpdateElection,
} from '#http/routes/admin-intake';
import { listPublicElections } from '#http/routes/public';
import { ddb } from '#runtime/clients';
import { resetClock, setNow } from '#runtime/clock';
import { config } from '#runtime/config';
import { ANONYMOUS, type Caller, call } from './intake-fixtures';

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

describe('election dates over HTTP: refused before anything is written, and lists that survive a bad record', () => {
  const adminSub = `dates-admin-${ulid()}`;
  const admin: Caller = { staff: ['cec-admin'], sub: adminSub };
  const body = (over: Record<string, unknown>) => ({
    kind: 'local',
    name: { ky: 'Жергиликтүү кеңештер', ru: 'Местные кенеши', en: 'Local councils' },
    calledOn: '2027-01-10',
    votingDay: '2027-03-14',
    ...over,
  });
  const auditByAdmin = async () => (await auditPage({ by: 'actor', actorId: adminSub }, { limit: 50 })).items;

  beforeEach(() => setNow(new Date('2027-01-20T06:00:00Z')));
  afterEach(() => resetClock());

  it.each([
    [{ resultsPublishedOn: '9999-12-31' }, 'body.resultsPublishedOn', '1900 to 2099'],
    [{ votingDay: '9999-12-31' }, 'body.votingDay', '1900 to 2099'],
    [{ votingDay: '20261201' }, 'body.votingDay', 'YYYY-MM-DD'],
    [{ votingDay: '2026-12-01T00:00:00Z' }, 'body.votingDay', 'YYYY-MM-DD'],
    [{ votingDay: '２０２６-１２-０１' }, 'body.votingDay', 'YYYY-MM-DD'],
    [{ votingDay: { $gt: '' } }, 'body.votingDay', 'expected string'],
    [{ windowOffsetDays: 0 }, 'body.windowOffsetDays', '(3.6)'],
    [{ calledOn: '2027-01-21' }, 'body.calledOn', '(2.2, Art. 10.1)'],
  ])('%j: 400 naming %s, and no election or audit entry is written', async (over, field, rule) => {
    const before = (await listElections({ limit: 200 })).items.length;
    const res = await call<{ error: { code: string; issues: { field: string; rule: string }[] } }>(
      createElectionFn,
      adminCreateElection,
      admin,
      { body: body(over) },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ field, rule: expect.stringContaining(rule) }]);
    expect((await listElections({ limit: 200 })).items.length).toBe(before);
    expect(await auditByAdmin()).toEqual([]);
  });

  it('a change of the calling to a day not yet reached is refused (2.2, Art. 10.1); other changes are not', async () => {
    const created = await call<{ id: string; version: number }>(createElectionFn, adminCreateElection, admin, {
      body: body({}),
    });
    expect(created.status).toBe(201);
    const later = await call<{ error: { issues: { field: string }[] } }>(updateElectionFn, adminUpdateElection, admin, {
      params: { electionId: created.body.id },
      body: { version: 1, calledOn: '2027-02-01' },
    });
    expect(later.status).toBe(400);
    expect(later.body.error.issues.map((i) => i.field)).toEqual(['body.calledOn']);
    setNow(new Date('2026-12-01T06:00:00Z'));
    const results = await call<{ version: number }>(updateElectionFn, adminUpdateElection, admin, {
      params: { electionId: created.body.id },
      body: { version: 1, resultsPublishedOn: '2027-03-20' },
    });
    expect(results.status).toBe(200);
    expect(results.body.version).toBe(2);
  });

  it('a stored record that cannot be read is left out of both lists, which still answer 200', async () => {
    const good = await call<{ id: string }>(createElectionFn, adminCreateElection, admin, { body: body({}) });
    const badId = ulid();
    await ddb.send(
      new PutCommand({
        TableName: config().tableName,
        Item: {
          ...keys.election(badId),
          ...indexKeys.election({ id: badId, votingDay: '9999-12-31' }),
          entity: 'election',
          schemaVersion: 1,
          ...input,
          id: badId,
          votingDay: '9999-12-31',
          resultsPublishedOn: '9999-12-31',
          createdAt: '2027-01-20T06:00:00.000Z',
          updatedAt: '2027-01-20T06:00:00.000Z',
          version: 1,
        },
      }),
    );
    for (const [fn, route, caller] of [
      [listElectionsFn, adminListElections, admin],
      [listPublicElectionsFn, listPublicElections, ANONYMOUS],
    ] as const) {
      const res = await call<{ data: { id: string }[] }>(fn, route, caller, { query: { limit: '200' } });
      expect(res.status, `${route.method} ${route.path}`).toBe(200);
      const ids = res.body.data.map((e) => e.id);
      expect(ids).toContain(good.body.id);
      expect(ids).not.toContain(badId);
    }
    const one = await call<{ error: { code: string } }>(getElectionFn, adminGetElection, admin, {
      params: { electionId: badId },
    });
    expect(one.status).toBe(500);
    expect(one.body.error.code).toBe('INTERNAL');
  });
});
