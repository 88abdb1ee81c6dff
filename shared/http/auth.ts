/**
 * Who is calling. Staff tokens are verified by API Gateway's JWT authorizer in AWS and by the local
 * gateway on the twin, which both put the claims under `requestContext.authorizer.jwt.claims`; this
 * module reads them and enforces the route's groups. Portal sessions are the product's own tokens
 * (HS256 JWTs, short-lived, scoped to one organization and one election), signed and verified here
 * with node:crypto (RFC 7515/7519: the algorithm fixed to HS256, the issuer, audience, expiry and
 * not-before checked; a JWT library would add some 14 KB to every API bundle for these few lines).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ForbiddenError, UnauthorizedError } from '#domain/errors';
import type { Actor } from '#schemas/audit';
import { loadSecrets } from '#runtime/secrets';
import { type Access, STAFF_GROUPS, type StaffGroup } from './route';

export type Principal =
  | { kind: 'public' }
  | { kind: 'staff'; sub: string; email: string; groups: StaffGroup[] }
  | { kind: 'portal'; organizationId: string; electionId: string; invitationId: string; sessionId: string };

export const PORTAL_SESSION_TTL_SECONDS = 2 * 60 * 60;
const PORTAL_AUDIENCE = 'cec-observers-portal';
const PORTAL_ISSUER = 'cec-observers';

type Claims = Record<string, unknown>;

/** HTTP API flattens array claims into a string like "[cec-admin cec-reviewer]"; accept both forms. */
export function groupsOf(claims: Claims): StaffGroup[] {
  const raw = claims['cognito:groups'];
  const list = Array.isArray(raw)
    ? raw.map(String)
    : typeof raw === 'string'
      ? raw.replace(/^\[|\]$/g, '').split(/[\s,]+/)
      : [];
  return list.filter((g): g is StaffGroup => (STAFF_GROUPS as readonly string[]).includes(g));
}

function jwtClaims(event: APIGatewayProxyEventV2): Claims | undefined {
  const ctx = event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } };
  return ctx.authorizer?.jwt?.claims;
}

function bearer(event: APIGatewayProxyEventV2): string | undefined {
  const header = event.headers?.authorization ?? event.headers?.Authorization;
  const m = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return m?.[1];
}

const base64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');
const hs256 = (input: string, key: string): Buffer => createHmac('sha256', key).update(input).digest();

export async function issuePortalSession(
  scope: { organizationId: string; electionId: string; invitationId: string; sessionId: string },
  now: Date,
): Promise<{ token: string; expiresAt: string }> {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + PORTAL_SESSION_TTL_SECONDS;
  const header = base64url(JSON.stringify({ alg: 'HS256' }));
  const payload = base64url(
    JSON.stringify({
      org: scope.organizationId,
      election: scope.electionId,
      inv: scope.invitationId,
      iss: PORTAL_ISSUER,
      aud: PORTAL_AUDIENCE,
      sub: `org:${scope.organizationId}`,
      jti: scope.sessionId,
      iat,
      exp,
    }),
  );
  const signature = base64url(hs256(`${header}.${payload}`, (await loadSecrets()).portalSession));
  return { token: `${header}.${payload}.${signature}`, expiresAt: new Date(exp * 1000).toISOString() };
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function jsonObject(part: string): Claims | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Claims) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The claims of a portal session token, or undefined when it is not one: a compact JWS signed with
 * HS256 and `key` (no other algorithm, no `crit` header), issued by the product for the portal, with
 * a numeric expiry in the future and no not-before in the future (`now`, whole seconds, no leeway:
 * the product both issues and checks these tokens on the same clock).
 */
export function verifyPortalToken(token: string, key: string, now: Date): Claims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => BASE64URL.test(p))) return undefined;
  const [h, p, sig] = parts as [string, string, string];
  const header = jsonObject(h);
  if (header?.alg !== 'HS256' || 'crit' in header) return undefined;
  const expected = hs256(`${h}.${p}`, key);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const claims = jsonObject(p);
  if (!claims || claims.iss !== PORTAL_ISSUER) return undefined;
  const aud = claims.aud;
  if (!(aud === PORTAL_AUDIENCE || (Array.isArray(aud) && aud.includes(PORTAL_AUDIENCE)))) return undefined;
  const seconds = Math.floor(now.getTime() / 1000);
  if (typeof claims.exp !== 'number' || claims.exp <= seconds) return undefined;
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > seconds)) return undefined;
  if (claims.iat !== undefined && typeof claims.iat !== 'number') return undefined;
  return claims;
}

async function portalPrincipal(event: APIGatewayProxyEventV2, now: Date): Promise<Principal> {
  const token = bearer(event);
  if (!token)
    throw new UnauthorizedError('sign in with your access code first: send the portal session as a bearer token');
  const payload = verifyPortalToken(token, (await loadSecrets()).portalSession, now);
  if (!payload) {
    throw new UnauthorizedError('the portal session is invalid or has expired: sign in with your access code again');
  }
  return {
    kind: 'portal',
    organizationId: String(payload.org),
    electionId: String(payload.election),
    invitationId: String(payload.inv),
    sessionId: String(payload.jti),
  };
}

export async function authorize(access: Access, event: APIGatewayProxyEventV2, now: Date): Promise<Principal> {
  switch (access.kind) {
    case 'public':
      return { kind: 'public' };
    case 'portal':
      return portalPrincipal(event, now);
    case 'staff': {
      const claims = jwtClaims(event);
      if (!claims?.sub) throw new UnauthorizedError('sign-in required: send a staff bearer token');
      const groups = groupsOf(claims);
      if (!groups.some((g) => access.groups.includes(g))) {
        throw new ForbiddenError(
          `this route needs one of the groups ${access.groups.join(', ')}; your groups: ${groups.join(', ') || 'none'}`,
        );
      }
      return {
        kind: 'staff',
        sub: String(claims.sub),
        email: String(claims.email ?? claims['cognito:username'] ?? claims.sub),
        groups,
      };
    }
  }
}

export function actorOf(p: Principal): Actor {
  switch (p.kind) {
    case 'staff':
      return { kind: 'staff', id: p.sub, label: p.email };
    case 'portal':
      return { kind: 'organization', id: p.organizationId, label: `organization ${p.organizationId}` };
    case 'public':
      return { kind: 'public', id: 'anonymous', label: 'public' };
  }
}
