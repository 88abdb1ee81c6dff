/**
 * Who is calling. Staff tokens are verified by API Gateway's JWT authorizer in AWS and by the local
 * gateway on the twin, which both put the claims under `requestContext.authorizer.jwt.claims`; this
 * module reads them and enforces the route's groups. Portal sessions are the product's own tokens
 * (HS256, short-lived, scoped to one organization and one election), verified here.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { jwtVerify, SignJWT } from 'jose';
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

export async function issuePortalSession(
  scope: { organizationId: string; electionId: string; invitationId: string; sessionId: string },
  now: Date,
): Promise<{ token: string; expiresAt: string }> {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + PORTAL_SESSION_TTL_SECONDS;
  const token = await new SignJWT({
    org: scope.organizationId,
    election: scope.electionId,
    inv: scope.invitationId,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(PORTAL_ISSUER)
    .setAudience(PORTAL_AUDIENCE)
    .setSubject(`org:${scope.organizationId}`)
    .setJti(scope.sessionId)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode((await loadSecrets()).portalSession));
  return { token, expiresAt: new Date(exp * 1000).toISOString() };
}

async function portalPrincipal(event: APIGatewayProxyEventV2, now: Date): Promise<Principal> {
  const token = bearer(event);
  if (!token)
    throw new UnauthorizedError('sign in with your access code first: send the portal session as a bearer token');
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode((await loadSecrets()).portalSession), {
      issuer: PORTAL_ISSUER,
      audience: PORTAL_AUDIENCE,
      algorithms: ['HS256'],
      currentDate: now,
    });
    return {
      kind: 'portal',
      organizationId: String(payload.org),
      electionId: String(payload.election),
      invitationId: String(payload.inv),
      sessionId: String(payload.jti),
    };
  } catch {
    throw new UnauthorizedError('the portal session is invalid or has expired: sign in with your access code again');
  }
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
