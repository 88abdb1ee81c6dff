import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditPut, diff } from '#data/audit';
import { indexPartitions, keys } from '#data/keys';
import { type Item, queryAll, queryPage } from '#data/paging';
import { transact } from '#data/transact';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';
import type { Actor } from '#schemas/audit';
import { newId } from './fixtures';

/**
 * Audit entries of one person by two staff members over two days. The day is chosen per run (a day in
 * 2040-2049) so that the day partition holds this run's entries and few others.
 */
const personId = newId();
const otherPersonId = newId();
const reviewer: Actor = { kind: 'staff', id: `sub-${newId()}`, label: 'reviewer@shailoo.gov.kg' };
const admin: Actor = { kind: 'staff', id: `sub-${newId()}`, label: 'admin@shailoo.gov.kg' };
const year = 2040 + Math.floor(Math.random() * 10);
const dayOne = `${year}-02-24`;
const dayTwo = `${year}-02-25`;
// 23:30 Bishkek of 24 Feb is 17:30 UTC: the audit day is the UTC day of the instant.
const at = (day: string, time: string) => new Date(`${day}T${time}Z`);

const written: { actor: Actor; entityId: string; at: Date; action: string; clause: string | null }[] = [
  { actor: reviewer, entityId: personId, at: at(dayOne, '06:00:00.000'), action: 'flag', clause: '3.1' },
  { actor: reviewer, entityId: personId, at: at(dayOne, '06:05:00.000'), action: 'accredit', clause: '3.3' },
  { actor: reviewer, entityId: otherPersonId, at: at(dayOne, '07:00:00.000'), action: 'refuse', clause: '3.4' },
  { actor: admin, entityId: personId, at: at(dayTwo, '09:00:00.000'), action: 'revoke', clause: '4.7' },
];

beforeAll(async () => {
  for (const w of written) {
    await transact([
      auditPut({
        at: w.at,
        actor: w.actor,
        entityType: 'person',
        entityId: w.entityId,
        action: w.action,
        clause: w.clause,
        changes: diff({ status: 'submitted', version: 1 }, { status: w.action, version: 2 }),
        detail: { resolution: 'No. 12/3' },
      }),
    ]);
  }
});

const actions = (items: Item[]) => items.map((i) => String(i.action));

async function collect(req: Parameters<typeof queryAll>[0]): Promise<Item[]> {
  const all: Item[] = [];
  for await (const items of queryAll(req, 2)) all.push(...items);
  return all;
}

describe('audit entries are queryable three ways', () => {
  it('by entity (pk): the history of one person, oldest first', async () => {
    const items = await collect({ partition: keys.audit('person', personId, '', '').pk });
    expect(actions(items)).toEqual(['flag', 'accredit', 'revoke']);
    expect(items.map((i) => i.clause)).toEqual(['3.1', '3.3', '4.7']);
  });

  it('by actor (gsi1): what one staff member did, newest first', async () => {
    const page = await queryPage({
      index: 'gsi1',
      partition: indexPartitions.auditByActor(reviewer.id),
      limit: 10,
      descending: true,
    });
    expect(actions(page.items)).toEqual(['refuse', 'accredit', 'flag']);
    expect(page.items.every((i) => (i.actor as Actor).id === reviewer.id)).toBe(true);
  });

  it('by day (gsi2): everything done on one day, in time order', async () => {
    const items = await collect({ index: 'gsi2', partition: indexPartitions.auditByDay(dayOne) });
    const ours = items.filter((i) => [personId, otherPersonId].includes(String(i.entityId)));
    expect(actions(ours)).toEqual(['flag', 'accredit', 'refuse']);
    const times = items.map((i) => String(i.at));
    expect([...times].sort()).toEqual(times);
    const dayTwoItems = await collect({ index: 'gsi2', partition: indexPartitions.auditByDay(dayTwo) });
    expect(actions(dayTwoItems.filter((i) => i.entityId === personId))).toEqual(['revoke']);
  });

  it('by day, narrowed to an hour with a sort-key prefix', async () => {
    const items = await collect({
      index: 'gsi2',
      partition: indexPartitions.auditByDay(dayOne),
      prefix: `${dayOne}T07`,
    });
    expect(actions(items.filter((i) => i.entityId === otherPersonId))).toEqual(['refuse']);
    expect(items.every((i) => String(i.at).startsWith(`${dayOne}T07`))).toBe(true);
  });

  it('an entry holds who, when, what changed and the clause', async () => {
    const [first] = await collect({ partition: keys.audit('person', personId, '', '').pk });
    const out = await ddb.send(
      new GetCommand({ TableName: config().tableName, Key: { pk: String(first?.pk), sk: String(first?.sk) } }),
    );
    expect(out.Item).toMatchObject({
      entity: 'audit',
      schemaVersion: 1,
      actor: reviewer,
      entityType: 'person',
      entityId: personId,
      at: `${dayOne}T06:00:00.000Z`,
      action: 'flag',
      clause: '3.1',
      changes: { status: { from: 'submitted', to: 'flag' } },
      detail: { resolution: 'No. 12/3' },
    });
  });
});
