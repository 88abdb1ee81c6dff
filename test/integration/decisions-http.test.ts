/**
 * Decisions against the running twin, over HTTP through its gateway (JWT authorizer, group checks in
 * the functions): who may call each route, the triage grid, and a resolution whose adoption is cut
 * off part-way and then finished by POST .../adopt. Records are put straight into the twin's table
 * through the same repositories the handlers use (this file gets the twin's environment).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { statusCounts } from '#data/counters';
import { getPeople } from '#data/persons';
import { getResolution } from '#data/resolutions';
import { adoptResolution } from '#decisions/adoption';
import { fixedClock } from '#domain/clock';
import { addDays, bishkekDate } from '#domain/time';
import { adminDecisionsRoutes } from '#http/routes/admin-decisions';
import type { Election } from '#schemas/election';
import type { Organization } from '#schemas/organization';
import type { Person } from '#schemas/person';
import { adminActor, personOf, seedElection, seedOrganization, seedPeople } from '../data/decisions-fixtures';
import { newId } from '../data/fixtures';
import { api } from '../twin/fixtures/twin-client';

const ADMIN = 'admin@cec.local';
const REVIEWER = 'reviewer@cec.local';
const MFA = 'mfa@cec.local';

let twinNow: Date;
let today: string;
let e: Election;
let orgs: Organization[];
let people: Person[];

beforeAll(async () => {
  const clock = await api('/local/clock', { as: ADMIN });
  twinNow = new Date(((await clock.json()) as { now: string }).now);
  today = bishkekDate(twinNow);
  // An election whose window is open on the twin's clock.
  e = await seedElection({ calledOn: addDays(today, -20), votingDay: addDays(today, 40) });
  orgs = [await seedOrganization('Integration Mission A', 'SE'), await seedOrganization('Integration Mission B', 'NO')];
  people = Array.from({ length: 30 }, (_, i) => personOf(e, orgs[i % 2]!, i));
  await seedPeople(people);
});

function concretePath(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'electionId' ? e.id : newId()));
}

describe('decisions routes over HTTP', () => {
  it('answers anonymous 401, MFA officers 403, reviewers 403 on adopt only', async () => {
    for (const route of adminDecisionsRoutes) {
      const path = concretePath(route.path) + (route.path === '/v1/admin/audit' ? `?day=${today}` : '');
      const label = `${route.method} ${route.path}`;
      const anonymous = await api(path, { method: route.method });
      expect(anonymous.status, `${label} anonymous`).toBe(401);
      const mfa = await api(path, { method: route.method, as: MFA });
      expect(mfa.status, `${label} mfa-officer`).toBe(403);
      const reviewer = await api(path, { method: route.method, as: REVIEWER });
      if (route.path.endsWith('/adopt')) expect(reviewer.status, `${label} reviewer`).toBe(403);
      else expect([401, 403], `${label} reviewer`).not.toContain(reviewer.status);
      const admin = await api(path, { method: route.method, as: ADMIN });
      expect([401, 403], `${label} admin`).not.toContain(admin.status);
    }
  });

  it('serves the grid with react-admin filters, cursor pages and counts', async () => {
    const filter = encodeURIComponent(JSON.stringify({ status: 'submitted', organizationId: orgs[0]!.id }));
    const first = await api(`/v1/admin/elections/${e.id}/people?filter=${filter}&sort=name&order=ASC&limit=10`, {
      as: REVIEWER,
    });
    expect(first.status, first.text).toBe(200);
    const body = (await first.json()) as {
      data: { id: string; organizationName: string; status: string }[];
      nextCursor: string | null;
      total: number;
      counts: Record<string, number>;
    };
    expect(body.data).toHaveLength(10);
    expect(body.total).toBe(15);
    expect(body.counts).toEqual({ submitted: 30 });
    expect(body.data.every((r) => r.organizationName === 'Integration Mission A' && r.status === 'submitted')).toBe(
      true,
    );
    const second = await api(
      `/v1/admin/elections/${e.id}/people?filter=${filter}&limit=10&cursor=${encodeURIComponent(body.nextCursor!)}`,
      { as: REVIEWER },
    );
    const rest = (await second.json()) as { data: { id: string }[]; nextCursor: string | null };
    expect(rest.data).toHaveLength(5);
    expect(new Set([...body.data, ...rest.data].map((r) => r.id)).size).toBe(15);
    const bad = await api(`/v1/admin/elections/${e.id}/people?sort=status`, { as: REVIEWER });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('query.sort');
  });

  it('finishes over HTTP an adoption that was cut off part-way, and ends consistent', async () => {
    const created = await api(`/v1/admin/elections/${e.id}/resolutions`, {
      method: 'POST',
      as: REVIEWER,
      body: { number: `INT-${newId()}`, adoptedOn: today, kind: 'accreditation' },
    });
    expect(created.status, created.text).toBe(201);
    const id = ((await created.json()) as { id: string }).id;
    const items = await api(`/v1/admin/resolutions/${id}/items`, {
      method: 'POST',
      as: REVIEWER,
      body: {
        items: people.map((p, i) =>
          i === 0
            ? {
                personId: p.id,
                decision: 'refuse',
                ground: 'DOCUMENTS_MISSING_OR_INACCURATE',
                reason: 'Copy unreadable',
              }
            : { personId: p.id, decision: 'accredit' },
        ),
      },
    });
    expect(items.status, items.text).toBe(200);

    // The adoption engine, run here on the twin's table, stops after its first chunk (a crash).
    const cut = await adoptResolution(id, adminActor, fixedClock(twinNow), {
      maxActions: 40,
      afterChunk: () => {
        throw new Error('cut off');
      },
    }).catch((x: unknown) => x);
    expect(cut).toMatchObject({ message: 'cut off' });
    const mid = await getResolution(id);
    expect(mid.status).toBe('adopting');
    expect(mid.adoption!.done).toBeGreaterThan(0);
    expect(mid.adoption!.done).toBeLessThan(30);

    const resumed = await api(`/v1/admin/resolutions/${id}/adopt`, { method: 'POST', as: ADMIN });
    expect(resumed.status, resumed.text).toBe(200);
    expect(await resumed.json()).toMatchObject({
      alreadyAdopted: false,
      resolution: {
        status: 'adopted',
        adoption: { done: 30, total: 30, attempt: 2 },
        outcome: { accredited: 29, refused: 1 },
      },
    });
    const after = await getPeople(people.map((p) => p.id));
    expect(after.every((p) => p.decisions.length === 1)).toBe(true);
    expect(new Set(after.flatMap((p) => (p.certificateNumber ? [p.certificateNumber] : []))).size).toBe(29);
    const counts = await statusCounts(e.id);
    expect(Object.fromEntries(Object.entries(counts).filter(([, v]) => v))).toEqual({ accredited: 29, refused: 1 });

    const again = await api(`/v1/admin/resolutions/${id}/adopt`, { method: 'POST', as: ADMIN });
    expect(((await again.json()) as { alreadyAdopted: boolean }).alreadyAdopted).toBe(true);
    const stats = await api(`/v1/admin/elections/${e.id}/statistics`, { as: REVIEWER });
    expect(await stats.json()).toMatchObject({ total: 30, byStatus: { accredited: 29, refused: 1 } });
  });
});
