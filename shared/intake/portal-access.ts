/**
 * Signing in to the portal (2.5): the access code from the invitation email is exchanged for a
 * short-lived session scoped to one organization and one election. Wrong codes are counted per
 * organization (5 per 15 minutes, then 429) and each one is audited. An unknown invitation and a wrong
 * secret get the same answer, so the answer tells a guesser nothing.
 */
import { ulid } from 'ulid';
import { RateLimitedError, UnauthorizedError } from '#domain/errors';
import { parseAccessCode, secretMatches } from '#data/access-codes';
import { auditPut } from '#data/audit';
import { findInvitationWithHash } from '#data/invitations';
import { ACCESS_CODE_FAILURES, rateHit, rateState } from '#data/rate-limit';
import { transact } from '#data/transact';
import { issuePortalSession } from '#http/auth';
import { sessionIdFor } from './scope';

export const WRONG_CODE =
  'the access code is not valid: check it against the invitation email, or ask the CEC for a new one';

export interface PortalSession {
  token: string;
  expiresAt: string;
  organizationId: string;
  electionId: string;
}

export function accessCodeRateScope(organizationId: string): string {
  return `access-code#${organizationId}`;
}

export async function exchangeAccessCode(code: string, now: Date, sourceIp: string): Promise<PortalSession> {
  const parsed = parseAccessCode(code);
  if (!parsed) throw new UnauthorizedError(WRONG_CODE);
  const found = await findInvitationWithHash(parsed.invitationId);
  if (!found) throw new UnauthorizedError(WRONG_CODE);
  const { invitation, codeHash } = found;
  const scope = accessCodeRateScope(invitation.organizationId);
  const state = await rateState(scope, ACCESS_CODE_FAILURES, now);
  if (state.limited) {
    throw new RateLimitedError(
      `too many wrong access codes for this organization: try again in ${Math.ceil(state.retryAfterSeconds / 60)} minute(s)`,
      state.retryAfterSeconds,
    );
  }
  if (invitation.status !== 'active' || !secretMatches(parsed.secret, codeHash)) {
    // The failure is counted and audited in one transaction: the audit log shows every wrong attempt.
    await transact([
      rateHit(scope, ACCESS_CODE_FAILURES, now),
      auditPut({
        at: now,
        actor: { kind: 'public', id: 'anonymous', label: `portal sign-in from ${sourceIp}` },
        entityType: 'invitation',
        entityId: invitation.id,
        action: 'access-code-rejected',
        clause: '2.5',
        detail: { sourceIp, failuresInWindow: state.count + 1, limit: ACCESS_CODE_FAILURES.limit },
      }),
    ]);
    throw new UnauthorizedError(WRONG_CODE);
  }
  const sessionId = sessionIdFor(invitation.codeGeneration, ulid(now.getTime()));
  const session = await issuePortalSession(
    {
      organizationId: invitation.organizationId,
      electionId: invitation.electionId,
      invitationId: invitation.id,
      sessionId,
    },
    now,
  );
  await transact([
    auditPut({
      at: now,
      actor: {
        kind: 'organization',
        id: invitation.organizationId,
        label: `organization ${invitation.organizationId}`,
      },
      entityType: 'invitation',
      entityId: invitation.id,
      action: 'sign-in',
      clause: '2.5',
      detail: { sessionId, sourceIp, expiresAt: session.expiresAt },
    }),
  ]);
  return { ...session, organizationId: invitation.organizationId, electionId: invitation.electionId };
}
