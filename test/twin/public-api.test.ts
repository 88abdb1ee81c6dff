/**
 * The gateway as a caller meets it: public routes without a token, staff routes behind the JWT
 * authorizer (401 like API Gateway), group checks in the function (403), CORS for the admin UI.
 */
import { SignJWT, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, tokenFor } from '#local/oidc';
import { api } from './fixtures/twin-client';

interface PublicElection {
  id: string;
  kind: string;
  name: { en: string };
  votingDay: string;
  windowOffsetDays: number;
  calendar: { lastAccreditationDay: string; windowClosesAt: string };
  phase: string;
}

describe('public routes through the gateway', () => {
  it('lists the seeded upcoming election with its accreditation calendar (3.6)', async () => {
    const res = await api('/v1/public/elections');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as { data: PublicElection[] };
    const upcoming = body.data.find((e) => e.kind === 'presidential' && e.phase === 'called');
    expect(upcoming, 'the seeded presidential election whose window is open').toBeDefined();
    // 3.6: last accreditation day is voting day minus the offset; the window closes at 00:00 Bishkek next day.
    const d = new Date(`${upcoming!.votingDay}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - upcoming!.windowOffsetDays);
    expect(upcoming!.calendar.lastAccreditationDay).toBe(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
    expect(upcoming!.calendar.windowClosesAt).toBe(
      new Date(`${d.toISOString().slice(0, 10)}T00:00:00+06:00`).toISOString(),
    );
    // Audit fields are not public.
    expect(upcoming).not.toHaveProperty('version');
  });

  it('serves one election by id, and the OpenAPI document of the route table', async () => {
    const list = (await (await api('/v1/public/elections')).json()) as { data: PublicElection[] };
    const first = list.data[0]!;
    const one = await api(`/v1/public/elections/${first.id}`);
    expect(one.status).toBe(200);
    expect(((await one.json()) as PublicElection).votingDay).toBe(first.votingDay);
    const doc = await api('/v1/openapi.json');
    expect(doc.status).toBe(200);
    const paths = ((await doc.json()) as { paths: Record<string, unknown> }).paths;
    expect(Object.keys(paths)).toContain('/v1/public/elections');
    expect(Object.keys(paths).some((p) => p.startsWith('/local/'))).toBe(false);
  });

  it('answers unknown paths and wrong methods 404, in API Gateway’s words (an HTTP API has no 405)', async () => {
    const missing = await api('/v1/public/nothing-here');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: 'Not Found' });
    const wrong = await api('/v1/public/elections', { method: 'DELETE' });
    expect(wrong.status).toBe(404);
    expect(await wrong.json()).toEqual({ message: 'Not Found' });
  });

  it('answers the admin UI’s CORS preflight and tags answers for its origin only', async () => {
    const pre = await api('/v1/public/elections', {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(pre.headers.get('access-control-allow-headers')).toContain('authorization');
    const ok = await api('/v1/public/elections', { headers: { origin: 'http://127.0.0.1:5173' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    const stranger = await api('/v1/public/elections', { headers: { origin: 'http://evil.example' } });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('staff routes behind the JWT authorizer', () => {
  it('refuses a call without a token: 401 {"message":"Unauthorized"}', async () => {
    const res = await api('/local/clock');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: 'Unauthorized' });
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('refuses a token signed by another key, with the right claims', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const real = JSON.parse(Buffer.from((await tokenFor('admin@cec.local')).split('.')[1]!, 'base64url').toString());
    const forged = await new SignJWT(real).setProtectedHeader({ alg: 'RS256', kid: 'forged' }).sign(privateKey);
    const res = await api('/local/clock', { headers: { authorization: `Bearer ${forged}` } });
    expect(res.status).toBe(401);
  });

  it('gives 403 to a staff member outside the route’s groups and 200 to one inside', async () => {
    const reviewer = await api('/local/clock', { as: 'reviewer@cec.local' });
    expect(reviewer.status).toBe(403);
    expect(((await reviewer.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    const mfa = await api('/local/clock', { as: 'mfa@cec.local' });
    expect(mfa.status).toBe(403);
    const admin = await api('/local/clock', { as: 'admin@cec.local' });
    expect(admin.status).toBe(200);
    expect(((await admin.json()) as { now: string }).now).toMatch(/^\d{4}-/);
  });

  it('accepts the access token too (client_id instead of aud), as the authorizer does', async () => {
    const access = await tokenFor('admin@cec.local', { token: 'access_token' });
    const res = await api('/local/clock', { headers: { authorization: `Bearer ${access}` } });
    // The access token carries no email, so the group check still passes on cognito:groups.
    expect(res.status).toBe(200);
  });

  it('the issuer refuses a wrong password', async () => {
    await expect(tokenFor('admin@cec.local', { password: `${DEMO_PASSWORD}x` })).rejects.toThrow(/400/);
  });
});
