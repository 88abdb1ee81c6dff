/**
 * An SES outage while a resolution is adopted loses no email (design principle 5). The outbox consumer
 * is fed by the table's real stream (the twin's poller: batches, ReportBatchItemFailures, retries, dead
 * letters), SES is stopped during the adoption and started again afterwards; every letter arrives once.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOutbox, listOutbox } from '#data/outbox';
import { adoptResolution } from '#decisions/adoption';
import { createDraft, setItems } from '#decisions/composition';
import { DeadLetters } from '#local/dead-letters';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '#local/dynamodb-local';
import { type StreamPoller, startStreamPoller } from '#local/streams';
import { requeueOutbox } from '#mail/outbox-admin';
import { MAX_ATTEMPTS } from '#mail/outbox-worker';
import { streamConsumers } from '#wiring/consumers';
import { config, resetConfig } from '#runtime/config';
import {
  NOW,
  TODAY,
  adminActor,
  clockAt,
  personOf,
  reviewerActor,
  seedElection,
  seedOrganization,
  seedPeople,
} from './decisions-fixtures';
import {
  type LocalSes,
  createBuckets,
  freePort,
  mailStore,
  seedPhoto,
  startS3,
  startSes,
} from './publication-fixtures';
import { scopeElection } from './publication-scoped-consumer';

let ses: LocalSes;
let s3: { stop(): Promise<void> };
let poller: StreamPoller;
const deadLetters = new DeadLetters();

beforeAll(async () => {
  process.env.OUTBOX_RETRY_DELAY_MS = '0';
  const [sesPort, s3Port] = [await freePort(), await freePort()];
  process.env.AWS_ENDPOINT_URL_SESV2 = `http://127.0.0.1:${sesPort}`;
  process.env.AWS_ENDPOINT_URL_S3 = `http://127.0.0.1:${s3Port}`;
  process.env.S3_FORCE_PATH_STYLE = 'true';
  resetConfig();
  ses = await startSes(sesPort);
  s3 = await startS3(s3Port);
  await createBuckets();
  const outbox = streamConsumers.find((c) => c.name === 'outbox')!;
  poller = await startStreamPoller({
    endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB!,
    tableName: config().tableName,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    consumers: [{ ...outbox, handler: fileURLToPath(new URL('./publication-scoped-consumer.ts', import.meta.url)) }],
    deadLetters,
    pollMs: 100,
    retryBaseMs: 20,
  });
});

afterAll(async () => {
  await poller?.stop();
  await ses?.stop().catch(() => undefined);
  await s3?.stop();
});

async function until<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function outboxOf(electionId: string, status: 'pending' | 'sending' | 'sent' | 'failed') {
  const items = [];
  let cursor: string | undefined;
  do {
    const page = await listOutbox(status, { limit: 200, cursor });
    items.push(...page.items.filter((i) => i.electionId === electionId));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

describe('an SES outage during an adoption', () => {
  it('parks the letters as failed; once SES answers again every one arrives, exactly once', async () => {
    // Prepare: an election, an organization writing in Russian, two to accredit (with photos), one to refuse.
    const e = await seedElection();
    scopeElection(e.id);
    const org = await seedOrganization(`Outage Mission ${Date.now()}`, 'FR', 'ru');
    const people = [0, 1, 2].map((i) =>
      personOf(e, org, i, { email: `outage-${e.id.toLowerCase()}-${i}@example.net` }),
    );
    await seedPeople(people);
    for (const p of people.slice(0, 2)) await seedPhoto(p);
    const r = await createDraft(
      e.id,
      { number: `O-${Date.now()}`, adoptedOn: TODAY, kind: 'accreditation' },
      reviewerActor,
      NOW,
    );
    await setItems(
      r.id,
      [
        { personId: people[0]!.id, decision: 'accredit' },
        { personId: people[1]!.id, decision: 'accredit' },
        { personId: people[2]!.id, decision: 'refuse', ground: 'AIMS_CONTRARY_TO_LAW', reason: 'Устав организации' },
      ],
      reviewerActor,
      NOW,
    );

    // Act: SES goes down, the resolution is adopted.
    await ses.stop();
    await adoptResolution(r.id, adminActor, clockAt());

    // Assess: the certificates are rendered (S3 is up), and all three letters end up parked as failed.
    const failed = await until('three failed letters', async () => {
      const items = await outboxOf(e.id, 'failed');
      return items.length === 3 ? items : undefined;
    });
    expect(failed.map((i) => i.template).sort()).toEqual([
      'decision-accredited',
      'decision-accredited',
      'decision-refused',
    ]);
    for (const item of failed) {
      expect(item.attempts).toBe(MAX_ATTEMPTS);
      expect(item.lastError).toMatch(/ECONNREFUSED|connect|socket/i);
    }
    expect((await outboxOf(e.id, 'sent')).map((i) => i.template)).toEqual(['certificate', 'certificate']);
    // Parked by the consumer, not dropped by the stream.
    expect(deadLetters.list().filter((d) => JSON.stringify(d.event).includes(e.id))).toHaveLength(0);

    // SES is back. Staff send one letter again (the button on the outbox page); its success tells the
    // consumer that SES answers, and it puts the other parked letters back by itself.
    await ses.start();
    await requeueOutbox(failed[0]!.id, adminActor, new Date());
    await until('all letters sent', async () => (await outboxOf(e.id, 'sent')).length === 5);
    await new Promise((r) => setTimeout(r, 1500)); // any duplicate would have arrived by now

    const mails = await mailStore(ses.url);
    for (const [i, p] of people.entries()) {
      // A raw message's To header is one entry in the store: "org@…, person@…".
      const mine = mails.filter((m) => m.destination.to.join(', ').includes(p.email));
      expect(mine, `letters to person ${i}`).toHaveLength(1);
      expect(mine[0]!.destination.to.join(', ')).toContain(org.contactEmail);
      if (i < 2) {
        expect(mine[0]!.subject).toMatch(/^Аккредитация предоставлена: .*удостоверение № 2027-PR-/);
        expect(mine[0]!.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
      } else {
        expect(mine[0]!.subject).toMatch(/^Отказ в аккредитации: /);
        expect(mine[0]!.body.text).toContain('Устав организации');
        expect(mine[0]!.body.text).toContain('пункт 3.9 Положения');
      }
    }
    for (const item of failed) expect((await findOutbox(item.id))?.retries).toBeGreaterThanOrEqual(1);
  });
});
