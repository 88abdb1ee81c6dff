/**
 * Who may call which intake route, over HTTP on the twin: every route of the intake (admin, portal,
 * MFA) against an anonymous caller, another organization's portal session, and each staff group. The
 * expected access is written out here, route by route, so a change of access shows up as a failure.
 *   - staff routes: 401 without a staff token (a portal session is no staff token), 403 for a group
 *     not allowed, anything but 401/403 for a group allowed (writes get `{}` and stop at validation);
 *   - portal routes: 401 for anyone without a portal session (staff included); another organization's
 *     session reaches the route but finds none of this organization's records (404).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, bishkekDate } from '#domain/time';
import { routeKey } from '#http/route';
import { adminIntakeRoutes } from '#http/routes/admin-intake';
import { mfaRoutes } from '#http/routes/mfa';
import { portalRoutes } from '#http/routes/portal';
import { api } from '../twin/fixtures/twin-client';
import {
  ADMIN,
  MFA_OFFICER,
  REVIEWER,
  accessCodeMailTo,
  portal,
  representative,
  staff,
  twinNow,
  unique,
} from './intake-client';

type Group = 'admin' | 'reviewer' | 'mfa';
const USERS: Record<Group, string> = { admin: ADMIN, reviewer: REVIEWER, mfa: MFA_OFFICER };

/** Staff routes of the intake and the groups that may call each. */
const STAFF_ACCESS: Record<string, Group[]> = {
  'GET /v1/admin/elections': ['admin', 'reviewer', 'mfa'],
  'GET /v1/admin/elections/{electionId}': ['admin', 'reviewer', 'mfa'],
  'POST /v1/admin/elections': ['admin'],
  'PATCH /v1/admin/elections/{electionId}': ['admin'],
  'GET /v1/admin/organizations': ['admin', 'reviewer'],
  'GET /v1/admin/organizations/{organizationId}': ['admin', 'reviewer'],
  'POST /v1/admin/organizations': ['admin'],
  'PATCH /v1/admin/organizations/{organizationId}': ['admin'],
  'GET /v1/admin/elections/{electionId}/invitations': ['admin', 'reviewer'],
  'GET /v1/admin/invitations/{invitationId}': ['admin', 'reviewer'],
  'POST /v1/admin/invitations': ['admin'],
  'POST /v1/admin/invitations/{invitationId}/reissue-code': ['admin'],
  'GET /v1/admin/elections/{electionId}/proposals': ['admin', 'reviewer'],
  'GET /v1/admin/proposals/{proposalId}': ['admin', 'reviewer'],
  'POST /v1/admin/proposals': ['admin'],
  'POST /v1/admin/proposals/{proposalId}/invite': ['admin'],
  'POST /v1/admin/proposals/{proposalId}/decline': ['admin'],
  'GET /v1/admin/elections/{electionId}/applications': ['admin', 'reviewer'],
  'GET /v1/admin/applications/{applicationId}': ['admin', 'reviewer'],
  'GET /v1/admin/elections/{electionId}/revocation-requests': ['admin', 'reviewer'],
  'GET /v1/admin/mfa/queue': ['mfa', 'admin'],
  'GET /v1/admin/mfa/applications/{applicationId}': ['mfa', 'admin'],
  'POST /v1/admin/mfa/applications/{applicationId}/decision': ['mfa'],
};

/** Portal routes; `own` marks those that name no record and so act on the caller's own organization. */
const PORTAL_ROUTES: Record<string, { own?: boolean }> = {
  'GET /v1/portal/session': { own: true },
  'GET /v1/portal/applications': { own: true },
  'POST /v1/portal/applications': { own: true },
  'GET /v1/portal/applications/{applicationId}': {},
  'PATCH /v1/portal/applications/{applicationId}': {},
  'POST /v1/portal/applications/{applicationId}/representatives': {},
  'PUT /v1/portal/applications/{applicationId}/representatives/{personId}': {},
  'DELETE /v1/portal/applications/{applicationId}/representatives/{personId}': {},
  'POST /v1/portal/applications/{applicationId}/uploads': {},
  'POST /v1/portal/applications/{applicationId}/submit': {},
  'POST /v1/portal/representatives/{personId}/withdraw': {},
  'POST /v1/portal/representatives/{personId}/revocation-request': {},
};

const PUBLIC_ROUTES = ['POST /v1/portal/sessions'];

const ids: Record<string, string> = {};
let otherToken = '';
let otherCode = '';
let today = '';

/** Valid bodies, so that a request refused by scope is refused by scope and not by validation. */
function validBody(key: string): unknown {
  if (key.startsWith('POST /v1/portal/applications/{applicationId}/representatives')) return representative();
  if (key.startsWith('PUT ')) return { ...representative(), version: 1 };
  if (key === 'PATCH /v1/portal/applications/{applicationId}') return { channel: 'mfa', version: 1 };
  if (key === 'POST /v1/portal/applications') return { channel: 'direct' };
  if (key.endsWith('/uploads')) return { kind: 'letter', contentType: 'application/pdf' };
  if (key.endsWith('/revocation-request')) return { text: 'Please revoke.' };
  if (key === 'POST /v1/portal/sessions') return { accessCode: otherCode };
  return undefined;
}

function pathOf(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = ids[name];
    if (!value) throw new Error(`no id for ${name}`);
    return value;
  });
}

async function invited(electionId: string) {
  const email = `${unique('authz')}@observers.example`;
  const org = await staff<{ id: string }>(ADMIN, 'POST', '/v1/admin/organizations', {
    name: { original: unique('Authz mission') },
    type: 'foreign_election_body',
    country: 'LT',
    contactEmail: email,
    preferredLanguage: 'en',
  });
  const inv = await staff<{ invitation: { id: string } }>(ADMIN, 'POST', '/v1/admin/invitations', {
    electionId,
    organizationId: org.body.id,
    invitingAuthority: 'cec',
    invitedOn: today,
    mfaDispatchRef: unique('D'),
  });
  expect(inv.status, inv.text).toBe(201);
  const { code } = await accessCodeMailTo(email);
  const session = await portal<{ token: string }>(null, 'POST', '/v1/portal/sessions', { accessCode: code });
  return { organizationId: org.body.id, invitationId: inv.body.invitation.id, code, token: session.body.token };
}

beforeAll(async () => {
  // Dates around the twin's clock: the window is open now, and the clock is not moved at all.
  today = bishkekDate(await twinNow());
  const election = await staff<{ id: string }>(ADMIN, 'POST', '/v1/admin/elections', {
    kind: 'referendum',
    name: { ky: 'Референдум', ru: 'Референдум', en: 'Referendum' },
    calledOn: addDays(today, -5),
    votingDay: addDays(today, 40),
  });
  ids.electionId = election.body.id;
  const owner = await invited(ids.electionId);
  const other = await invited(ids.electionId);
  otherToken = other.token;
  otherCode = other.code;
  ids.organizationId = owner.organizationId;
  ids.invitationId = owner.invitationId;
  const app = await portal<{ id: string }>(owner.token, 'POST', '/v1/portal/applications', { channel: 'direct' });
  ids.applicationId = app.body.id;
  const person = await portal<{ id: string }>(
    owner.token,
    'POST',
    `/v1/portal/applications/${ids.applicationId}/representatives`,
    representative(),
  );
  ids.personId = person.body.id;
  const proposer = await staff<{ id: string }>(ADMIN, 'POST', '/v1/admin/organizations', {
    name: { original: unique('Civic network') },
    type: 'non_profit_proposer',
    country: 'KG',
    contactEmail: `${unique('ngo')}@civic.example`,
    preferredLanguage: 'ky',
  });
  const proposal = await staff<{ id: string }>(ADMIN, 'POST', '/v1/admin/proposals', {
    electionId: ids.electionId,
    proposerOrganizationId: proposer.body.id,
    proposedOrganizationId: owner.organizationId,
  });
  ids.proposalId = proposal.body.id;
});

describe('authorization matrix of the intake routes', () => {
  it('covers every route of the intake’s route files', () => {
    const declared = [...adminIntakeRoutes, ...mfaRoutes, ...portalRoutes].map(routeKey).sort();
    expect(declared).toEqual([...Object.keys(STAFF_ACCESS), ...Object.keys(PORTAL_ROUTES), ...PUBLIC_ROUTES].sort());
  });

  it('staff routes: 401 anonymous or with a portal session, 403 outside the groups, allowed inside', async () => {
    const failures: string[] = [];
    for (const [key, allowed] of Object.entries(STAFF_ACCESS)) {
      const [method, path] = key.split(' ') as [string, string];
      const body = method === 'GET' ? undefined : {};
      const url = pathOf(path);
      const anon = await api(url, { method, body });
      if (anon.status !== 401) failures.push(`${key} anonymous: ${anon.status}`);
      const org = await portal(otherToken, method, url, body);
      if (org.status !== 401) failures.push(`${key} other organization: ${org.status}`);
      for (const group of ['admin', 'reviewer', 'mfa'] as const) {
        const res = await api(url, { method, as: USERS[group], body });
        const ok = allowed.includes(group) ? res.status !== 401 && res.status !== 403 : res.status === 403;
        if (!ok || res.status >= 500) failures.push(`${key} ${group}: ${res.status} ${res.text.slice(0, 160)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('portal routes: 401 without a portal session (staff too); another organization finds nothing (404)', async () => {
    const failures: string[] = [];
    for (const [key, opts] of Object.entries(PORTAL_ROUTES)) {
      const [method, path] = key.split(' ') as [string, string];
      const url = pathOf(path);
      const body = validBody(key);
      const anon = await api(url, { method, body });
      if (anon.status !== 401) failures.push(`${key} anonymous: ${anon.status}`);
      for (const group of ['admin', 'reviewer', 'mfa'] as const) {
        const res = await api(url, { method, as: USERS[group], body });
        if (res.status !== 401) failures.push(`${key} ${group}: ${res.status}`);
      }
      const other = await portal(otherToken, method, url, body);
      const expected = opts.own ? other.status < 300 : other.status === 404;
      if (!expected) failures.push(`${key} other organization: ${other.status} ${other.text.slice(0, 160)}`);
    }
    expect(failures).toEqual([]);
  });

  it('the owner’s records are untouched by all of the above', async () => {
    const res = await staff<{ people: { id: string; status: string }[]; status: string }>(
      REVIEWER,
      'GET',
      `/v1/admin/applications/${ids.applicationId}`,
    );
    expect(res.body.status).toBe('draft');
    expect(res.body.people).toEqual([expect.objectContaining({ id: ids.personId, status: 'draft' })]);
  });

  it('the public sign-in route answers everyone alike', async () => {
    for (const as of [undefined, ADMIN, REVIEWER, MFA_OFFICER]) {
      const res = await api('/v1/portal/sessions', { method: 'POST', as, body: validBody('POST /v1/portal/sessions') });
      expect(res.status, res.text).toBe(201);
    }
  });
});
