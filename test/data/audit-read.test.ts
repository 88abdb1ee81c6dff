/**
 * The audit log as staff read it: a Bishkek day (UTC+6) holds what happened from 18:00 UTC of the
 * day before to 18:00 UTC, newest first across the two UTC days, by cursor; and each entry names the
 * representative it is about instead of an id.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { auditPut } from '#data/audit';
import { auditPage, bishkekDaySpan } from '#data/audit-log';
import { withNames } from '#data/audit-names';
import { putPeopleBatch } from '#data/persons';
import { transact } from '#data/transact';
import type { Actor } from '#schemas/audit';
import { makePerson, newId } from './fixtures';

const reviewer: Actor = { kind: 'staff', id: `sub-${newId()}`, label: 'reviewer@shailoo.gov.kg' };
// A day of its own per run (2050-2059), so the day partitions hold this run's entries only.
const year = 2050 + Math.floor(Math.random() * 10);
const day = `${year}-03-11`;
const person = makePerson({ electionId: newId(), familyNameLatin: 'Torokulov', givenNamesLatin: 'Aibek' });

/** Instants around the Bishkek day of 11 March: two before it, three in it, one after. */
const written = [
  { at: `${year}-03-10T17:59:59.000Z`, action: 'before' },
  { at: `${year}-03-10T18:00:00.000Z`, action: 'first' },
  { at: `${year}-03-10T23:30:00.000Z`, action: 'second' },
  { at: `${year}-03-11T17:59:59.999Z`, action: 'last' },
  { at: `${year}-03-11T18:00:00.000Z`, action: 'after' },
];

beforeAll(async () => {
  await putPeopleBatch([person]);
  for (const w of written) {
    await transact([
      auditPut({
        at: new Date(w.at),
        actor: reviewer,
        entityType: 'person',
        entityId: person.id,
        action: w.action,
        clause: '3.1',
        changes: null,
        detail: null,
      }),
    ]);
  }
});

describe('the audit log by Bishkek day', () => {
  it('spans 18:00 UTC of the day before to 18:00 UTC', () => {
    expect(bishkekDaySpan(day)).toEqual({
      from: `${year}-03-10T18:00:00.000Z`,
      to: `${year}-03-11T18:00:00.000Z`,
      utcDays: [day, `${year}-03-10`],
    });
  });

  it('lists what happened on that Bishkek day, newest first, page by page across the two UTC days', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = await auditPage({ by: 'bishkek-day', day }, { limit: 2, cursor });
      seen.push(...page.items.map((i) => i.action));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(['last', 'second', 'first']);
  });

  it('refuses a cursor it did not make (400, not 500)', async () => {
    await expect(auditPage({ by: 'bishkek-day', day }, { limit: 2, cursor: 'bm90LWEtY3Vyc29y' })).rejects.toThrow(
      /cursor/,
    );
  });

  it('names the representative an entry is about, and leaves an unknown one unnamed', async () => {
    // Three entries about one person: one read of the person names them all.
    const page = await auditPage({ by: 'bishkek-day', day }, { limit: 3 });
    const named = await withNames(page.items);
    expect(named.map((n) => n.subjectName?.ru)).toEqual(['TOROKULOV Aibek', 'TOROKULOV Aibek', 'TOROKULOV Aibek']);
    const [unknown] = await withNames([{ ...page.items[0]!, entityId: newId() }]);
    expect(named[0]?.actorName).toBeNull();
    expect(unknown?.subjectName).toBeNull();
  });
});
