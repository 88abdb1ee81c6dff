/**
 * The staff's view of the outbox: what is pending, being sent, sent or failed, with attempts and the
 * last error; and putting failed items back for a new round of attempts (each one audited). The
 * payload never leaves the table here: it may hold a sealed access code.
 */
import { ConflictError } from './outbox-errors';
import { NotFoundError } from '#domain/errors';
import { auditPut } from '#data/audit';
import { type OutboxItem, type OutboxStatus, findOutbox, listOutbox, outboxRequeueUpdate } from '#data/outbox';
import { queryPage } from '#data/paging';
import { indexPartitions } from '#data/keys';
import { ConditionFailedError, transact } from '#data/transact';
import type { Actor } from '#schemas/audit';
import type { OutboxTrouble, OutboxView } from '#schemas/publication';

/** An item left `pending` or `sending` this long without progress may be put back by hand. */
export const STUCK_AFTER_MS = 15 * 60 * 1000;

export function outboxView(i: OutboxItem): OutboxView {
  return {
    id: i.id,
    kind: i.kind,
    template: i.template,
    status: i.status,
    attempts: i.attempts ?? 0,
    retries: i.retries ?? 0,
    to: i.to ?? [],
    electionId: i.electionId ?? null,
    entityId: i.entityId ?? null,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    sentAt: i.sentAt ?? null,
    failedAt: i.failedAt ?? null,
    lastError: i.lastError ?? null,
    failure: i.failure ?? null,
    sesMessageId: i.sesMessageId ?? null,
    objectKey: i.objectKey ?? null,
    nextAttemptAt: i.status === 'failed' ? (i.nextAttemptAt ?? null) : null,
    parkedAt: i.status === 'parked' ? (i.parkedAt ?? null) : null,
  };
}

/** At most this many items of one status are counted per look (two Query pages of 1000 each). */
const TROUBLE_COUNT_LIMIT = 2000;

async function countOf(
  status: 'failed' | 'parked',
  each: (item: Record<string, unknown>) => void,
): Promise<{ count: number; more: boolean }> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await queryPage<Record<string, unknown>>({
      index: 'gsi1',
      partition: indexPartitions.outboxByStatus(status),
      limit: 1000,
      cursor,
    });
    for (const item of page.items) each(item);
    count += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor && count < TROUBLE_COUNT_LIMIT);
  return { count, more: cursor !== undefined };
}

/** Mail in trouble (the staff dashboard): failed items, those waiting for the redrive and when, parked ones. */
export async function outboxTrouble(): Promise<OutboxTrouble> {
  let waiting = 0;
  let next: string | null = null;
  const failed = await countOf('failed', (item) => {
    if (item.failure === 'permanent' || typeof item.nextAttemptAt !== 'string') return;
    waiting++;
    if (next === null || item.nextAttemptAt < next) next = item.nextAttemptAt;
  });
  const parked = await countOf('parked', () => {});
  return {
    failed: failed.count,
    waiting,
    nextAttemptAt: next,
    parked: parked.count,
    more: failed.more || parked.more,
  };
}

export async function outboxList(status: OutboxStatus, opts: { limit: number; cursor?: string }) {
  const page = await listOutbox(status, opts);
  return { data: page.items.map(outboxView), nextCursor: page.nextCursor };
}

/** Puts one item back to pending; the stream's MODIFY record brings it to the consumer again. */
export async function requeueOutbox(id: string, actor: Actor, now: Date): Promise<OutboxView> {
  const before = await findOutbox(id);
  if (!before) throw new NotFoundError('outbox item', id);
  try {
    await transact([
      outboxRequeueUpdate(id, now, STUCK_AFTER_MS),
      auditPut({
        at: now,
        actor,
        entityType: 'outbox',
        entityId: id,
        action: 'retry',
        changes: { status: { from: before.status, to: 'pending' } },
        detail: { template: before.template, attempts: before.attempts, lastError: before.lastError ?? null },
      }),
    ]);
  } catch (err) {
    if (!(err instanceof ConditionFailedError)) throw err;
    const current = await findOutbox(id);
    if (!current) throw new NotFoundError('outbox item', id);
    throw new ConflictError(
      current.status === 'sent'
        ? `outbox item ${id} was sent already (${current.sentAt ?? 'earlier'}); it is not sent twice`
        : `outbox item ${id} is ${current.status} and still being delivered; it can be sent again once failed, or after ${STUCK_AFTER_MS / 60000} minutes without progress`,
    );
  }
  const after = await findOutbox(id);
  return outboxView(after ?? before);
}

/**
 * Puts up to `max` failed items back (oldest first); says whether more are left. The consumer's redrive
 * after an outage passes `transientOnly` (SES was unreachable, not a bad message) and a cap on rounds,
 * so a message that keeps failing is left for staff to look at.
 */
export async function requeueFailed(
  actor: Actor,
  now: Date,
  opts: { max?: number; transientOnly?: boolean; maxRetries?: number } = {},
): Promise<{ requeued: number; more: boolean }> {
  const max = opts.max ?? 100;
  const eligible = (item: Record<string, unknown>) =>
    !(opts.transientOnly && item.failure === 'permanent') &&
    !(opts.maxRetries !== undefined && Number(item.retries ?? 0) >= opts.maxRetries);
  let requeued = 0;
  let cursor: string | undefined;
  // Parked letters that are not eligible are stepped over, a few pages at most per call.
  for (let pages = 0; pages < 5 && requeued < max; pages++) {
    const page = await queryPage<Record<string, unknown>>({
      index: 'gsi1',
      partition: indexPartitions.outboxByStatus('failed'),
      limit: 100,
      cursor,
    });
    for (const item of page.items) {
      if (requeued >= max) return { requeued, more: true };
      if (!eligible(item)) continue;
      try {
        await requeueOutbox(String(item.id), actor, now);
        requeued++;
      } catch (err) {
        // Someone else put it back in the meantime: nothing is lost, move on.
        if (!(err instanceof ConflictError)) throw err;
      }
    }
    cursor = page.nextCursor ?? undefined;
    if (!cursor) return { requeued, more: false };
  }
  return { requeued, more: cursor !== undefined };
}
