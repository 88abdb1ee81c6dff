/**
 * The redrive of failed mail after an SES outage (design principle 5: nothing is lost), with no
 * staff action: the local SES is stopped, letters spend their attempts and end `failed`; SES comes
 * back, the twin's clock moves on, the `redrive-mail` schedule puts them back and the consumer sends
 * each exactly once, however the redrive and the stream's records race. A clock moved by days runs the
 * job once, and a letter still failing 24 hours after its first attempt is parked, counted and audited.
 * The stream is played by hand (the records DynamoDB Streams would deliver, delivered twice), so that
 * nothing here waits on timing. The suite has a table of its own: the job walks every failed item.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { keys } from '#data/keys';
import { type OutboxItem, findOutbox, outboxFromItem } from '#data/outbox';
import { queryAll } from '#data/paging';
import { occurrences } from '#local/cron';
import { type Firing, type Scheduler, startScheduler } from '#local/scheduler';
import { outboxTrouble } from '#mail/outbox-admin';
import { MAX_ATTEMPTS, handleOutboxRecords } from '#mail/outbox-worker';
import { PARK_AFTER_MS, REDRIVE_CAP_MS, type RedriveResult, redriveDelayMs, redriveMail } from '#mail/redrive';
import { ddb } from '#runtime/clients';
import { clock, resetClock, setNow } from '#runtime/clock';
import { config, resetConfig } from '#runtime/config';
import { metrics } from '#runtime/metrics';
import { schedules } from '#wiring/schedules';
import { useOwnTable } from './jobs-fixtures';
import {
  type LocalSes,
  freePort,
  mailStore,
  putOutbox,
  seedElection,
  seedOrganization,
  startSes,
  streamRecord,
} from './publication-fixtures';

const T0 = new Date('2027-03-02T06:00:00Z');
const MINUTE = 60_000;
const redriveRow = schedules.find((s) => s.name === 'redrive-mail');

let ses: LocalSes;
let sesRunning = false;
let scheduler: Scheduler;

/** The outage: the local SES stops answering (connection refused), as in the publication-outage suite. */
async function sesDown(): Promise<void> {
  if (sesRunning) await ses.stop();
  sesRunning = false;
}

async function sesUp(): Promise<void> {
  if (!sesRunning) await ses.start();
  sesRunning = true;
}

beforeAll(async () => {
  process.env.OUTBOX_RETRY_DELAY_MS = '0';
  await useOwnTable('redrive');
  const sesPort = await freePort();
  process.env.AWS_ENDPOINT_URL_SESV2 = `http://127.0.0.1:${sesPort}`;
  resetConfig();
  ses = await startSes(sesPort);
  sesRunning = true;
});

afterEach(async () => {
  scheduler?.stop();
  resetClock();
  await sesUp();
  vi.restoreAllMocks();
});

afterAll(async () => {
  resetClock();
  await sesDown();
});

/** The scheduler of the twin with the schedule table's redrive row, its clock at `at`. */
function schedulerAt(at: Date): Scheduler {
  expect(redriveRow, 'the schedule table has a redrive-mail row').toBeDefined();
  setNow(at);
  scheduler = startScheduler({ rows: [redriveRow!], region: 'eu-central-1', timerMs: 0 });
  return scheduler;
}

async function rawItem(id: string): Promise<Record<string, unknown>> {
  const out = await ddb.send(
    new GetCommand({ TableName: config().tableName, Key: keys.outbox(id), ConsistentRead: true }),
  );
  return out.Item ?? {};
}

async function letters(count: number, tag: string): Promise<{ id: string; to: string; record: DynamoDBRecord }[]> {
  const election = await seedElection();
  const org = await seedOrganization('ru');
  const out = [];
  for (let i = 0; i < count; i++) {
    const to = `${tag}-${i}-${Date.now().toString(36)}@example.net`;
    const { id, record } = await putOutbox(
      {
        kind: 'email',
        template: 'reminder',
        to: [to],
        electionId: election.id,
        payload: {
          lang: 'ru',
          electionId: election.id,
          organizationId: org.id,
          applicationId: `APP${i}`,
          daysLeft: 3,
          lastAccreditationDay: '2027-03-11',
        },
      },
      clock.now(),
    );
    out.push({ id, to, record });
  }
  return out;
}

/** The stream delivers a record again and again (as Lambda does on reported failures) until the round ends. */
async function deliverRound(record: DynamoDBRecord, id: string): Promise<OutboxItem> {
  for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
    await handleOutboxRecords([record], clock);
    const item = await findOutbox(id);
    if (item?.status === 'failed' || item?.status === 'sent') return item;
  }
  throw new Error(`outbox item ${id} neither failed nor was sent after ${MAX_ATTEMPTS + 2} deliveries`);
}

/** The MODIFY record the table emits for a change from `before` to the item as it is now. */
async function modifyRecord(id: string, before: Record<string, unknown>): Promise<DynamoDBRecord> {
  return streamRecord('MODIFY', await rawItem(id), before);
}

function redriveFirings(fired: Firing[]) {
  return fired.filter((f) => f.schedule === 'redrive-mail');
}

describe('the redrive of failed mail', () => {
  it('sends the letters of an outage again by itself once SES is back, each exactly once', async () => {
    const s = schedulerAt(T0);
    const mail = await letters(3, 'redrive');

    // SES is down: every letter spends its attempts and is left failed, due again in a minute.
    await sesDown();
    const failed = [];
    for (const m of mail) failed.push(await deliverRound(m.record, m.id));
    for (const item of failed) {
      expect(item.status).toBe('failed');
      expect(item.failure).toBe('transient');
      expect(item.attempts).toBe(MAX_ATTEMPTS);
      expect(Date.parse(item.nextAttemptAt!) - Date.parse(item.failedAt!)).toBe(redriveDelayMs(0));
    }
    const before = await Promise.all(mail.map((m) => rawItem(m.id)));
    // Staff see them on the dashboard as mail in trouble, with the next attempt (this suite's own table).
    expect(await outboxTrouble()).toEqual({
      failed: 3,
      waiting: 3,
      nextAttemptAt: failed.map((i) => i.nextAttemptAt!).sort()[0],
      parked: 0,
      more: false,
    });

    // SES is back. Half a minute on, nothing is due yet; the job leaves them.
    await sesUp();
    const early = await s.advance(30_000);
    expect(redriveFirings(early.fired)).toHaveLength(0);
    const look = await s.runNow('redrive-mail');
    expect(look.result).toMatchObject({ redriven: 0, waiting: 3, parked: 0 });

    // Two minutes on: one firing of the schedule puts all three back, no one pressed a button.
    const later = await s.advance(2 * MINUTE);
    const runs = redriveFirings(later.fired);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.status).toBe('ok');
    expect(runs[0]!.result).toMatchObject({ redriven: 3, parked: 0, done: true });
    // Running it again right away (a retried invocation) changes nothing.
    expect((await s.runNow('redrive-mail')).result).toMatchObject({ redriven: 0, raced: 0 });

    // The stream brings each MODIFY to the consumer, twice at once and once more later (redelivery).
    for (const [i, m] of mail.entries()) {
      const record = await modifyRecord(m.id, before[i]!);
      await Promise.all([handleOutboxRecords([record], clock), handleOutboxRecords([record], clock)]);
      await handleOutboxRecords([record], clock);
      // The old INSERT arriving late finds the letter sent.
      await handleOutboxRecords([m.record], clock);
    }

    const store = await mailStore(ses.url);
    for (const m of mail) {
      const item = await findOutbox(m.id);
      expect(item?.status).toBe('sent');
      expect(item?.retries).toBe(1);
      expect(item?.nextAttemptAt).toBeUndefined();
      expect(
        store.filter((x) => x.destination.to.join(', ').includes(m.to)),
        m.to,
      ).toHaveLength(1);
    }
  });

  it('lets two runs racing for the same letters put each back once, and the consumer send each once', async () => {
    schedulerAt(T0);
    const mail = await letters(4, 'race');
    await sesDown();
    for (const m of mail) await deliverRound(m.record, m.id);
    const before = await Promise.all(mail.map((m) => rawItem(m.id)));
    await sesUp();

    const ctx = { now: new Date(clock.now().getTime() + 2 * MINUTE), deadline: Date.now() + 60_000 };
    const checkpoints = { all: async () => new Map(), save: async () => {} };
    const [a, b] = (await Promise.all([
      redriveMail({ ...ctx, checkpoints }),
      redriveMail({ ...ctx, checkpoints }),
    ])) as [RedriveResult, RedriveResult];
    expect(a.redriven + b.redriven).toBe(4);

    // Each letter's MODIFY, and a stale copy of another round's, at once: one claim, one letter.
    for (const [i, m] of mail.entries()) {
      const record = await modifyRecord(m.id, before[i]!);
      await Promise.all([
        handleOutboxRecords([record], clock),
        handleOutboxRecords([record], clock),
        handleOutboxRecords([m.record], clock),
      ]);
    }
    const store = await mailStore(ses.url);
    for (const m of mail) {
      expect((await findOutbox(m.id))?.status).toBe('sent');
      expect(
        store.filter((x) => x.destination.to.join(', ').includes(m.to)),
        m.to,
      ).toHaveLength(1);
    }
  });

  it('runs once when the clock is moved by days, and handles what is due then', async () => {
    const s = schedulerAt(T0);
    const mail = await letters(2, 'jump');
    await sesDown();
    for (const m of mail) await deliverRound(m.record, m.id);

    const jump = 3 * 24 * 60 * MINUTE;
    const from = clock.now();
    // Every minute of three days would be 4320 firings of the schedule.
    expect(occurrences(redriveRow!.cron, redriveRow!.timezone, from, new Date(from.getTime() + jump)).length).toBe(
      3 * 24 * 60,
    );
    const move = await s.advance(jump);
    const runs = redriveFirings(move.fired);
    expect(runs).toHaveLength(1);
    // Three days after their first attempt the letters are past the 24 hours: parked, not sent again.
    expect(runs[0]!.result).toMatchObject({ redriven: 0, parked: 2 });
    for (const m of mail) expect((await findOutbox(m.id))?.status).toBe('parked');
  });

  it('backs off 1, 2, 4 … 30 minutes while SES stays down, and parks the letter 24 hours after its first attempt', async () => {
    const s = schedulerAt(T0);
    const parkedCounts: number[] = [];
    const add = metrics.addMetric.bind(metrics);
    vi.spyOn(metrics, 'addMetric').mockImplementation((name, unit, value) => {
      if (name === 'MailParked') parkedCounts.push(Number(value));
      return add(name, unit, value);
    });
    const [m] = await letters(1, 'park');
    await sesDown();

    let item = await deliverRound(m!.record, m!.id);
    const firstAttemptAt = Date.parse(item.firstAttemptAt!);
    const waits: number[] = [];
    for (let round = 0; round < 200 && item.status === 'failed'; round++) {
      const next = Date.parse(item.nextAttemptAt!);
      waits.push(next - Date.parse(item.failedAt!));
      const before = await rawItem(m!.id);
      // Move to the first minute at which the letter is due: the schedule fires there, once.
      const move = await s.moveTo(new Date(Math.ceil((next + 1) / MINUTE) * MINUTE));
      const runs = redriveFirings(move.fired);
      expect(runs).toHaveLength(1);
      const result = runs[0]!.result as RedriveResult;
      const now = Date.parse(runs[0]!.scheduledTime);
      if (now - firstAttemptAt >= PARK_AFTER_MS) {
        expect(result).toMatchObject({ parked: 1, redriven: 0 });
      } else {
        expect(result).toMatchObject({ parked: 0, redriven: 1 });
        item = await deliverRound(await modifyRecord(m!.id, before), m!.id);
        expect(item.retries).toBe(round + 1);
      }
      item = (await findOutbox(m!.id))!;
    }

    expect(waits.slice(0, 7).map((w) => w / MINUTE)).toEqual([1, 2, 4, 8, 16, 30, 30]);
    expect(Math.max(...waits)).toBe(REDRIVE_CAP_MS);
    expect(item.status).toBe('parked');
    const parkedAt = Date.parse(item.parkedAt!);
    expect(parkedAt - firstAttemptAt).toBeGreaterThanOrEqual(PARK_AFTER_MS);
    expect(parkedAt - firstAttemptAt).toBeLessThan(PARK_AFTER_MS + REDRIVE_CAP_MS + 2 * MINUTE);
    expect(parkedCounts).toEqual([1]);
    // The two letters of the clock-jump case and this one.
    expect(await outboxTrouble()).toMatchObject({ failed: 0, waiting: 0, nextAttemptAt: null, parked: 3 });

    const audit = [];
    for await (const page of queryAll({ partition: `AUDIT#outbox#${m!.id}` })) audit.push(...page);
    const parked = audit.filter((a) => a.action === 'parked');
    expect(parked).toHaveLength(1);
    expect(parked[0]).toMatchObject({ actor: { id: 'job:redrive-mail' } });
    expect(audit.filter((a) => a.action === 'redrive')).toHaveLength(item.retries ?? 0);

    // Parked letters are left alone by later runs; nothing was sent.
    const again = await s.advance(60 * MINUTE);
    expect(redriveFirings(again.fired)[0]?.result).toMatchObject({ redriven: 0, parked: 0 });
    expect(outboxFromItem(await rawItem(m!.id)).status).toBe('parked');
    await sesUp();
    const store = await mailStore(ses.url);
    expect(store.filter((x) => x.destination.to.join(', ').includes(m!.to))).toHaveLength(0);
  });
});
