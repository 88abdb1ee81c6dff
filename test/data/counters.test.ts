import { describe, expect, it } from 'vitest';
import { auditPut, systemActor } from '#data/audit';
import { counterMoves, groupedCounts, statusCounts } from '#data/counters';
import { indexPartitions } from '#data/keys';
import { queryAll } from '#data/paging';
import { personItem } from '#data/persons';
import { type TransactItem, transact } from '#data/transact';
import type { PersonStatus } from '#domain/lifecycle';
import { nextStatus } from '#domain/lifecycle';
import { config } from '#runtime/config';
import type { Person } from '#schemas/person';
import { makePerson, newId } from './fixtures';

const actor = systemActor('counters-test');
const now = new Date('2027-03-01T06:00:00.000Z');

/** A status change as the repositories make it: the person (conditional on the status read), counters, audit. */
function move(p: Person, to: PersonStatus): TransactItem[] {
  return [
    {
      Update: {
        TableName: config().tableName,
        Key: { pk: String(personItem(p).pk), sk: String(personItem(p).sk) },
        UpdateExpression: 'SET #status = :to, gsi1pk = :gpk, version = version + :one',
        ConditionExpression: '#status = :from',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':to': to,
          ':from': p.status,
          ':gpk': indexPartitions.peopleByStatus(p.electionId, to),
          ':one': 1,
        },
      },
    },
    ...counterMoves(p, p.status, to),
    auditPut({ at: now, actor, entityType: 'person', entityId: p.id, action: to }),
  ];
}

function create(p: Person): TransactItem[] {
  return [
    { Put: { TableName: config().tableName, Item: personItem(p), ConditionExpression: 'attribute_not_exists(pk)' } },
    ...counterMoves(p, null, p.status),
  ];
}

async function countByQuery(electionId: string, status: PersonStatus): Promise<number> {
  let n = 0;
  for await (const items of queryAll({
    index: 'gsi1',
    partition: indexPartitions.peopleByStatus(electionId, status),
  })) {
    n += items.length;
  }
  return n;
}

describe('counters stay exact because they move in the same transaction as the status', () => {
  it('20 parallel writers, each moving one person, leave exact counts per status, organization and country', async () => {
    // Prepare: 20 submitted people of one election, from 2 organizations in 2 countries.
    const electionId = newId();
    const orgs = [
      { organizationId: newId(), organizationCountry: 'DE' },
      { organizationId: newId(), organizationCountry: 'KZ' },
    ];
    const people = Array.from({ length: 20 }, (_, i) =>
      makePerson({ electionId, ...orgs[i % 2]!, status: 'submitted' }),
    );
    await Promise.all(people.map((p) => transact(create(p))));
    expect(await statusCounts(electionId)).toEqual({ submitted: 20 });

    // Act: 20 writers at once; the first 14 are accredited, the other 6 refused.
    const target = (i: number): PersonStatus => (i < 14 ? 'accredited' : 'refused');
    await Promise.all(people.map((p, i) => transact(move(p, target(i)))));

    // Assess: the counters, and the people themselves counted by Query, agree.
    expect(await statusCounts(electionId)).toEqual({ submitted: 0, accredited: 14, refused: 6 });
    expect(await countByQuery(electionId, 'accredited')).toBe(14);
    expect(await countByQuery(electionId, 'refused')).toBe(6);
    expect(await countByQuery(electionId, 'submitted')).toBe(0);

    const byOrg = await groupedCounts(electionId, 'ORG');
    // Even indexes (org 0): 0..12 accredited (7), 14..18 refused (3); odd likewise.
    expect(byOrg[orgs[0]!.organizationId]).toEqual({ submitted: 0, accredited: 7, refused: 3 });
    expect(byOrg[orgs[1]!.organizationId]).toEqual({ submitted: 0, accredited: 7, refused: 3 });
    const byCountry = await groupedCounts(electionId, 'CC');
    expect(byCountry).toEqual({
      DE: { submitted: 0, accredited: 7, refused: 3 },
      KZ: { submitted: 0, accredited: 7, refused: 3 },
    });
  });

  it('writers racing on the same people: only the winners move counters', async () => {
    const electionId = newId();
    const people = Array.from({ length: 5 }, () => makePerson({ electionId, status: 'submitted' }));
    await Promise.all(people.map((p) => transact(create(p))));
    // Each person gets two competing decisions at once (4 writers are 2 pairs per person ... 10 in all).
    const attempts = people.flatMap((p) => [transact(move(p, 'accredited')), transact(move(p, 'refused'))]);
    const results = await Promise.allSettled(attempts);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const counts = await statusCounts(electionId);
    expect(counts.submitted).toBe(0);
    expect((counts.accredited ?? 0) + (counts.refused ?? 0)).toBe(5);
    expect(counts.accredited).toBe(await countByQuery(electionId, 'accredited'));
  });

  it('counterMoves moves nothing for a non-change and counts n people at once', async () => {
    const scope = { electionId: newId(), organizationId: newId(), organizationCountry: 'FR' };
    expect(counterMoves(scope, 'accredited', 'accredited')).toEqual([]);
    await transact(counterMoves(scope, null, 'submitted', 12));
    await transact(counterMoves(scope, 'submitted', nextStatus('submitted', 'lapse'), 4));
    expect(await statusCounts(scope.electionId)).toEqual({ submitted: 8, lapsed: 4 });
    await transact(counterMoves(scope, 'lapsed', null, 4));
    expect(await statusCounts(scope.electionId)).toEqual({ submitted: 8, lapsed: 0 });
    expect(await groupedCounts(scope.electionId, 'CC')).toEqual({ FR: { submitted: 8, lapsed: 0 } });
  });
});
