/**
 * The triage grid on DynamoDB Local: index choice, filters, name order, cursors, counts from counters,
 * the route's validation, and the read capacity of a page against its minimum.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { gridPage } from '#data/triage';
import { ValidationError } from '#domain/errors';
import { listPeopleGrid } from '#http/routes/admin-decisions';
import type { Election } from '#schemas/election';
import type { Organization } from '#schemas/organization';
import type { Person } from '#schemas/person';
import { minimumQueryCapacity } from '#test/bench/grid-capacity';
import { personOf, seedElection, seedOrganization, seedPeople } from './decisions-fixtures';
import { call } from './decisions-http';

let e: Election;
let a: Organization;
let b: Organization;
let c: Organization;
let people: Person[];

const sortKey = (p: { familyNameLatin: string; givenNamesLatin: string; id: string }) =>
  `${p.familyNameLatin} ${p.givenNamesLatin}`.toUpperCase() + `#${p.id}`;
/** The index's order: bytes of the sort key, as DynamoDB compares them. */
const byKey = (x: Person, y: Person) => (sortKey(x) < sortKey(y) ? -1 : sortKey(x) > sortKey(y) ? 1 : 0);

beforeAll(async () => {
  e = await seedElection();
  a = await seedOrganization('Grid A', 'DE');
  b = await seedOrganization('Grid B', 'DE');
  c = await seedOrganization('Grid C', 'FR');
  people = [
    ...Array.from({ length: 12 }, (_, i) => personOf(e, a, i, { status: i < 8 ? 'submitted' : 'accredited' })),
    ...Array.from({ length: 6 }, (_, i) =>
      personOf(e, b, 20 + i, i < 2 ? { channel: 'mfa', status: 'mfa_checked' } : { status: 'submitted' }),
    ),
    personOf(e, c, 40, { citizenship: 'KG', flags: ['KG_CITIZEN'] }),
    personOf(e, c, 41, { documents: { passport: 'pending', photo: 'received' }, flags: ['DOCUMENTS_MISSING'] }),
    personOf(e, c, 42, { checked: true }),
    personOf(e, c, 43, { status: 'refused' }),
    personOf(e, c, 44, { familyNameLatin: 'Adamsson', givenNamesLatin: 'Karl' }),
    // Still the organization's draft (3.1): never in the CEC's grid.
    personOf(e, c, 45, { status: 'draft', submittedAt: null }),
  ];
  await seedPeople(people);
});

const page = (
  filter: Parameters<typeof gridPage>[1]['filter'],
  o: { limit?: number; cursor?: string; desc?: boolean } = {},
) => gridPage(e.id, { filter, limit: o.limit ?? 50, cursor: o.cursor, descending: o.desc ?? false });

describe('the triage grid', () => {
  it('reads a status from the status index, in name order, with exact counts', async () => {
    const p = await page({ status: 'submitted' });
    const expected = people.filter((x) => x.status === 'submitted').sort(byKey);
    expect(p.index).toBe('gsi1');
    expect(p.rows.map((r) => r.id)).toEqual(expected.map((x) => x.id));
    expect(p.total).toBe(expected.length);
    expect(p.counts).toEqual({ submitted: 16, accredited: 4, mfa_checked: 2, refused: 1, draft: 1 });
    expect(p.rows[0]).toMatchObject({ organizationName: expect.stringMatching(/^Grid /), lastDecision: null });

    const desc = await page({ status: 'submitted' }, { desc: true });
    expect(desc.rows.map((r) => r.id)).toEqual(expected.map((x) => x.id).reverse());
  });

  it('pages by cursor without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const p = await page({}, { limit: 4, cursor });
      expect(p.rows.length).toBeLessThanOrEqual(4);
      seen.push(...p.rows.map((r) => r.id));
      cursor = p.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 20);
    const visible = people.filter((x) => x.status !== 'draft');
    expect(seen).toEqual([...visible].sort(byKey).map((x) => x.id));
    expect((await page({})).total).toBe(visible.length);
  });

  it('takes the smaller partition of two indexed filters and filters on the other', async () => {
    // Organization B holds 6 people, the submitted status 16: the organization index is cheaper.
    const p = await page({ status: 'submitted', organizationId: b.id });
    expect(p.index).toBe('gsi2');
    expect(p.rows.map((r) => r.id).sort()).toEqual(
      people
        .filter((x) => x.organizationId === b.id && x.status === 'submitted')
        .map((x) => x.id)
        .sort(),
    );
    expect(p.total).toBe(4);
    expect(p.scopeCounts).toEqual({ submitted: 4, mfa_checked: 2 });
    const byStatus = await page({ status: 'refused', organizationId: c.id });
    expect(byStatus.index).toBe('gsi1');
    expect(byStatus.rows.map((r) => r.id)).toEqual([people.find((x) => x.status === 'refused')!.id]);
  });

  it('filters by country, citizenship, flag, channel, missing documents and the checked mark', async () => {
    const fr = await page({ country: 'FR' });
    expect(fr.index).toBe('gsi3');
    expect(fr.rows).toHaveLength(5);
    expect(fr.total).toBe(5);
    expect((await page({ citizenship: 'KG' })).rows.map((r) => r.citizenship)).toEqual(['KG']);
    expect((await page({ flag: 'KG_CITIZEN' })).rows).toHaveLength(1);
    expect((await page({ channel: 'mfa' })).rows.every((r) => r.channel === 'mfa')).toBe(true);
    expect((await page({ channel: 'mfa' })).rows).toHaveLength(2);
    const missing = await page({ missingDocuments: true });
    expect(missing.rows.map((r) => r.documents.passport)).toEqual(['pending']);
    expect(missing.total).toBeUndefined();
    expect((await page({ missingDocuments: false })).rows).toHaveLength(people.length - 2);
    expect((await page({ checked: true })).rows.map((r) => r.checked)).toEqual([true]);
  });

  it('searches a name prefix on the index sort key (Latin, any case)', async () => {
    const p = await page({ name: 'adams' });
    expect(p.rows.length).toBeGreaterThan(1);
    expect(p.rows.every((r) => r.familyNameLatin.toUpperCase().startsWith('ADAMS'))).toBe(true);
    expect((await page({ q: 'Adamsson K' })).rows.map((r) => r.familyNameLatin)).toEqual(['Adamsson']);
    await expect(page({ name: 'Иванов' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses a cursor of another index', async () => {
    const first = await page({ status: 'submitted' }, { limit: 2 });
    await expect(page({ organizationId: a.id }, { cursor: first.nextCursor! })).rejects.toMatchObject({
      issues: [expect.objectContaining({ field: 'cursor' })],
    });
  });

  it('reads no more than 1.25 × the minimum capacity for the items of a page', async () => {
    const p = await page({ status: 'submitted' });
    expect(p.consumedCapacity.query).toBeGreaterThan(0);
    expect(p.consumedCapacity.total / minimumQueryCapacity(p.raw)).toBeLessThanOrEqual(1.25);
  });

  it('over the route: filters as JSON, 400 naming an unsupported sort or an unknown filter', async () => {
    const ok = await call('reviewer', listPeopleGrid, {
      params: { electionId: e.id },
      query: {
        filter: JSON.stringify({ status: 'submitted', missingDocuments: 'false' }),
        sort: 'name',
        order: 'DESC',
        limit: '3',
      },
    });
    expect(ok.status).toBe(200);
    expect((ok.body.data as unknown[]).length).toBe(3);
    expect(ok.body.nextCursor).toEqual(expect.any(String));
    expect(ok.headers['x-consumed-capacity']).toMatch(/^query=[\d.]+; total=[\d.]+; index=gsi1$/);

    const badSort = await call('reviewer', listPeopleGrid, {
      params: { electionId: e.id },
      query: { sort: 'citizenship' },
    });
    expect(badSort.status).toBe(400);
    expect(badSort.body.error!.issues).toEqual([expect.objectContaining({ field: 'query.sort' })]);

    const badFilter = await call('reviewer', listPeopleGrid, {
      params: { electionId: e.id },
      query: { filter: JSON.stringify({ passportNumber: 'X' }) },
    });
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.error!.issues).toEqual([expect.objectContaining({ field: 'query.filter.passportNumber' })]);

    const draft = await call('reviewer', listPeopleGrid, {
      params: { electionId: e.id },
      query: { filter: JSON.stringify({ status: 'draft' }) },
    });
    expect(draft.status).toBe(400);
    expect(draft.body.error!.issues![0]!.field).toBe('query.filter.status');

    const notJson = await call('reviewer', listPeopleGrid, {
      params: { electionId: e.id },
      query: { filter: '{status' },
    });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error!.issues![0]!.field).toBe('query.filter');
  });
});
