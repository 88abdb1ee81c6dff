/**
 * Invitations (2.2, 2.5): one per organization per election, guarded by an `INVITED#<org>` item in the
 * election's partition. The invitation carries the hash of the current access code, its generation and
 * when it was issued; the code itself only travels sealed in the outbox item of the email.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ConcurrencyError, NotFoundError, RuleViolationError } from '#domain/errors';
import type { Actor } from '#schemas/audit';
import type { Invitation } from '#schemas/invitation';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';
import { auditPut, diff } from './audit';
import { indexKeys, indexPartitions, keys } from './keys';
import { type OutboxMessage, outboxPut } from './outbox';
import { type Page, queryPage } from './paging';
import { ConditionFailedError, type TransactItem, transact } from './transact';

export const INVITATION_ENTITY = 'invitation';
const NON_FIELDS = /^(pk|sk|gsi\d(pk|sk)|entity|schemaVersion|codeHash)$/;

export type InvitationRecord = Invitation & { proposalId: string | null };

/** The stored invitation, with the hash of its access code (never leaves the data layer's callers). */
export interface InvitationWithHash {
  invitation: InvitationRecord;
  codeHash: string;
}

export function invitationFromItem(item: Record<string, unknown>): InvitationRecord {
  const inv = Object.fromEntries(Object.entries(item).filter(([k]) => !NON_FIELDS.test(k))) as InvitationRecord;
  return { ...inv, proposalId: inv.proposalId ?? null };
}

function toItem(inv: InvitationRecord, codeHash: string): Record<string, unknown> {
  return {
    ...keys.invitation(inv.id),
    ...indexKeys.invitation(inv),
    entity: INVITATION_ENTITY,
    schemaVersion: 1,
    ...inv,
    codeHash,
  };
}

export async function findInvitationWithHash(id: string): Promise<InvitationWithHash | undefined> {
  const out = await ddb.send(
    new GetCommand({ TableName: config().tableName, Key: keys.invitation(id), ConsistentRead: true }),
  );
  if (!out.Item) return undefined;
  return { invitation: invitationFromItem(out.Item), codeHash: String(out.Item.codeHash ?? '') };
}

export async function getInvitation(id: string): Promise<InvitationRecord> {
  const found = await findInvitationWithHash(id);
  if (!found) throw new NotFoundError('invitation', id);
  return found.invitation;
}

/** The organization's invitation to the election, through the guard item (one GetItem each). */
export async function invitationOf(electionId: string, organizationId: string): Promise<InvitationRecord | undefined> {
  const out = await ddb.send(
    new GetCommand({ TableName: config().tableName, Key: keys.invitationGuard(electionId, organizationId) }),
  );
  const invitationId = out.Item?.invitationId;
  if (typeof invitationId !== 'string') return undefined;
  return (await findInvitationWithHash(invitationId))?.invitation;
}

/** Invitations of an election, by invitation date. */
export async function listInvitationsOfElection(
  electionId: string,
  opts: { limit: number; cursor?: string },
): Promise<Page<InvitationRecord>> {
  const page = await queryPage<Record<string, unknown>>({
    index: 'gsi2',
    partition: indexPartitions.invitationsOfElection(electionId),
    limit: opts.limit,
    cursor: opts.cursor,
  });
  return { ...page, items: page.items.map(invitationFromItem) };
}

/**
 * Writes a new invitation with its guard, audit entry and access-code email in one transaction (plus
 * `extra`, e.g. the proposal it came from). A second invitation of the same organization to the same
 * election fails on the guard and is refused (409).
 */
export async function putNewInvitation(
  inv: InvitationRecord,
  codeHash: string,
  mail: OutboxMessage,
  actor: Actor,
  now: Date,
  extra: TransactItem[] = [],
): Promise<void> {
  const tableName = config().tableName;
  try {
    await transact([
      { Put: { TableName: tableName, Item: toItem(inv, codeHash), ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Put: {
          TableName: tableName,
          Item: {
            ...keys.invitationGuard(inv.electionId, inv.organizationId),
            entity: 'invitation-guard',
            schemaVersion: 1,
            invitationId: inv.id,
            createdAt: inv.createdAt,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      auditPut({
        at: now,
        actor,
        entityType: INVITATION_ENTITY,
        entityId: inv.id,
        action: 'issue',
        clause: '2.2',
        changes: diff(null, inv),
        detail: { codeGeneration: inv.codeGeneration, sentTo: mail.to ?? [] },
      }),
      outboxPut(mail, now),
      ...extra,
    ]);
  } catch (err) {
    if (err instanceof ConditionFailedError && err.failedIndexes.includes(1)) {
      throw new RuleViolationError(
        `organization ${inv.organizationId} is already invited to this election: one invitation per organization and election (2.2); reissue its access code instead`,
        'ALREADY_INVITED',
        '2.2',
      );
    }
    if (err instanceof ConditionFailedError && err.failedIndexes.length > 0 && !err.failedIndexes.includes(0)) {
      throw new ConcurrencyError('the proposal changed since it was read; reload it and try again');
    }
    throw err;
  }
}

/** Rotates the access code: new hash and generation, conditional on the generation read; old code dies. */
export async function rotateInvitationCode(
  before: InvitationRecord,
  codeHash: string,
  mail: OutboxMessage,
  actor: Actor,
  now: Date,
): Promise<InvitationRecord> {
  const at = now.toISOString();
  const after: InvitationRecord = {
    ...before,
    codeGeneration: before.codeGeneration + 1,
    codeIssuedAt: at,
    updatedAt: at,
    version: before.version + 1,
  };
  try {
    await transact([
      {
        Put: {
          TableName: config().tableName,
          Item: toItem(after, codeHash),
          ConditionExpression: 'codeGeneration = :g AND version = :v',
          ExpressionAttributeValues: { ':g': before.codeGeneration, ':v': before.version },
        },
      },
      auditPut({
        at: now,
        actor,
        entityType: INVITATION_ENTITY,
        entityId: before.id,
        action: 'reissue-code',
        clause: '2.5',
        changes: diff(before, after),
        detail: { sentTo: mail.to ?? [] },
      }),
      outboxPut(mail, now),
    ]);
  } catch (err) {
    if (err instanceof ConditionFailedError) throw new ConcurrencyError();
    throw err;
  }
  return after;
}
