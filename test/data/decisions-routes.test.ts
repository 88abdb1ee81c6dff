/**
 * The decisions' routes called in-process with payload-2.0 events: who may call what (anonymous 401,
 * MFA officers 403, reviewers compose but do not adopt), the reviewer's marks with optimistic
 * concurrency, the person view with audited presigned links, resolutions end to end, audit log and
 * statistics.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { auditPage } from '#data/audit-log';
import { documentPut } from '#data/documents';
import { getPerson } from '#data/persons';
import {
  adminDecisionsRoutes,
  adoptResolutionRoute,
  createResolutionRoute,
  discardResolutionRoute,
  electionStatisticsRoute,
  getPersonDetail,
  getResolutionRoute,
  listAuditRoute,
  listResolutionsRoute,
  putResolutionItemsRoute,
  removeResolutionItemRoute,
  reviewPersonRoute,
  updateResolutionRoute,
} from '#http/routes/admin-decisions';
import { transact } from '#data/transact';
import type { Route } from '#http/route';
import type { Election } from '#schemas/election';
import type { Organization } from '#schemas/organization';
import type { Person } from '#schemas/person';
import { setNow } from '#runtime/clock';
import { NOW, TODAY, personOf, seedElection, seedOrganization, seedPeople } from './decisions-fixtures';
import { type Caller, call } from './decisions-http';
import { newId } from './fixtures';

let e: Election;
let org: Organization;
let people: Person[];

beforeAll(async () => {
  setNow(NOW);
  e = await seedElection();
  org = await seedOrganization('Route Mission', 'LT', 'en');
  people = Array.from({ length: 4 }, (_, i) => personOf(e, org, i));
  await seedPeople(people);
});

/** Path parameters that pass validation (the records need not exist for an authorization check). */
function paramsFor(route: Route): Record<string, string> {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  return Object.fromEntries(names.map((n) => [n, n === 'electionId' ? e.id : newId()]));
}

describe('authorization of every decisions route', () => {
  it('refuses anonymous callers (401) and MFA officers (403) everywhere', async () => {
    for (const route of adminDecisionsRoutes) {
      const anonymous = await call('anonymous', route, { params: paramsFor(route) });
      expect(anonymous.status, `${route.method} ${route.path} anonymous`).toBe(401);
      const mfa = await call('mfa', route, { params: paramsFor(route) });
      expect(mfa.status, `${route.method} ${route.path} mfa-officer`).toBe(403);
    }
  });

  it('lets reviewers do everything but adopt, and admins everything', async () => {
    for (const route of adminDecisionsRoutes) {
      for (const caller of ['reviewer', 'admin'] as Caller[]) {
        const res = await call(caller, route, {
          params: paramsFor(route),
          query: route === listAuditRoute ? { day: TODAY } : {},
        });
        const refused = caller === 'reviewer' && route === adoptResolutionRoute;
        if (refused) expect(res.status, `${route.method} ${route.path} ${caller}`).toBe(403);
        else expect([401, 403], `${route.method} ${route.path} ${caller}`).not.toContain(res.status);
      }
    }
  });

  it('lists each route in the route table with its groups', async () => {
    const { routes } = await import('#http/routes');
    for (const r of adminDecisionsRoutes) expect(routes).toContain(r);
    expect(adoptResolutionRoute.access).toEqual({ kind: 'staff', groups: ['cec-admin'] });
  });
});

describe("the reviewer's marks and the person view", () => {
  it('saves a note with the version read; a stale version is 409', async () => {
    const p = people[0]!;
    const first = await call('reviewer', reviewPersonRoute, {
      params: { personId: p.id },
      body: { reviewerNote: 'Photo matches the passport', checked: true, version: p.version },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      reviewerNote: 'Photo matches the passport',
      checked: true,
      version: p.version + 1,
    });
    const stale = await call('admin', reviewPersonRoute, {
      params: { personId: p.id },
      body: { reviewerNote: 'Overwrite', version: p.version },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error!.code).toBe('STALE_VERSION');
    expect((await getPerson(p.id)).reviewerNote).toBe('Photo matches the passport');
    const empty = await call('reviewer', reviewPersonRoute, { params: { personId: p.id }, body: { version: 2 } });
    expect(empty.status).toBe(400);
    const unknown = await call('reviewer', reviewPersonRoute, {
      params: { personId: p.id },
      body: { status: 'accredited', version: 2 },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error!.issues).toContainEqual(expect.objectContaining({ field: 'body.status' }));
  });

  it('shows a person with 5-minute document links and audits every view', async () => {
    const p = people[1]!;
    for (const kind of ['passport', 'photo'] as const) {
      await transact([
        documentPut(undefined, {
          ownerId: p.id,
          kind,
          state: 'received',
          objectKey: `documents/${e.id}/${org.id}/${p.applicationId}/${p.id}/${kind}/${newId()}`,
          contentType: kind === 'photo' ? 'image/jpeg' : 'application/pdf',
          size: 12345,
          rejectionReason: null,
          uploadedAt: NOW.toISOString(),
          checkedAt: NOW.toISOString(),
          electionId: e.id,
          organizationId: org.id,
          applicationId: p.applicationId,
          personId: p.id,
          pendingKey: null,
          version: 1,
        }),
      ]);
    }
    const view = await call('reviewer', getPersonDetail, { params: { personId: p.id } });
    expect(view.status).toBe(200);
    expect(view.headers['cache-control']).toBe('no-store');
    const docs = view.body.documents as { kind: string; url: string; urlExpiresAt: string }[];
    expect(docs.map((d) => d.kind).sort()).toEqual(['passport', 'photo']);
    for (const d of docs) {
      expect(d.url).toContain('X-Amz-Expires=300');
      expect(d.url).toContain(p.id);
    }
    expect(view.body.organization).toMatchObject({ name: 'Route Mission', country: 'LT' });
    await call('admin', getPersonDetail, { params: { personId: p.id } });
    const audit = await auditPage({ by: 'entity', entityType: 'person', entityId: p.id }, { limit: 50 });
    const views = audit.items.filter((x) => x.action === 'view-documents');
    expect(views).toHaveLength(2);
    expect(views.map((v) => v.actor.label).sort()).toEqual(['admin@cec.local', 'reviewer@cec.local']);
    expect(views[0]!.detail).toMatchObject({ documents: ['passport', 'photo'], expiresInSeconds: 300 });
  });
});

describe('resolutions over the routes', () => {
  it('composes, edits, adopts (admin only) and lists a resolution', async () => {
    const [p1, p2, p3] = [people[1]!, people[2]!, people[3]!];
    const number = `R-${newId()}`;
    const created = await call('reviewer', createResolutionRoute, {
      params: { electionId: e.id },
      body: { number, adoptedOn: TODAY, kind: 'accreditation', title: 'On the accreditation of observers' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const dup = await call('reviewer', createResolutionRoute, {
      params: { electionId: e.id },
      body: { number: ` ${number.toLowerCase()} `, adoptedOn: TODAY, kind: 'accreditation' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error!.code).toBe('RESOLUTION_NUMBER_TAKEN');

    const noGround = await call('reviewer', putResolutionItemsRoute, {
      params: { resolutionId: id },
      body: {
        items: [
          { personId: p1.id, decision: 'accredit' },
          { personId: p2.id, decision: 'refuse', reason: 'x' },
        ],
      },
    });
    expect(noGround.status).toBe(400);
    expect(noGround.body.error!.issues).toContainEqual(expect.objectContaining({ field: 'body.items.1.ground' }));

    const grossWrong = await call('reviewer', putResolutionItemsRoute, {
      params: { resolutionId: id },
      body: {
        items: [
          { personId: p1.id, decision: 'revoke', revocationReason: 'OBSERVER_REQUEST', gross: true, reason: 'r' },
        ],
      },
    });
    expect(grossWrong.status).toBe(400);
    expect(grossWrong.body.error!.issues).toContainEqual(expect.objectContaining({ field: 'body.items.0.gross' }));

    const put = await call('reviewer', putResolutionItemsRoute, {
      params: { resolutionId: id },
      body: {
        items: [
          { personId: p1.id, decision: 'accredit' },
          { personId: p2.id, decision: 'refuse', ground: 'NO_LEGAL_CAPACITY', reason: 'Not registered' },
          { personId: p3.id, decision: 'accredit' },
        ],
      },
    });
    expect(put.status).toBe(200);
    expect(put.body.resolution).toMatchObject({ itemCount: 3, counts: { accredit: 2, refuse: 1, revoke: 0 } });
    // Replacing one item and removing another keeps the counts exact (the draft is the undo).
    await call('reviewer', putResolutionItemsRoute, {
      params: { resolutionId: id },
      body: { items: [{ personId: p3.id, decision: 'refuse', ground: 'AIMS_CONTRARY_TO_LAW', reason: 'Aims' }] },
    });
    const removed = await call('reviewer', removeResolutionItemRoute, {
      params: { resolutionId: id, personId: p3.id },
    });
    expect(removed.body).toMatchObject({ itemCount: 2, counts: { accredit: 1, refuse: 1 } });

    const edited = await call('reviewer', updateResolutionRoute, {
      params: { resolutionId: id },
      body: { title: 'On accreditation', version: removed.body.version },
    });
    expect(edited.status).toBe(200);
    const stale = await call('reviewer', updateResolutionRoute, {
      params: { resolutionId: id },
      body: { title: 'Again', version: removed.body.version },
    });
    expect(stale.status).toBe(409);

    expect((await call('reviewer', adoptResolutionRoute, { params: { resolutionId: id } })).status).toBe(403);
    const adopted = await call('admin', adoptResolutionRoute, { params: { resolutionId: id } });
    expect(adopted.status).toBe(200);
    expect(adopted.body).toMatchObject({ alreadyAdopted: false, resolution: { status: 'adopted' } });
    const again = await call('admin', adoptResolutionRoute, { params: { resolutionId: id } });
    expect(again.body).toMatchObject({ alreadyAdopted: true });
    expect((await call('reviewer', discardResolutionRoute, { params: { resolutionId: id } })).status).toBe(409);

    const detail = await call('reviewer', getResolutionRoute, { params: { resolutionId: id }, query: { limit: '1' } });
    expect(detail.body.items).toEqual([expect.objectContaining({ state: 'applied' })]);
    expect(detail.body.nextCursor).toEqual(expect.any(String));
    const list = await call('reviewer', listResolutionsRoute, {
      params: { electionId: e.id },
      query: { filter: JSON.stringify({ status: 'adopted' }) },
    });
    expect((list.body.data as { id: string }[]).map((r) => r.id)).toContain(id);

    const stats = await call('reviewer', electionStatisticsRoute, { params: { electionId: e.id } });
    expect(stats.body).toMatchObject({
      byStatus: { accredited: 1, refused: 1, submitted: 2 },
      byOrganization: [expect.objectContaining({ organizationId: org.id, name: 'Route Mission', total: 4 })],
      byCountry: [expect.objectContaining({ country: 'LT', total: 4 })],
      window: { lastAccreditationDay: '2027-03-11', daysLeft: 39 },
    });

    const trail = await call('reviewer', listAuditRoute, { query: { entityType: 'resolution', entityId: id } });
    const actions = (trail.body.data as { action: string }[]).map((x) => x.action);
    expect(actions[0]).toBe('adopt');
    expect(actions).toEqual(expect.arrayContaining(['create', 'set-items', 'remove-item', 'update', 'adopt-start']));
    const byActor = await call('reviewer', listAuditRoute, { query: { actor: 'sub-admin', day: TODAY, limit: '5' } });
    expect((byActor.body.data as { actor: { id: string } }[]).every((x) => x.actor.id === 'sub-admin')).toBe(true);
    const neither = await call('reviewer', listAuditRoute, { query: {} });
    expect(neither.status).toBe(400);
  });

  it('refuses an accreditation resolution dated after the last day of the window (400, 3.6)', async () => {
    const res = await call('reviewer', createResolutionRoute, {
      params: { electionId: e.id },
      body: { number: `L-${newId()}`, adoptedOn: '2027-03-12', kind: 'accreditation' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error!.issues).toEqual([
      expect.objectContaining({ field: 'adoptedOn', rule: expect.stringContaining('3.6') }),
    ]);
  });

  it('answers 409 listing the people when an adoption is blocked', async () => {
    const [withdrawn] = [personOf(e, org, 9, { status: 'withdrawn' })];
    await seedPeople([withdrawn]);
    const r = await call('reviewer', createResolutionRoute, {
      params: { electionId: e.id },
      body: { number: `B-${newId()}`, adoptedOn: TODAY, kind: 'accreditation' },
    });
    await call('reviewer', putResolutionItemsRoute, {
      params: { resolutionId: r.body.id as string },
      body: { items: [{ personId: withdrawn.id, decision: 'accredit' }] },
    });
    const res = await call('admin', adoptResolutionRoute, { params: { resolutionId: r.body.id as string } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'ADOPTION_BLOCKED', clause: '3.3' });
    expect(res.body.error!.issues).toEqual([
      expect.objectContaining({ field: `items.${withdrawn.id}`, rule: expect.stringContaining('withdrawn') }),
    ]);
  });
});
