/**
 * Invitation proposals (2.3): a non-profit specialised in elections or human rights proposes whom to
 * invite. A proposal is not an invitation; the CEC may turn it into one, or decline it.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { ConcurrencyError, NotFoundError, RuleViolationError } from '#domain/errors';
import type { Actor } from '#schemas/audit';
import type { Proposal, ProposalInput } from '#schemas/invitation';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';
import { auditPut, diff } from './audit';
import { indexKeys, indexPartitions, keys } from './keys';
import { type Page, queryPage } from './paging';
import { ConditionFailedError, type TransactItem, transact } from './transact';

export const PROPOSAL_ENTITY = 'proposal';
const NON_FIELDS = /^(pk|sk|gsi\d(pk|sk)|entity|schemaVersion)$/;

export type ProposalRecord = Proposal & { decisionNote?: string | null };

export function proposalFromItem(item: Record<string, unknown>): ProposalRecord {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !NON_FIELDS.test(k))) as ProposalRecord;
}

export function proposalItem(p: ProposalRecord): Record<string, unknown> {
  return { ...keys.proposal(p.id), ...indexKeys.proposal(p), entity: PROPOSAL_ENTITY, schemaVersion: 1, ...p };
}

export async function getProposal(id: string): Promise<ProposalRecord> {
  const out = await ddb.send(
    new GetCommand({ TableName: config().tableName, Key: keys.proposal(id), ConsistentRead: true }),
  );
  if (!out.Item) throw new NotFoundError('proposal', id);
  return proposalFromItem(out.Item);
}

export async function listProposalsOfElection(
  electionId: string,
  opts: { limit: number; cursor?: string },
): Promise<Page<ProposalRecord>> {
  const page = await queryPage<Record<string, unknown>>({
    index: 'gsi1',
    partition: indexPartitions.proposalsOfElection(electionId),
    limit: opts.limit,
    cursor: opts.cursor,
  });
  return { ...page, items: page.items.map(proposalFromItem) };
}

export async function createProposal(input: ProposalInput, actor: Actor, now: Date): Promise<ProposalRecord> {
  const at = now.toISOString();
  const p: ProposalRecord = {
    id: ulid(now.getTime()),
    ...input,
    status: 'proposed',
    invitationId: null,
    decisionNote: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await transact([
    { Put: { TableName: config().tableName, Item: proposalItem(p), ConditionExpression: 'attribute_not_exists(pk)' } },
    auditPut({
      at: now,
      actor,
      entityType: PROPOSAL_ENTITY,
      entityId: p.id,
      action: 'create',
      clause: '2.3',
      changes: diff(null, p),
    }),
  ]);
  return p;
}

function replacePut(before: ProposalRecord, after: ProposalRecord): TransactItem {
  return {
    Put: {
      TableName: config().tableName,
      Item: proposalItem(after),
      ConditionExpression: '#status = :proposed AND version = :v',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':proposed': 'proposed', ':v': before.version },
    },
  };
}

function assertOpen(p: ProposalRecord): void {
  if (p.status !== 'proposed') {
    throw new RuleViolationError(`proposal ${p.id} is already ${p.status} (2.3)`, 'PROPOSAL_CLOSED', '2.3');
  }
}

/** The actions that mark a proposal as turned into an invitation, for the invitation's transaction. */
export function proposalInvitedActions(before: ProposalRecord, invitationId: string, actor: Actor, now: Date) {
  assertOpen(before);
  const after: ProposalRecord = {
    ...before,
    status: 'invited',
    invitationId,
    updatedAt: now.toISOString(),
    version: before.version + 1,
  };
  return [
    replacePut(before, after),
    auditPut({
      at: now,
      actor,
      entityType: PROPOSAL_ENTITY,
      entityId: before.id,
      action: 'invite',
      clause: '2.3',
      changes: diff(before, after),
    }),
  ];
}

export async function declineProposal(
  id: string,
  input: { note: string; version: number },
  actor: Actor,
  now: Date,
): Promise<ProposalRecord> {
  const before = await getProposal(id);
  assertOpen(before);
  if (before.version !== input.version) throw new ConcurrencyError();
  const after: ProposalRecord = {
    ...before,
    status: 'declined',
    decisionNote: input.note,
    updatedAt: now.toISOString(),
    version: before.version + 1,
  };
  try {
    await transact([
      replacePut(before, after),
      auditPut({
        at: now,
        actor,
        entityType: PROPOSAL_ENTITY,
        entityId: id,
        action: 'decline',
        clause: '2.3',
        changes: diff(before, after),
      }),
    ]);
  } catch (err) {
    if (err instanceof ConditionFailedError) throw new ConcurrencyError();
    throw err;
  }
  return after;
}
