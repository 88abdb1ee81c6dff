/**
 * Signing in to the portal (2.5): the access code from the invitation email is exchanged for a
 * short-lived session scoped to one organization and one election. Wrong codes are counted per
 * invitation and per source address (then 429), each one is audited, and so is each lockout. An unknown invitation and a wrong
 * secret get the same answer, so the answer tells a guesser nothing.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { RateLimitedError, UnauthorizedError } from '#domain/errors';
import { parseAccessCode, secretMatches } from '#data/access-codes';
import { auditPut, auditRecord } from '#data/audit';
import { findInvitationWithHash } from '#data/invitations';
import {
  ACCESS_CODE_FAILURES,
  ACCESS_CODE_SOURCE_FAILURES,
  type RateRule,
  rateHitWithinLimit,
  rateOnce,
  retryAfterSeconds,
} from '#data/rate-limit';
import { ConditionFailedError, transact } from '#data/transact';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';
import { countMetric } from '#runtime/metrics';
import { issuePortalSession } from '#http/auth';
import { sessionIdFor } from './scope';

export const WRONG_CODE =
  'the access code is not valid: check it against the invitation email, or ask the CEC for a new one';

const ZERO_HASH = '0'.repeat(64);

export interface PortalSession {
  token: string;
  expiresAt: string;
  organizationId: string;
  electionId: string;
}

export function accessCodeRateScope(invitationId: string): string {
  return `access-code#${invitationId}`;
}

export function accessCodeSourceScope(sourceIp: string): string {
  return `access-code-source#${sourceIp}`;
}

/**
 * The right code is checked first and is never refused because of other people's wrong guesses: the
 * secret is 128 random bits, so only its holder can present it. A wrong code counts against its
 * invitation (5 per 15 minutes) and against the source address (20 per 15 minutes, unknown invitations
 * included) in one conditional write each: the count and the decision are atomic, so a burst of
 * parallel guesses has exactly the limit evaluated and the rest refused with 429.
 */
export async function exchangeAccessCode(code: string, now: Date, sourceIp: string): Promise<PortalSession> {
  const parsed = parseAccessCode(code);
  if (!parsed) throw new UnauthorizedError(WRONG_CODE);
  const found = await findInvitationWithHash(parsed.invitationId);
  // Always hash, so a known and an unknown invitation take the same time.
  const matches = secretMatches(parsed.secret, found?.codeHash ?? ZERO_HASH);
  if (found?.invitation.status !== 'active' || !matches) {
    await wrongCode(parsed.invitationId, Boolean(found), now, sourceIp);
    throw new UnauthorizedError(WRONG_CODE);
  }
  const { invitation } = found;
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
  // One item: a PutItem is atomic on its own, at half the write cost of a transaction of one.
  await ddb.send(
    new PutCommand({
      TableName: config().tableName,
      Item: auditRecord({
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
    }),
  );
  return { ...session, organizationId: invitation.organizationId, electionId: invitation.electionId };
}

/** Counts a wrong code (both limits, one transaction with its audit entry) or refuses it with 429. */
async function wrongCode(invitationId: string, known: boolean, now: Date, sourceIp: string): Promise<void> {
  const actor = { kind: 'public' as const, id: 'anonymous', label: `portal sign-in from ${sourceIp}` };
  const limits = [{ scope: accessCodeSourceScope(sourceIp), rule: ACCESS_CODE_SOURCE_FAILURES, by: 'source' }];
  if (known) limits.push({ scope: accessCodeRateScope(invitationId), rule: ACCESS_CODE_FAILURES, by: 'invitation' });
  countMetric('AccessCodeFailures');
  try {
    await transact([
      ...limits.map((l) => rateHitWithinLimit(l.scope, l.rule, now)),
      ...(known
        ? [
            auditPut({
              at: now,
              actor,
              entityType: 'invitation',
              entityId: invitationId,
              action: 'access-code-rejected',
              clause: '2.5',
              detail: { sourceIp, limit: ACCESS_CODE_FAILURES.limit },
            }),
          ]
        : []),
    ]);
  } catch (err) {
    if (!(err instanceof ConditionFailedError)) throw err;
    const hit = limits.filter((_, i) => err.failedIndexes.includes(i));
    const retryAfter = Math.max(...hit.map((l) => retryAfterSeconds(l.rule, now)));
    countMetric('AccessCodeLockouts');
    for (const l of hit) await auditLockoutOnce(l, invitationId, known, now, sourceIp, actor);
    throw new RateLimitedError(
      `too many wrong access codes: try again in ${Math.ceil(retryAfter / 60)} minute(s), or use the code from the invitation email`,
      retryAfter,
    );
  }
}

/** One audit entry per lockout (scope and window), however many attempts it refuses. */
async function auditLockoutOnce(
  limit: { scope: string; rule: RateRule; by: string },
  invitationId: string,
  known: boolean,
  now: Date,
  sourceIp: string,
  actor: { kind: 'public'; id: string; label: string },
): Promise<void> {
  const onInvitation = limit.by === 'invitation' && known;
  try {
    await transact([
      rateOnce(limit.scope, limit.rule, now),
      auditPut({
        at: now,
        actor,
        entityType: onInvitation ? 'invitation' : 'sign-in-source',
        entityId: onInvitation ? invitationId : sourceIp,
        action: 'access-code-lockout',
        clause: '2.5',
        detail: { by: limit.by, sourceIp, limit: limit.rule.limit, windowSeconds: limit.rule.windowSeconds },
      }),
    ]);
  } catch (err) {
    if (!(err instanceof ConditionFailedError)) throw err;
  }
}
