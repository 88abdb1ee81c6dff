/**
 * The outbox consumer's work (design principle 5: nothing is lost). For each stream record of a
 * pending outbox item: claim it (conditional write, so a redelivered record never sends twice), produce
 * it (an email through SES, or a certificate PDF into S3 followed by its accreditation email), and
 * mark it sent in the same transaction as its audit entry. A transient failure puts the item back to
 * `pending` and reports the record, so the stream delivers it again; a permanent failure, or the last
 * attempt, parks it as `failed`, where staff see it (GET /v1/admin/outbox?status=failed) and can send
 * it again (POST /v1/admin/outbox/{id}/retry). A transient failure is also sent again by itself: the
 * item carries `nextAttemptAt` and the redrive job (./redrive.ts) puts it back when that is due.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { auditPut, systemActor } from '#data/audit';
import { type OutboxItem, claimOutbox, outboxFailureUpdate, outboxSentUpdate } from '#data/outbox';
import { type TransactItem, transact } from '#data/transact';
import { streamConsumers } from '#wiring/consumers';
import type { Clock } from '#domain/clock';
import { logger } from '#runtime/logger';
import { countMetric } from '#runtime/metrics';
import { issueCertificate } from '#pdf/issue';
import { PermanentMailError } from './context';
import { requeueFailed } from './outbox-admin';
import { redriveDelayMs } from './redrive';
import { renderEmail } from './render';
import { PermanentSendError, sendEmail } from './send';

export const OUTBOX_CONSUMER = 'outbox-consumer';
const actor = systemActor(OUTBOX_CONSUMER);

/** Attempts per round: one less than the stream's retries, so the item is parked before the stream gives up. */
export const MAX_ATTEMPTS = Math.max(1, streamConsumers.find((c) => c.name === 'outbox')?.maxRetries ?? 5);
/** A claim lasts longer than any one attempt (render + SES call) can take. */
export const LEASE_MS = 2 * 60 * 1000;

export type Outcome = 'skipped' | 'sent' | 'retry' | 'failed' | 'busy';

function imageOf(image: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  return image ? unmarshall(image as Record<string, AttributeValue>) : undefined;
}

/**
 * Whether a stream record asks for work: a new pending item (INSERT), or an item staff put back
 * (MODIFY to `pending` with a changed `retries`). The consumer's own status changes are MODIFYs too
 * and are ignored here.
 */
export function wantedItem(record: DynamoDBRecord): { id: string } | null {
  const next = imageOf(record.dynamodb?.NewImage as Record<string, unknown> | undefined);
  if (next?.entity !== 'outbox' || next.status !== 'pending' || typeof next.id !== 'string') return null;
  if (record.eventName === 'INSERT') return { id: next.id };
  if (record.eventName === 'MODIFY') {
    const before = imageOf(record.dynamodb?.OldImage as Record<string, unknown> | undefined);
    if ((before?.retries ?? 0) !== (next.retries ?? 0)) return { id: next.id };
  }
  return null;
}

function describe(err: unknown): string {
  const e = err as Error;
  return `${e?.name ?? 'Error'}: ${e?.message ?? String(err)}`;
}

function isPermanent(err: unknown): boolean {
  return err instanceof PermanentMailError || err instanceof PermanentSendError;
}

async function produce(item: OutboxItem, now: Date): Promise<TransactItem[]> {
  if (item.kind === 'certificate') {
    const issued = await issueCertificate(item, now);
    return [
      outboxSentUpdate(item.id, item.attempts, now, { objectKey: issued.objectKey }),
      ...issued.actions,
      auditPut({
        at: now,
        actor,
        entityType: 'outbox',
        entityId: item.id,
        action: 'certificate-rendered',
        clause: '3.4',
        detail: { template: item.template, objectKey: issued.objectKey, electionId: item.electionId ?? null },
      }),
    ];
  }
  const email = await renderEmail(item);
  const messageId = await sendEmail(item.id, item.template, email, now);
  return [
    outboxSentUpdate(item.id, item.attempts, now, {
      sesMessageId: messageId,
      removeSealedCode: item.template === 'access-code',
    }),
    auditPut({
      at: now,
      actor,
      entityType: 'outbox',
      entityId: item.id,
      action: 'email-sent',
      detail: {
        template: item.template,
        sesMessageId: messageId,
        recipients: email.to.length,
        languages: email.languages,
        subjectEntityId: item.entityId ?? null,
      },
    }),
  ];
}

/** One outbox item, start to end. Never throws for a failure of the item itself: it says what happened. */
export async function processOutboxItem(id: string, clock: Clock): Promise<Outcome> {
  const claim = await claimOutbox(id, clock.now(), LEASE_MS);
  if (!claim.claimed) {
    // Sent or failed already (a redelivery): nothing to do. Held by a live lease: try again later.
    return claim.item?.status === 'sending' ? 'busy' : 'skipped';
  }
  const item = claim.item;
  try {
    const actions = await produce(item, clock.now());
    await transact(actions);
    logger.info('outbox item done', { outboxId: id, template: item.template, attempt: item.attempts });
    if (item.kind === 'email') countMetric('MailSent');
    return 'sent';
  } catch (err) {
    const permanent = isPermanent(err);
    const final = permanent || item.attempts >= MAX_ATTEMPTS;
    const message = `attempt ${item.attempts}: ${describe(err)}`;
    logger.warn('outbox item failed', { outboxId: id, template: item.template, final, error: message });
    const now = clock.now();
    const nextAttemptAt = new Date(now.getTime() + redriveDelayMs(item.retries ?? 0));
    await transact([
      outboxFailureUpdate(id, item.attempts, now, message, final, permanent, nextAttemptAt),
      ...(final
        ? [
            auditPut({
              at: now,
              actor,
              entityType: 'outbox',
              entityId: id,
              action: 'failed',
              detail: {
                template: item.template,
                attempts: item.attempts,
                error: message,
                permanent,
                nextAttemptAt: permanent ? null : nextAttemptAt.toISOString(),
              },
            }),
          ]
        : []),
    ]);
    if (final && item.kind === 'email') countMetric('MailFailed');
    return final ? 'failed' : 'retry';
  }
}

export interface BatchResult {
  batchItemFailures: { itemIdentifier: string }[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A DynamoDB Streams batch. Records are handled one by one (a batch is at most 10); those to be tried
 * again are reported by sequence number, and Lambda redelivers from the first of them. Before
 * reporting, the function waits a little (growing with the attempt), so that retries are spread
 * over a few seconds rather than spent at once.
 */
export async function handleOutboxRecords(records: DynamoDBRecord[], clock: Clock): Promise<BatchResult> {
  const failures: { itemIdentifier: string }[] = [];
  let backoff = 0;
  let sent = 0;
  for (const record of records) {
    const wanted = wantedItem(record);
    if (!wanted) continue;
    const seq = record.dynamodb?.SequenceNumber ?? '';
    try {
      const outcome = await processOutboxItem(wanted.id, clock);
      if (outcome === 'sent') sent++;
      if (outcome === 'retry' || outcome === 'busy') {
        failures.push({ itemIdentifier: seq });
        backoff = Math.max(backoff, retryDelayMs());
      }
    } catch (err) {
      // The table itself failed us (throttling, network): leave the item as it is and retry the record.
      logger.error('outbox record could not be handled', { error: err as Error, sequenceNumber: seq });
      failures.push({ itemIdentifier: seq });
      backoff = Math.max(backoff, retryDelayMs());
    }
  }
  if (sent > 0 && failures.length === 0) await redriveAfterRecovery(clock);
  if (backoff > 0) await sleep(backoff);
  return { batchItemFailures: failures };
}

/** Rounds of redrive a letter gets before it is left for staff (12 rounds of 5 attempts). */
export const REDRIVE_MAX_ROUNDS = 12;

/**
 * SES answers again: letters parked during the outage (failed for want of SES, not for a fault of
 * their own) are put back to pending, a batch at a time, so an outage ends with every letter sent
 * without anyone pressing a button. Their MODIFY records bring them back here. A failure of this
 * bookkeeping never fails the batch: staff still see the parked letters and can send them again.
 */
async function redriveAfterRecovery(clock: Clock): Promise<void> {
  try {
    const { requeued } = await requeueFailed(actor, clock.now(), {
      max: 25,
      transientOnly: true,
      maxRetries: REDRIVE_MAX_ROUNDS,
    });
    if (requeued > 0) logger.info('outbox: letters parked during an outage put back', { requeued });
  } catch (err) {
    logger.warn('outbox: redrive after recovery failed', { error: err as Error });
  }
}

function retryDelayMs(): number {
  const value = Number(process.env.OUTBOX_RETRY_DELAY_MS ?? '500');
  return Number.isFinite(value) && value >= 0 ? Math.min(value, 10_000) : 500;
}
