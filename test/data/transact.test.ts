import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { auditPut, systemActor } from '#data/audit';
import { counterMoves, statusCounts } from '#data/counters';
import { keys } from '#data/keys';
import { outboxPut } from '#data/outbox';
import { personItem } from '#data/persons';
import { ConditionFailedError, type TransactItem, batchPut, transact } from '#data/transact';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';
import type { Person } from '#schemas/person';
import { makePerson, newId } from './fixtures';

const actor = systemActor('transact-test');
const now = new Date('2027-02-24T06:00:00.000Z');

async function get(key: { pk: string; sk: string }) {
  const out = await ddb.send(new GetCommand({ TableName: config().tableName, Key: key, ConsistentRead: true }));
  return out.Item;
}

function createPut(p: Person): TransactItem {
  return {
    Put: { TableName: config().tableName, Item: personItem(p), ConditionExpression: 'attribute_not_exists(pk)' },
  };
}

/** 3.3: the decision write is conditional on the status read; the loser of a race gets nothing written. */
function decide(p: Person, to: 'accredited' | 'refused'): TransactItem[] {
  const after: Person = { ...p, status: to, version: p.version + 1 };
  return [
    {
      Put: {
        TableName: config().tableName,
        Item: personItem(after),
        ConditionExpression: '#status = :status AND #version = :version',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
        ExpressionAttributeValues: { ':status': p.status, ':version': p.version },
      },
    },
    ...counterMoves(p, p.status, to),
    auditPut({ at: now, actor, entityType: 'person', entityId: p.id, action: to, clause: '3.3' }),
  ];
}

describe('conditional writes', () => {
  it('a second create of the same id loses with ConditionFailedError naming the action', async () => {
    const p = makePerson({ electionId: newId() });
    await transact([createPut(p)]);
    const err = await transact([createPut({ ...p, familyNameLatin: 'Impostor' })]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConditionFailedError);
    expect((err as ConditionFailedError).failedIndexes).toEqual([0]);
    expect((err as ConditionFailedError).reasons).toEqual(['ConditionalCheckFailed']);
    expect((await get(keys.person(p.id)))?.familyNameLatin).toBe('Schmidt');
  });

  it('3.3: two reviewers deciding the same person at once: exactly one wins, counters move once', async () => {
    const electionId = newId();
    const p = makePerson({ electionId });
    await transact([createPut(p), ...counterMoves(p, null, 'submitted')]);
    const results = await Promise.allSettled([transact(decide(p, 'accredited')), transact(decide(p, 'refused'))]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const reason = lost[0]?.reason as ConditionFailedError;
    expect(reason).toBeInstanceOf(ConditionFailedError);
    expect(reason.failedIndexes).toEqual([0]);
    const final = await get(keys.person(p.id));
    const counts = await statusCounts(electionId);
    expect(counts.submitted).toBe(0);
    expect((counts.accredited ?? 0) + (counts.refused ?? 0)).toBe(1);
    expect(counts[final?.status as 'accredited' | 'refused']).toBe(1);
  });
});

describe('transactions are all-or-nothing (design principle 5)', () => {
  it('a failed condition on the third action rolls back the whole transaction: no item of it remains', async () => {
    const electionId = newId();
    const existing = makePerson({ electionId, status: 'accredited' });
    await transact([createPut(existing)]);
    const fresh = makePerson({ electionId });
    const audit = auditPut({
      at: now,
      actor,
      entityType: 'person',
      entityId: fresh.id,
      action: 'create',
      clause: '3.1',
    });
    const outbox = outboxPut({ kind: 'email', template: 'decision-accredited', payload: { personId: fresh.id } }, now);
    const items: TransactItem[] = [
      createPut(fresh),
      ...counterMoves(fresh, null, 'submitted'),
      // Stale: the existing person is accredited, not submitted.
      ...decide({ ...existing, status: 'submitted' }, 'refused').slice(0, 1),
      audit,
      outbox,
    ];
    const err = await transact(items).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConditionFailedError);
    expect((err as ConditionFailedError).failedIndexes).toEqual([4]);

    expect(await get(keys.person(fresh.id))).toBeUndefined();
    expect(await statusCounts(electionId)).toEqual({});
    const auditItem = (audit.Put?.Item ?? {}) as { pk: string; sk: string };
    expect(await get({ pk: auditItem.pk, sk: auditItem.sk })).toBeUndefined();
    const outboxItem = (outbox.Put?.Item ?? {}) as { pk: string; sk: string };
    expect(await get({ pk: outboxItem.pk, sk: outboxItem.sk })).toBeUndefined();
    expect((await get(keys.person(existing.id)))?.status).toBe('accredited');
  });

  it('the same transaction without the stale action writes every item', async () => {
    const electionId = newId();
    const fresh = makePerson({ electionId });
    const audit = auditPut({
      at: now,
      actor,
      entityType: 'person',
      entityId: fresh.id,
      action: 'create',
      clause: '3.1',
    });
    await transact([createPut(fresh), ...counterMoves(fresh, null, 'submitted'), audit]);
    expect((await get(keys.person(fresh.id)))?.status).toBe('submitted');
    expect(await statusCounts(electionId)).toEqual({ submitted: 1 });
    const auditItem = (audit.Put?.Item ?? {}) as { pk: string; sk: string };
    expect((await get({ pk: auditItem.pk, sk: auditItem.sk }))?.clause).toBe('3.1');
  });

  it('refuses more than 100 actions before calling DynamoDB', async () => {
    const items = Array.from({ length: 101 }, () => createPut(makePerson({ electionId: newId() })));
    await expect(transact(items)).rejects.toBeInstanceOf(RangeError);
  });
});

describe('batchPut', () => {
  it('writes 60 items in chunks of 25', async () => {
    const electionId = newId();
    const people = Array.from({ length: 60 }, () => makePerson({ electionId }));
    await batchPut(people.map(personItem));
    const found = await Promise.all([people[0], people[25], people[59]].map((p) => get(keys.person(p!.id))));
    expect(found.map((f) => f?.id)).toEqual([people[0]?.id, people[25]?.id, people[59]?.id]);
  });
});
