/**
 * Who may call each publication route, on the twin through its gateway: anyone for the published list
 * and verification; only an organization's portal session for certificate downloads; only cec-admin
 * for the outbox. Every route of routes/publication.ts is tried with every kind of caller.
 */
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { issuePortalSession } from '#http/auth';
import { publicationRoutes } from '#http/routes/publication';
import { addDays, bishkekDate } from '#domain/time';
import type { Election } from '#schemas/election';
import { seedElection } from '../data/decisions-fixtures';
import { api } from '../twin/fixtures/twin-client';

const ADMIN = 'admin@cec.local';
const REVIEWER = 'reviewer@cec.local';
const MFA = 'mfa@cec.local';

let e: Election;
let portalToken: string;

beforeAll(async () => {
  const clock = await api('/local/clock', { as: ADMIN });
  const now = new Date(((await clock.json()) as { now: string }).now);
  const today = bishkekDate(now);
  e = await seedElection({ calledOn: addDays(today, -10), votingDay: addDays(today, 30) });
  portalToken = (
    await issuePortalSession({ organizationId: ulid(), electionId: e.id, invitationId: ulid(), sessionId: ulid() }, now)
  ).token;
});

function concrete(path: string): string {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === 'electionId' ? e.id : name === 'number' ? '2027-PR-0000-00001' : ulid(),
  );
  return filled.includes('/certificates/') ? `${filled}?sig=${'A'.repeat(43)}` : filled;
}

type Caller = 'anonymous' | 'portal' | typeof ADMIN | typeof REVIEWER | typeof MFA;
const CALLERS: Caller[] = ['anonymous', 'portal', ADMIN, REVIEWER, MFA];

async function call(method: string, path: string, caller: Caller) {
  if (caller === 'anonymous') return api(path, { method });
  if (caller === 'portal') return api(path, { method, headers: { authorization: `Bearer ${portalToken}` } });
  return api(path, { method, as: caller });
}

/** What each caller gets: 'in' means past the access check (any status but 401 and 403). */
function expected(access: (typeof publicationRoutes)[number]['access'], caller: Caller): 401 | 403 | 'in' {
  if (access.kind === 'public') return 'in';
  if (access.kind === 'portal') return caller === 'portal' ? 'in' : 401;
  if (caller === 'anonymous' || caller === 'portal') return 401;
  return access.groups.includes(caller === ADMIN ? 'cec-admin' : caller === REVIEWER ? 'cec-reviewer' : 'mfa-officer')
    ? 'in'
    : 403;
}

describe('publication routes: the authorization matrix', () => {
  it('lets each caller through exactly where the route table says', async () => {
    const seen: string[] = [];
    for (const route of publicationRoutes) {
      const path = concrete(route.path);
      for (const caller of CALLERS) {
        const res = await call(route.method, path, caller);
        const want = expected(route.access, caller);
        const label = `${route.method} ${route.path} as ${caller}: ${res.status} ${res.text.slice(0, 120)}`;
        if (want === 'in') expect([401, 403], label).not.toContain(res.status);
        else expect(res.status, label).toBe(want);
        expect(res.status, label).toBeLessThan(500);
        seen.push(`${route.method} ${route.path} ${caller} ${res.status}`);
      }
    }
    expect(seen).toHaveLength(publicationRoutes.length * CALLERS.length);
  });

  it('gives the admin the outbox and the staff without cec-admin a 403 naming the group', async () => {
    const reviewer = await api('/v1/admin/outbox', { as: REVIEWER });
    expect(reviewer.status).toBe(403);
    expect(reviewer.text).toContain('cec-admin');
    const admin = await api('/v1/admin/outbox?status=failed', { as: ADMIN });
    expect(admin.status).toBe(200);
    const retry = await api('/v1/admin/outbox/retry-failed', { method: 'POST', as: ADMIN });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ requeued: expect.any(Number), more: expect.any(Boolean) });
  });
});
