/**
 * The outbox: mail and certificates to produce, written in the same transaction as the decision that
 * calls for them (design principle 5). The table's stream delivers each new item to its consumer.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';
import { recordId } from './ids';
import { indexKeys, indexPartitions, keys } from './keys';
import { queryPage } from './paging';
import type { TransactItem } from './transact';

export type OutboxKind = 'email' | 'certificate';
/**
 * `sending`: claimed by the consumer under a lease, so a redelivered stream record never sends twice.
 * `failed`: a round of attempts ended; the redrive job sends it again when `nextAttemptAt` is due.
 * `parked`: still failing a day after its first attempt; left for staff (shared/mail/redrive.ts).
 */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'parked';
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['pending', 'sending', 'sent', 'failed', 'parked'];

export interface OutboxMessage {
  kind: OutboxKind;
  /** The template or renderer to use, e.g. `access-code`, `decision-accredited`, `certificate`. */
  template: string;
  /** Everything the renderer needs; no lookups of mutable state at send time where avoidable. */
  payload: Record<string, unknown>;
  /** Where mail goes; empty for certificates. */
  to?: string[];
  electionId?: string;
  entityId?: string;
}

export function outboxRecord(message: OutboxMessage, at: Date): Record<string, unknown> {
  const id = recordId(at.getTime());
  const createdAt = at.toISOString();
  const status: OutboxStatus = 'pending';
  return {
    ...keys.outbox(id),
    ...indexKeys.outbox({ id, status, createdAt }),
    entity: 'outbox',
    schemaVersion: 1,
    id,
    status,
    attempts: 0,
    createdAt,
    updatedAt: createdAt,
    lastError: null,
    ...message,
  };
}

export function outboxPut(message: OutboxMessage, at: Date): TransactItem {
  return { Put: { TableName: config().tableName, Item: outboxRecord(message, at) } };
}

/*
 * Delivery state of an outbox item (the consumer in functions/events/outbox-consumer.ts):
 * pending ──claim──▶ sending ──▶ sent
 *    ▲                  ├─(transient error, attempts left)─▶ pending (the stream redelivers the record)
 *    │                  └─(permanent error or last attempt)─▶ failed ──requeue (cec-admin)──▶ pending
 *    │                                                          ├─redrive job, nextAttemptAt due──▶ pending
 *    │                                                          └─redrive job, 24 h after the first attempt──▶ parked
 *    └───────────────── requeue (cec-admin) ◀───────────────────────────────────────────────────────── parked
 * Every step is a conditional write on the status and the attempt (or round) it was read at.
 */

export interface OutboxItem extends OutboxMessage {
  id: string;
  status: OutboxStatus;
  attempts: number;
  /** How many times staff put the item back after it failed (each is a new round of attempts). */
  retries?: number;
  leaseUntil?: string;
  /** The first attempt of all rounds: 24 h after it an item still failing is parked. */
  firstAttemptAt?: string;
  /** When the redrive job sends a `failed` item again (capped exponential backoff per round). */
  nextAttemptAt?: string;
  parkedAt?: string;
  createdAt: string;
  updatedAt: string;
  lastError: string | null;
  sentAt?: string;
  failedAt?: string;
  /** Why it was parked: `permanent` (the message itself is at fault) or `transient` (retries ran out). */
  failure?: 'permanent' | 'transient';
  sesMessageId?: string;
  /** For certificates: the rendered PDF's key in the certificates bucket. */
  objectKey?: string;
}

const OUTBOX_NON_FIELDS = /^(pk|sk|gsi\d(pk|sk)|entity|schemaVersion)$/;

export function outboxFromItem(item: Record<string, unknown>): OutboxItem {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !OUTBOX_NON_FIELDS.test(k))) as unknown as OutboxItem;
}

export async function findOutbox(id: string): Promise<OutboxItem | undefined> {
  const out = await ddb.send(
    new GetCommand({ TableName: config().tableName, Key: keys.outbox(id), ConsistentRead: true }),
  );
  return out.Item ? outboxFromItem(out.Item) : undefined;
}

/**
 * Claims a pending item for one attempt (or takes over one whose lease ran out after a crash).
 * Returns the claimed item, or the current item when someone else holds or finished it.
 */
export async function claimOutbox(
  id: string,
  now: Date,
  leaseMs: number,
): Promise<{ claimed: true; item: OutboxItem } | { claimed: false; item: OutboxItem | undefined }> {
  try {
    const out = await ddb.send(
      new UpdateCommand({
        TableName: config().tableName,
        Key: keys.outbox(id),
        UpdateExpression:
          'SET #status = :sending, gsi1pk = :gpk, attempts = if_not_exists(attempts, :zero) + :one, leaseUntil = :lease, updatedAt = :now, firstAttemptAt = if_not_exists(firstAttemptAt, :now)',
        ConditionExpression:
          'attribute_exists(pk) AND (#status = :pending OR (#status = :sending AND leaseUntil < :now))',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':pending': 'pending',
          ':gpk': indexPartitions.outboxByStatus('sending'),
          ':zero': 0,
          ':one': 1,
          ':lease': new Date(now.getTime() + leaseMs).toISOString(),
          ':now': now.toISOString(),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { claimed: true, item: outboxFromItem(out.Attributes ?? {}) };
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
    return { claimed: false, item: await findOutbox(id) };
  }
}

/** The condition every write of a claimed item carries: still ours, still this attempt. */
function heldBy(attempt: number) {
  return {
    ConditionExpression: '#status = :sending AND attempts = :attempt',
    names: { '#status': 'status' },
    values: { ':sending': 'sending', ':attempt': attempt },
  };
}

/** Marks a claimed item sent, as an action of the caller's transaction (with its audit entry). */
export function outboxSentUpdate(
  id: string,
  attempt: number,
  now: Date,
  fields: { sesMessageId?: string; objectKey?: string; removeSealedCode?: boolean },
): TransactItem {
  const held = heldBy(attempt);
  const sets = ['#status = :sent', 'gsi1pk = :gpk', 'sentAt = :now', 'updatedAt = :now', 'lastError = :null'];
  const values: Record<string, unknown> = {
    ...held.values,
    ':sent': 'sent',
    ':gpk': indexPartitions.outboxByStatus('sent'),
    ':now': now.toISOString(),
    ':null': null,
  };
  const names: Record<string, string> = { ...held.names };
  if (fields.sesMessageId) {
    sets.push('sesMessageId = :mid');
    values[':mid'] = fields.sesMessageId;
  }
  if (fields.objectKey) {
    sets.push('objectKey = :key');
    values[':key'] = fields.objectKey;
  }
  const removes = ['leaseUntil'];
  if (fields.removeSealedCode) {
    // The access code existed in clear only in the letter; its sealed form leaves the table now.
    names['#payload'] = 'payload';
    names['#sealed'] = 'sealedCode';
    removes.push('#payload.#sealed');
  }
  return {
    Update: {
      TableName: config().tableName,
      Key: keys.outbox(id),
      UpdateExpression: `SET ${sets.join(', ')} REMOVE ${removes.join(', ')}`,
      ConditionExpression: held.ConditionExpression,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * After a failed attempt: back to `pending` (the stream retries) or, when `final`, `failed`; a
 * transient failure then carries the time the redrive job sends it again (`nextAttemptAt`).
 */
export function outboxFailureUpdate(
  id: string,
  attempt: number,
  now: Date,
  error: string,
  final: boolean,
  permanent = false,
  nextAttemptAt?: Date,
): TransactItem {
  const held = heldBy(attempt);
  const status: OutboxStatus = final ? 'failed' : 'pending';
  const next = final && !permanent && nextAttemptAt ? nextAttemptAt.toISOString() : null;
  return {
    Update: {
      TableName: config().tableName,
      Key: keys.outbox(id),
      UpdateExpression: `SET #status = :to, gsi1pk = :gpk, lastError = :err, updatedAt = :now${final ? ', failedAt = :now, failure = :kind' : ''}${next ? ', nextAttemptAt = :next' : ''} REMOVE leaseUntil${next ? '' : ', nextAttemptAt'}`,
      ConditionExpression: held.ConditionExpression,
      ExpressionAttributeNames: held.names,
      ExpressionAttributeValues: {
        ...held.values,
        ':to': status,
        ':gpk': indexPartitions.outboxByStatus(status),
        ':err': error.slice(0, 1000),
        ':now': now.toISOString(),
        ...(final ? { ':kind': permanent ? 'permanent' : 'transient' } : {}),
        ...(next ? { ':next': next } : {}),
      },
    },
  };
}

/**
 * Puts an item back to `pending` for a new round of attempts: a failed or parked one, or one left `pending` or
 * `sending` for longer than `staleMs` (its stream record went to the dead-letter queue). The change of
 * `retries` is what tells the consumer that this MODIFY record is a new request to send.
 */
export function outboxRequeueUpdate(id: string, now: Date, staleMs: number): TransactItem {
  return {
    Update: {
      TableName: config().tableName,
      Key: keys.outbox(id),
      UpdateExpression:
        'SET #status = :pending, gsi1pk = :gpk, attempts = :zero, retries = if_not_exists(retries, :zero) + :one, updatedAt = :now, requeuedAt = :now REMOVE leaseUntil, failure, nextAttemptAt',
      ConditionExpression:
        'attribute_exists(pk) AND (#status = :failed OR #status = :parked OR ((#status = :pending OR #status = :sending) AND updatedAt < :stale))',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':pending': 'pending',
        ':failed': 'failed',
        ':parked': 'parked',
        ':sending': 'sending',
        ':gpk': indexPartitions.outboxByStatus('pending'),
        ':zero': 0,
        ':one': 1,
        ':now': now.toISOString(),
        ':stale': new Date(now.getTime() - staleMs).toISOString(),
      },
    },
  };
}

/** The condition on a `failed` item as the redrive job read it: still failed, still in the same round. */
function failedInRound(retries: number) {
  return {
    ConditionExpression: `#status = :failed AND ${retries === 0 ? '(attribute_not_exists(retries) OR retries = :round)' : 'retries = :round'}`,
    names: { '#status': 'status' },
    values: { ':failed': 'failed', ':round': retries },
  };
}

/**
 * The redrive job sends a failed item again: back to `pending` with a new round of attempts, only if
 * it is still failed in the round the job read and its `nextAttemptAt` is due. Two runs (or a run and
 * staff, or a run and the consumer's own redrive) racing for one item: one write wins, the other fails
 * its condition, so the stream sees one MODIFY and the consumer's claim sends it once.
 */
export function outboxRedriveUpdate(id: string, retries: number, now: Date): TransactItem {
  const held = failedInRound(retries);
  return {
    Update: {
      TableName: config().tableName,
      Key: keys.outbox(id),
      UpdateExpression:
        'SET #status = :pending, gsi1pk = :gpk, attempts = :zero, retries = :next, updatedAt = :now, requeuedAt = :now REMOVE leaseUntil, failure, nextAttemptAt',
      ConditionExpression: `${held.ConditionExpression} AND (attribute_not_exists(failure) OR failure <> :permanent) AND (attribute_not_exists(nextAttemptAt) OR nextAttemptAt <= :now)`,
      ExpressionAttributeNames: held.names,
      ExpressionAttributeValues: {
        ...held.values,
        ':pending': 'pending',
        ':permanent': 'permanent',
        ':gpk': indexPartitions.outboxByStatus('pending'),
        ':zero': 0,
        ':next': retries + 1,
        ':now': now.toISOString(),
      },
    },
  };
}

/** The redrive job parks a failed item (still failed in the round it read): staff take it from here. */
export function outboxParkUpdate(id: string, retries: number, now: Date): TransactItem {
  const held = failedInRound(retries);
  return {
    Update: {
      TableName: config().tableName,
      Key: keys.outbox(id),
      UpdateExpression: 'SET #status = :parked, gsi1pk = :gpk, parkedAt = :now, updatedAt = :now REMOVE nextAttemptAt',
      ConditionExpression: held.ConditionExpression,
      ExpressionAttributeNames: held.names,
      ExpressionAttributeValues: {
        ...held.values,
        ':parked': 'parked',
        ':gpk': indexPartitions.outboxByStatus('parked'),
        ':now': now.toISOString(),
      },
    },
  };
}

/** Items in one delivery state, newest first (the staff's view of the outbox). */
export async function listOutbox(status: OutboxStatus, opts: { limit: number; cursor?: string }) {
  const page = await queryPage<Record<string, unknown>>({
    index: 'gsi1',
    partition: indexPartitions.outboxByStatus(status),
    limit: opts.limit,
    cursor: opts.cursor,
    descending: true,
  });
  return { ...page, items: page.items.map(outboxFromItem) };
}
