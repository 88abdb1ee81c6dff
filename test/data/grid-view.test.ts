/**
 * The grid's filters and orders applied to rows already loaded (admin-ui grid-view.ts) give what the
 * API lists: the same rows in the same order as `gridPage` on DynamoDB Local, for every filter of a
 * seeded sample and both orders, worked out from the complete unfiltered list or a narrower one.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { gridPage } from '#data/triage';
import type { GridFilter } from '#schemas/triage';
import type { Election } from '#schemas/election';
import type { Organization } from '#schemas/organization';
import type { Person } from '#schemas/person';
import type { PersonRow } from '../../admin-ui/src/admin/people/triage-columns';
import { type GridFilterValue, narrows, viewOf } from '../../admin-ui/src/admin/people/grid-view';
import { personOf, seedElection, seedOrganization, seedPeople } from './decisions-fixtures';

let e: Election;
let orgs: Organization[];

const STATUSES = ['submitted', 'mfa_checked', 'accredited', 'refused', 'returned', 'draft'] as const;

beforeAll(async () => {
  e = await seedElection();
  orgs = [await seedOrganization('View A', 'DE'), await seedOrganization('View B', 'FR')];
  const people: Person[] = Array.from({ length: 60 }, (_, i) =>
    personOf(e, orgs[i % 2]!, i, {
      status: STATUSES[i % STATUSES.length]!,
      submittedAt: i % STATUSES.length === 5 ? null : '2027-01-20T08:00:00.000Z',
      channel: i % 3 === 0 ? 'mfa' : 'direct',
      citizenship: i % 7 === 0 ? 'KG' : 'PL',
      checked: i % 4 === 0,
      flags: i % 7 === 0 ? ['KG_CITIZEN'] : i % 5 === 0 ? ['DOCUMENTS_MISSING'] : [],
      documents: i % 5 === 0 ? { passport: 'pending', photo: 'received' } : { passport: 'received', photo: 'received' },
      ...(i % 9 === 0 ? { familyNameLatin: `O'Neil-${String.fromCharCode(97 + (i % 26))}` } : {}),
    }),
  );
  await seedPeople(people);
});

/** Every row the API lists for a filter and an order, page by page. */
async function listed(filter: GridFilterValue, order: 'ASC' | 'DESC'): Promise<PersonRow[]> {
  const rows: PersonRow[] = [];
  let cursor: string | undefined;
  do {
    const p = await gridPage(e.id, { filter: filter as GridFilter, limit: 17, cursor, descending: order === 'DESC' });
    rows.push(...p.rows);
    cursor = p.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

const filterArb = fc.record(
  {
    status: fc.constantFrom('submitted', 'mfa_checked', 'accredited', 'refused', 'returned'),
    organizationId: fc.constantFrom(0, 1).map((i) => orgs[i]!.id),
    country: fc.constantFrom('DE', 'FR'),
    citizenship: fc.constantFrom('KG', 'PL'),
    flag: fc.constantFrom('KG_CITIZEN', 'DOCUMENTS_MISSING'),
    channel: fc.constantFrom('mfa', 'direct'),
    missingDocuments: fc.boolean(),
    checked: fc.boolean(),
    name: fc.constantFrom('a', 'O', 'ONEIL', "o'n", 'S'),
  },
  { requiredKeys: [] },
);

describe('the grid worked out from loaded rows', () => {
  it('lists what the API lists, in its order, for any filter and either order', async () => {
    const all = { ASC: await listed({}, 'ASC'), DESC: await listed({}, 'DESC') };
    expect(all.DESC.map((r) => r.id)).toEqual(all.ASC.map((r) => r.id).reverse());
    await fc.assert(
      fc.asyncProperty(
        filterArb,
        fc.constantFrom('ASC' as const, 'DESC' as const),
        fc.constantFrom('ASC' as const, 'DESC' as const),
        async (filter, from, to) => {
          const expected = await listed(filter, to);
          const local = viewOf(all[from], { filter: {}, order: from }, { filter, order: to });
          expect(local.map((r) => r.id)).toEqual(expected.map((r) => r.id));
        },
      ),
      { seed: 20261129, numRuns: 40 },
    );
  });

  it('works from a narrower complete list when the new filter narrows it further', async () => {
    const source = { filter: { status: 'submitted' }, order: 'ASC' as const };
    const rows = await listed(source.filter, 'ASC');
    const target = { filter: { status: 'submitted', channel: 'mfa', name: 'S' }, order: 'DESC' as const };
    expect(narrows(source.filter, target.filter)).toBe(true);
    const expected = await listed(target.filter, 'DESC');
    expect(viewOf(rows, source, target).map((r) => r.id)).toEqual(expected.map((r) => r.id));
  });
});
