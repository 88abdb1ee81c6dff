import { createHmac } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { actorOf, groupsOf, issuePortalSession, verifyPortalToken } from './auth';

describe('groupsOf: the Cognito groups claim in every shape it arrives in', () => {
  it.each([
    { label: 'HTTP API flattened list', claim: '[cec-admin cec-reviewer]', groups: ['cec-admin', 'cec-reviewer'] },
    { label: 'JSON array (REST API, local gateway)', claim: ['mfa-officer'], groups: ['mfa-officer'] },
    { label: 'single flattened group', claim: '[cec-reviewer]', groups: ['cec-reviewer'] },
    { label: 'comma-separated', claim: 'cec-admin, mfa-officer', groups: ['cec-admin', 'mfa-officer'] },
    {
      label: 'unknown groups are dropped',
      claim: '[Admins cec-reviewer us-east-1_X_Google]',
      groups: ['cec-reviewer'],
    },
    { label: 'no claim', claim: undefined, groups: [] },
    { label: 'an empty list', claim: '[]', groups: [] },
    { label: 'a number', claim: 42, groups: [] },
  ])('$label', ({ claim, groups }) => {
    expect(groupsOf({ 'cognito:groups': claim })).toEqual(groups);
  });
});

describe('actorOf: who the audit log names', () => {
  it.each([
    {
      principal: { kind: 'staff' as const, sub: 's1', email: 'a@shailoo.gov.kg', groups: [] },
      actor: { kind: 'staff', id: 's1', label: 'a@shailoo.gov.kg' },
    },
    {
      principal: {
        kind: 'portal' as const,
        organizationId: 'O1',
        electionId: 'E1',
        invitationId: 'I1',
        sessionId: 'S1',
      },
      actor: { kind: 'organization', id: 'O1', label: 'organization O1' },
    },
    { principal: { kind: 'public' as const }, actor: { kind: 'public', id: 'anonymous', label: 'public' } },
  ])('$principal.kind', ({ principal, actor }) => {
    expect(actorOf(principal)).toEqual(actor);
  });
});

describe('portal session tokens (HS256 JWT, RFC 7519)', () => {
  const key = 'portal-session-test-key-0123456789abcdef';
  const now = new Date('2027-03-01T06:00:00Z');
  const seconds = Math.floor(now.getTime() / 1000);
  const claims = { org: 'O1', election: 'E1', inv: 'I1', jti: 'S1', iss: 'cec-observers', aud: 'cec-observers-portal' };
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const signed = (header: Record<string, unknown>, payload: Record<string, unknown>, with_ = key) => {
    const input = `${b64(header)}.${b64(payload)}`;
    return `${input}.${createHmac('sha256', with_).update(input).digest('base64url')}`;
  };

  it('accepts what a JWT library signs, and a JWT library accepts what the product signs', async () => {
    const token = await new SignJWT({ org: 'O1', election: 'E1', inv: 'I1' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('cec-observers')
      .setAudience('cec-observers-portal')
      .setJti('S1')
      .setIssuedAt(seconds)
      .setExpirationTime(seconds + 60)
      .sign(new TextEncoder().encode(key));
    expect(verifyPortalToken(token, key, now)).toMatchObject({ org: 'O1', jti: 'S1' });

    Object.assign(process.env, { PORTAL_SESSION_SECRET: key, CERTIFICATE_SECRET: `${key}-certificates` });
    const ours = await issuePortalSession(
      { organizationId: 'O1', electionId: 'E1', invitationId: 'I1', sessionId: 'S1' },
      now,
    );
    const { payload } = await jwtVerify(ours.token, new TextEncoder().encode(key), {
      issuer: 'cec-observers',
      audience: 'cec-observers-portal',
      algorithms: ['HS256'],
      currentDate: now,
    });
    expect(payload).toMatchObject({ org: 'O1', election: 'E1', inv: 'I1', jti: 'S1', exp: seconds + 7200 });
    expect(verifyPortalToken(ours.token, key, now)).toMatchObject({ org: 'O1', election: 'E1' });
  });

  it.each([
    { label: 'valid', token: () => signed({ alg: 'HS256' }, { ...claims, exp: seconds + 1 }), ok: true },
    {
      label: 'another key',
      token: () => signed({ alg: 'HS256' }, { ...claims, exp: seconds + 1 }, `${key}x`),
      ok: false,
    },
    { label: 'alg none', token: () => `${b64({ alg: 'none' })}.${b64({ ...claims, exp: seconds + 1 })}.`, ok: false },
    { label: 'alg HS512', token: () => signed({ alg: 'HS512' }, { ...claims, exp: seconds + 1 }), ok: false },
    {
      label: 'a crit header',
      token: () => signed({ alg: 'HS256', crit: ['b64'], b64: false }, { ...claims, exp: seconds + 1 }),
      ok: false,
    },
    { label: 'expired this second', token: () => signed({ alg: 'HS256' }, { ...claims, exp: seconds }), ok: false },
    { label: 'no expiry', token: () => signed({ alg: 'HS256' }, claims), ok: false },
    {
      label: 'not before in the future',
      token: () => signed({ alg: 'HS256' }, { ...claims, exp: seconds + 9, nbf: seconds + 1 }),
      ok: false,
    },
    {
      label: 'not before now',
      token: () => signed({ alg: 'HS256' }, { ...claims, exp: seconds + 9, nbf: seconds }),
      ok: true,
    },
    {
      label: 'another issuer',
      token: () => signed({ alg: 'HS256' }, { ...claims, iss: 'x', exp: seconds + 1 }),
      ok: false,
    },
    {
      label: 'another audience',
      token: () => signed({ alg: 'HS256' }, { ...claims, aud: 'x', exp: seconds + 1 }),
      ok: false,
    },
    {
      label: 'audience in a list',
      token: () => signed({ alg: 'HS256' }, { ...claims, aud: ['x', 'cec-observers-portal'], exp: seconds + 1 }),
      ok: true,
    },
    {
      label: 'a string expiry',
      token: () => signed({ alg: 'HS256' }, { ...claims, exp: String(seconds + 9) }),
      ok: false,
    },
    {
      label: 'two parts',
      token: () =>
        signed({ alg: 'HS256' }, { ...claims, exp: seconds + 1 })
          .split('.')
          .slice(0, 2)
          .join('.'),
      ok: false,
    },
    {
      label: 'padded signature',
      token: () => `${signed({ alg: 'HS256' }, { ...claims, exp: seconds + 1 })}=`,
      ok: false,
    },
  ])('$label', ({ token, ok }) => {
    expect(verifyPortalToken(token(), key, now) !== undefined).toBe(ok);
  });

  it('refuses a token whose payload was changed after signing', () => {
    const token = signed({ alg: 'HS256' }, { ...claims, exp: seconds + 60 });
    const [h, , s] = token.split('.');
    expect(
      verifyPortalToken(`${h}.${b64({ ...claims, org: 'O2', exp: seconds + 60 })}.${s}`, key, now),
    ).toBeUndefined();
  });
});
