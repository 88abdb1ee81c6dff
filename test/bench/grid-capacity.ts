/**
 * Read capacity of a triage grid page of 50 against the least capacity those 50 items can cost: an
 * eventually consistent read of their total size, rounded up to 4 KB, at 0.5 unit per 4 KB (the
 * DynamoDB pricing rule for Query). Target: ≤ 1.25 × that minimum, counters included.
 *
 * The election holds 1,000 people of 25 organizations in 10 countries in several statuses; pages are
 * read through the route's own code (gridPage), for the filters the grid uses most.
 */
import { gridPage } from '#data/triage';
import type { Person } from '#schemas/person';
import type { GridFilter } from '#schemas/triage';
import { personOf, seedElection, seedOrganization, seedPeople } from '#test/data/decisions-fixtures';
import { type BenchContext, type Benchmark, resultOf } from './harness';

const COUNTRIES = ['DE', 'KZ', 'PL', 'FR', 'IT', 'JP', 'NG', 'LB', 'DK', 'BR'];

/** Size of a value as DynamoDB counts it (names and values in UTF-8; numbers about 1 byte per 2 digits). */
function valueSize(v: unknown): number {
  if (v === null || v === undefined || typeof v === 'boolean') return 1;
  if (typeof v === 'string') return Buffer.byteLength(v, 'utf8');
  if (typeof v === 'number') return Math.ceil(String(Math.abs(v)).replace(/^0\.|\./, '').length / 2) + 1;
  if (Array.isArray(v)) return 3 + v.reduce((a: number, x) => a + 1 + valueSize(x), 0);
  if (typeof v === 'object') {
    return 3 + Object.entries(v).reduce((a, [k, x]) => a + 1 + Buffer.byteLength(k, 'utf8') + valueSize(x), 0);
  }
  return 0;
}

export function itemSize(item: Record<string, unknown>): number {
  return Object.entries(item).reduce((a, [k, v]) => a + Buffer.byteLength(k, 'utf8') + valueSize(v), 0);
}

/** The least read capacity for returning these items by Query, eventually consistent. */
export function minimumQueryCapacity(items: readonly Record<string, unknown>[]): number {
  const bytes = items.reduce((a, i) => a + itemSize(i), 0);
  return Math.max(1, Math.ceil(bytes / 4096)) * 0.5;
}

const STATUS_MIX: Person['status'][] = ['submitted', 'submitted', 'submitted', 'mfa_checked', 'accredited', 'refused'];

export const benchmark: Benchmark = {
  name: 'grid-capacity',
  needs: ['dynamodb'],
  async run(ctx: BenchContext) {
    const e = await seedElection();
    const orgs: Awaited<ReturnType<typeof seedOrganization>>[] = [];
    for (let i = 0; i < 25; i++)
      orgs.push(await seedOrganization(`Grid mission ${i}`, COUNTRIES[i % COUNTRIES.length]));
    const people = Array.from({ length: 1000 }, (_, i) =>
      personOf(e, orgs[i % orgs.length]!, i, {
        status: STATUS_MIX[i % STATUS_MIX.length],
        channel: i % STATUS_MIX.length === 3 ? 'mfa' : 'direct',
        reviewerNote: i % 5 === 0 ? 'Passport copy checked against the list; photo fine.' : '',
      }),
    );
    await seedPeople(people);

    const cases: { name: string; filter: GridFilter; page2?: boolean }[] = [
      { name: 'status tab (submitted), first page', filter: { status: 'submitted' } },
      { name: 'status tab (submitted), second page', filter: { status: 'submitted' }, page2: true },
      { name: 'all people, name order', filter: {} },
      { name: 'one organization', filter: { organizationId: orgs[3]!.id } },
      { name: 'one country', filter: { country: 'DE' } },
      { name: 'name prefix', filter: { name: 'Ada' } },
      {
        name: 'status + organization (index on the smaller, filter on the other)',
        filter: { status: 'submitted', organizationId: orgs[3]!.id },
      },
      { name: 'MFA-checked tab filtered on channel', filter: { status: 'mfa_checked', channel: 'mfa' } },
    ];
    const results = [];
    // Warm the organization names cache as a running container would have it.
    await gridPage(e.id, { filter: {}, descending: false, limit: 50 });
    for (const c of cases) {
      let cursor: string | undefined;
      if (c.page2)
        cursor = (await gridPage(e.id, { filter: c.filter, descending: false, limit: 50 })).nextCursor ?? undefined;
      const page = await gridPage(e.id, { filter: c.filter, descending: false, limit: 50, cursor });
      const min = minimumQueryCapacity(page.raw);
      ctx.log(
        `  ${c.name}: ${page.rows.length} rows via ${page.index}; query ${page.consumedCapacity.query} RCU, with counters ${page.consumedCapacity.total} RCU; minimum ${min} RCU`,
      );
      results.push(
        resultOf({
          name: `grid-capacity: page of 50, ${c.name}`,
          figure: page.consumedCapacity.total,
          unit: 'RCU',
          baseline: min,
          baselineName: `minimum for the ${page.rows.length} items returned`,
          // Filters the index does not cover read items they drop: informative only.
          target:
            c.filter.channel || (c.filter.status && c.filter.organizationId) ? { none: true } : { ratioAtMost: 1.25 },
          notes: `index ${page.index}; the people Query alone ${page.consumedCapacity.query} RCU; counters read in one BatchGet; organization names cached`,
        }),
      );
    }
    return results;
  },
};
