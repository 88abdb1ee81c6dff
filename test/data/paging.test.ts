import { beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '#domain/errors';
import { auditPut, systemActor } from '#data/audit';
import { indexPartitions, keys } from '#data/keys';
import { type Item, encodeCursor, queryAll, queryPage } from '#data/paging';
import { personItem } from '#data/persons';
import { batchPut, transact } from '#data/transact';
import type { Person } from '#schemas/person';
import { makePerson, newId } from './fixtures';

/** Five people of one election, in name order A..E on gsi5 (the grid without a status filter). */
const electionId = newId();
const names = ['Adams', 'Baker', 'Clarke', 'Dupont', 'Evans'];
let people: Person[];

beforeAll(async () => {
  // Written in reverse so that the order seen can only come from the sort key.
  people = names.map((familyNameLatin, i) =>
    makePerson({ electionId, familyNameLatin, status: i % 2 === 0 ? 'accredited' : 'submitted' }),
  );
  await batchPut([...people].reverse().map(personItem));
});

const familyName = (item: Item) => String(item.familyNameLatin);

async function allPages(limit: number, extra: Partial<Parameters<typeof queryPage>[0]> = {}) {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage({
      index: 'gsi5',
      partition: indexPartitions.peopleOfElection(electionId),
      limit,
      cursor,
      ...extra,
    });
    pages.push(page.items.map(familyName));
    cursor = page.nextCursor ?? undefined;
    expect(pages.length).toBeLessThan(10);
  } while (cursor);
  return pages;
}

describe('queryPage: cursor pagination over a Query (no Scan)', () => {
  it('pages of 2 over 5 items: 2, 2, 1, in order, with no duplicates or gaps', async () => {
    const pages = await allPages(2);
    expect(pages).toEqual([['Adams', 'Baker'], ['Clarke', 'Dupont'], ['Evans']]);
  });

  it('the cursor is opaque (base64url) and carries the index keys and the table keys', async () => {
    const first = await queryPage({ index: 'gsi5', partition: indexPartitions.peopleOfElection(electionId), limit: 2 });
    expect(first.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const key = JSON.parse(Buffer.from(first.nextCursor ?? '', 'base64url').toString('utf8'));
    expect(Object.keys(key).sort()).toEqual(['gsi5pk', 'gsi5sk', 'pk', 'sk']);
    expect(key.pk).toBe(keys.person(people[1]!.id).pk);
  });

  it('pages backwards with descending', async () => {
    expect(await allPages(2, { descending: true })).toEqual([['Evans', 'Dupont'], ['Clarke', 'Baker'], ['Adams']]);
  });

  it('a page as large as the list returns everything', async () => {
    const page = await queryPage({ index: 'gsi5', partition: indexPartitions.peopleOfElection(electionId), limit: 50 });
    expect(page.items.map(familyName)).toEqual(names);
    expect(page.nextCursor).toBeNull();
  });

  it('prefix search on the name key is a begins_with on the sort key', async () => {
    const page = await queryPage({
      index: 'gsi5',
      partition: indexPartitions.peopleOfElection(electionId),
      prefix: 'DU',
      limit: 10,
    });
    expect(page.items.map(familyName)).toEqual(['Dupont']);
  });

  it('a filtered page is topped up with further Queries until it is full', async () => {
    // accredited: Adams, Clarke, Evans (positions 1, 3, 5)
    const filter = { expression: '#s = :s', names: { '#s': 'status' }, values: { ':s': 'accredited' } };
    const pages = await allPages(2, { filter });
    expect(pages.flat()).toEqual(['Adams', 'Clarke', 'Evans']);
    expect(pages[0]).toEqual(['Adams', 'Clarke']);
  });

  it('maxQueries bounds the work of a filtered page and still returns a cursor to go on', async () => {
    const filter = { expression: '#s = :s', names: { '#s': 'status' }, values: { ':s': 'nobody-has-this' } };
    const page = await queryPage({
      index: 'gsi5',
      partition: indexPartitions.peopleOfElection(electionId),
      limit: 1,
      filter,
      maxQueries: 2,
    });
    expect(page.items).toEqual([]);
    expect(page.nextCursor).not.toBeNull();
  });

  it('queryAll walks every page of a partition', async () => {
    const seen: string[] = [];
    for await (const items of queryAll({ index: 'gsi5', partition: indexPartitions.peopleOfElection(electionId) }, 2)) {
      seen.push(...items.map(familyName));
    }
    expect(seen).toEqual(names);
  });

  it('pages the base table too (an entity audit trail, by pk)', async () => {
    const entityId = newId();
    const actor = systemActor('paging-test');
    for (let i = 0; i < 5; i++) {
      await transact([
        auditPut({
          at: new Date(Date.UTC(2027, 1, 24, 6, 0, i)),
          actor,
          entityType: 'person',
          entityId,
          action: `step-${i}`,
        }),
      ]);
    }
    const partition = keys.audit('person', entityId, '', '').pk;
    const actions: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await queryPage({ partition, limit: 2, cursor });
      actions.push(...page.items.map((i) => String(i.action)));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(actions).toEqual(['step-0', 'step-1', 'step-2', 'step-3', 'step-4']);
  });
});

describe('queryPage: a forged cursor is a ValidationError (400), never a 500', () => {
  const list = () => ({ index: 'gsi5' as const, partition: indexPartitions.peopleOfElection(electionId), limit: 2 });
  const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v), 'utf8').toString('base64url');

  async function realCursor(): Promise<Record<string, string>> {
    const page = await queryPage(list());
    return JSON.parse(Buffer.from(page.nextCursor ?? '', 'base64url').toString('utf8'));
  }

  it.each([
    { label: 'not base64 JSON', cursor: () => 'not-a-cursor!!' },
    { label: 'a JSON array', cursor: () => b64([1, 2]) },
    { label: 'a JSON string', cursor: () => b64('"pk"') },
    { label: 'an empty object', cursor: () => b64({}) },
  ])('refuses $label', async ({ cursor }) => {
    await expect(queryPage({ ...list(), cursor: cursor() })).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses an extra attribute smuggled into a real cursor', async () => {
    const key = await realCursor();
    await expect(queryPage({ ...list(), cursor: b64({ ...key, status: 'accredited' }) })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('refuses a number where a key string belongs', async () => {
    const key = await realCursor();
    await expect(queryPage({ ...list(), cursor: b64({ ...key, sk: 1 }) })).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses a cursor missing one of the keys', async () => {
    const { pk: _pk, ...rest } = await realCursor();
    await expect(queryPage({ ...list(), cursor: b64(rest) })).rejects.toBeInstanceOf(ValidationError);
  });

  it("refuses another election's cursor (another partition of the same index)", async () => {
    const key = await realCursor();
    const forged = b64({ ...key, gsi5pk: indexPartitions.peopleOfElection(newId()) });
    const err = await queryPage({ ...list(), cursor: forged }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues).toEqual([
      { field: 'cursor', rule: 'must be a cursor returned by this list' },
    ]);
  });

  it("refuses a cursor outside the list's name prefix", async () => {
    const key = await realCursor();
    await expect(queryPage({ ...list(), prefix: 'DU', cursor: b64(key) })).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses an index cursor on a base-table list', async () => {
    const key = await realCursor();
    await expect(queryPage({ partition: key.pk ?? '', limit: 2, cursor: b64(key) })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('encodeCursor(undefined) is null: the last page says so', () => {
    expect(encodeCursor(undefined)).toBeNull();
  });
});
