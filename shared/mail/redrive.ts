/**
 * The redrive of failed mail (design principle 5: nothing is lost). A round of attempts that ends in
 * a transient failure (SES unreachable or throttling) leaves the item `failed` with `nextAttemptAt`:
 * 1 minute after the first round, then 2, 4, 8, 16, and 30 minutes after every later round. The job
 * `redrive-mail` (every minute, shared/wiring/schedules.ts) puts due items back to `pending`; the
 * stream brings them to the consumer, whose claim sends each once. An item still failing 24 hours
 * after its first attempt is `parked` instead: counted (MailParked, which has an alarm), audited,
 * and shown to staff on the dashboard, who can send it again from the outbox.
 * Items that failed for a fault of their own (`failure: permanent`) are never redriven: staff look.
 */
import { auditPut, systemActor } from '#data/audit';
import { indexPartitions } from '#data/keys';
import { type OutboxItem, outboxFromItem, outboxParkUpdate, outboxRedriveUpdate } from '#data/outbox';
import { queryPage } from '#data/paging';
import { ConditionFailedError, transact } from '#data/transact';
import { countMetric } from '#runtime/metrics';
import type { JobContext, JobResult } from '#jobs/context';

export const REDRIVE_MAIL_JOB = 'redrive-mail';
const actor = systemActor(REDRIVE_MAIL_JOB);

export const REDRIVE_BASE_MS = 60_000;
export const REDRIVE_CAP_MS = 30 * 60_000;
/** An item still failing this long after its first attempt is parked for staff. */
export const PARK_AFTER_MS = 24 * 60 * 60_000;

/** The wait after round `round` (0 = the first round) failed: 1, 2, 4 … minutes, at most 30. */
export function redriveDelayMs(round: number): number {
  const r = Math.max(0, Math.min(Math.floor(round), 20));
  return Math.min(REDRIVE_BASE_MS * 2 ** r, REDRIVE_CAP_MS);
}

export type RedriveDecision = 'redrive' | 'park' | 'wait' | 'leave';

/** What the job does with a failed item at `now`. */
export function redriveDecision(item: OutboxItem, now: Date): RedriveDecision {
  if (item.status !== 'failed' || item.failure === 'permanent') return 'leave';
  const first = Date.parse(item.firstAttemptAt ?? item.createdAt);
  if (Number.isFinite(first) && now.getTime() - first >= PARK_AFTER_MS) return 'park';
  // An item failed before `nextAttemptAt` existed is due at once.
  const next = item.nextAttemptAt ? Date.parse(item.nextAttemptAt) : Number.NEGATIVE_INFINITY;
  return next <= now.getTime() ? 'redrive' : 'wait';
}

export interface RedriveResult extends JobResult {
  redriven: number;
  parked: number;
  waiting: number;
  /** Items someone else moved between the read and the write (another run, staff, the consumer). */
  raced: number;
}

async function redrive(item: OutboxItem, now: Date): Promise<boolean> {
  const round = item.retries ?? 0;
  try {
    await transact([
      outboxRedriveUpdate(item.id, round, now),
      auditPut({
        at: now,
        actor,
        entityType: 'outbox',
        entityId: item.id,
        action: 'redrive',
        changes: { status: { from: 'failed', to: 'pending' } },
        detail: { template: item.template, round: round + 1, lastError: item.lastError ?? null },
      }),
    ]);
    return true;
  } catch (err) {
    if (err instanceof ConditionFailedError) return false;
    throw err;
  }
}

async function park(item: OutboxItem, now: Date): Promise<boolean> {
  try {
    await transact([
      outboxParkUpdate(item.id, item.retries ?? 0, now),
      auditPut({
        at: now,
        actor,
        entityType: 'outbox',
        entityId: item.id,
        action: 'parked',
        changes: { status: { from: 'failed', to: 'parked' } },
        detail: {
          template: item.template,
          rounds: (item.retries ?? 0) + 1,
          firstAttemptAt: item.firstAttemptAt ?? item.createdAt,
          lastError: item.lastError ?? null,
        },
      }),
    ]);
    countMetric('MailParked');
    return true;
  } catch (err) {
    if (err instanceof ConditionFailedError) return false;
    throw err;
  }
}

/**
 * One run: every failed item, oldest first, a page at a time until the budget is spent. No checkpoint
 * is needed: what the run handles leaves the `failed` partition, and what is left is read again by the
 * next run. However late or often it runs (a moved clock, a retried invocation), it handles what is
 * due at `ctx.now` once: every write is conditional on the item's status and round.
 */
export async function redriveMail(ctx: JobContext): Promise<RedriveResult> {
  const result: RedriveResult = {
    job: REDRIVE_MAIL_JOB,
    done: true,
    changed: 0,
    scopes: [],
    redriven: 0,
    parked: 0,
    waiting: 0,
    raced: 0,
  };
  let cursor: string | undefined;
  do {
    if (Date.now() > ctx.deadline && cursor) {
      result.done = false;
      break;
    }
    const page = await queryPage<Record<string, unknown>>({
      index: 'gsi1',
      partition: indexPartitions.outboxByStatus('failed'),
      limit: ctx.pageSize ?? 100,
      cursor,
    });
    for (const item of page.items.map(outboxFromItem)) {
      const decision = redriveDecision(item, ctx.now);
      if (decision === 'wait') result.waiting++;
      if (decision === 'redrive') {
        if (await redrive(item, ctx.now)) result.redriven++;
        else result.raced++;
      }
      if (decision === 'park') {
        if (await park(item, ctx.now)) result.parked++;
        else result.raced++;
      }
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  result.changed = result.redriven + result.parked;
  return result;
}
