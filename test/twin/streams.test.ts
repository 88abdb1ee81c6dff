/**
 * The DynamoDB stream on the twin: items written to the table reach the stream consumers whose filter
 * they pass, in the DynamoDBStreamEvent shape; failures are retried as Lambda does with
 * ReportBatchItemFailures and bisecting, and a record that keeps failing goes to the dead letters.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { keys } from '#data/keys';
import { outboxRecord } from '#data/outbox';
import { ddb } from '#runtime/clients';
import { readRecords, waitForRecords } from './fixtures/records';
import { api } from './fixtures/twin-client';

interface Delivery {
  probe: string;
  delivery: number;
  failing: boolean;
  batch: string[];
  sequenceNumber: string;
}

const table = () => process.env.TABLE_NAME!;

/** A test item for the flaky consumer (entity `twin-probe`), failing its first `failTimes` deliveries. */
async function putProbe(probe: string, failTimes: number, throws = false) {
  await ddb.send(
    new PutCommand({
      TableName: table(),
      Item: { ...keys.jobCheckpoint('twin-probe', probe), entity: 'twin-probe', probe, failTimes, throws },
    }),
  );
}

const deliveriesOf = (probe: string) => readRecords<Delivery>('flaky').filter((d) => d.probe === probe);
/** Index of a record in the order the consumer saw them. */
const position = (probe: string, delivery: number) =>
  readRecords<Delivery>('flaky').findIndex((d) => d.probe === probe && d.delivery === delivery);

describe('the stream consumers', () => {
  it('an outbox item written in a transaction-like Put reaches the consumer as a real stream record', async () => {
    const probe = ulid();
    const item = outboxRecord(
      { kind: 'email', template: 'twin-probe', payload: { probe }, to: ['probe@example.org'] },
      new Date(),
    );
    await ddb.send(new PutCommand({ TableName: table(), Item: item }));

    const record = await waitForRecords<DynamoDBRecord, DynamoDBRecord>('outbox', (rs) =>
      rs.find((r) => r.dynamodb?.NewImage?.payload?.M?.probe?.S === probe),
    );
    expect(record.eventSource).toBe('aws:dynamodb');
    expect(record.eventName).toBe('INSERT');
    expect(record.eventVersion).toBe('1.1');
    expect(record.awsRegion).toBe(process.env.AWS_REGION);
    expect(record.eventSourceARN).toMatch(
      new RegExp(`^arn:aws:dynamodb:${process.env.AWS_REGION}:\\d{12}:table/${table()}/stream/`),
    );
    expect(record.dynamodb?.Keys).toEqual({ pk: { S: String(item.pk) }, sk: { S: String(item.sk) } });
    expect(record.dynamodb?.NewImage?.entity).toEqual({ S: 'outbox' });
    expect(record.dynamodb?.OldImage).toBeUndefined();
    expect(record.dynamodb?.StreamViewType).toBe('NEW_AND_OLD_IMAGES');
    expect(record.dynamodb?.SequenceNumber).toMatch(/^\d+$/);
    expect(typeof record.dynamodb?.ApproximateCreationDateTime).toBe('number');
    expect(record.dynamodb?.SizeBytes).toBeGreaterThan(0);
  });

  it('an update of the outbox item is not delivered again (INSERT only, as the filter says)', async () => {
    const probe = ulid();
    const item = outboxRecord({ kind: 'email', template: 'twin-probe', payload: { probe }, to: [] }, new Date());
    await ddb.send(new PutCommand({ TableName: table(), Item: item }));
    await ddb.send(new PutCommand({ TableName: table(), Item: { ...item, status: 'sent' } }));
    await waitForRecords<DynamoDBRecord, DynamoDBRecord>('outbox', (rs) =>
      rs.find((r) => r.dynamodb?.NewImage?.payload?.M?.probe?.S === probe),
    );
    await new Promise((r) => setTimeout(r, 800));
    const seen = readRecords<DynamoDBRecord>('outbox').filter(
      (r) => r.dynamodb?.NewImage?.payload?.M?.probe?.S === probe,
    );
    expect(seen.map((r) => r.eventName)).toEqual(['INSERT']);
  });

  it('retries a record reported in batchItemFailures, and those after it, but not those before', async () => {
    const [a, b, c] = [ulid(), ulid(), ulid()].map((x, i) => `${x}-${'abc'[i]}`) as [string, string, string];
    await putProbe(a, 0);
    await putProbe(b, 2);
    await putProbe(c, 0);

    await waitForRecords<Delivery, true>('flaky', () => (deliveriesOf(b).some((d) => !d.failing) ? true : undefined));
    await waitForRecords<Delivery, true>('flaky', () =>
      deliveriesOf(c).some((d) => position(c, d.delivery) > position(b, 3)) ? true : undefined,
    );
    expect(deliveriesOf(a)).toHaveLength(1);
    expect(deliveriesOf(b).map((d) => d.failing)).toEqual([true, true, false]);
    // C came after B in the stream: its last delivery is no earlier than B's success.
    const lastC = deliveriesOf(c).at(-1)!;
    expect(position(c, lastC.delivery)).toBeGreaterThan(position(b, 3));
  });

  it('splits a batch whose call throws, and retries the record at fault alone', async () => {
    const [f, g] = [`${ulid()}-f`, `${ulid()}-g`];
    await putProbe(f, 1, true);
    await putProbe(g, 0);
    await waitForRecords<Delivery, true>('flaky', () =>
      deliveriesOf(f).some((d) => !d.failing) && deliveriesOf(g).length > 0 ? true : undefined,
    );
    const fs = deliveriesOf(f);
    expect(fs.map((d) => d.failing)).toEqual([true, false]);
    // A batch that threw with F and G in it is split: F is retried alone.
    if (fs[0]!.batch.length > 1) expect(fs[1]!.batch).toEqual([f]);
    expect(position(g, deliveriesOf(g).at(-1)!.delivery)).toBeGreaterThan(position(f, 2));
  });

  it('gives up on a record after maxRetries, lists it in the dead letters, and goes on with the next', async () => {
    const [d, e] = [`${ulid()}-d`, `${ulid()}-e`];
    await putProbe(d, 99);
    await putProbe(e, 0);
    // E is delivered on its own once D has been given up.
    await waitForRecords<Delivery, true>('flaky', () =>
      deliveriesOf(e).some((x) => !x.batch.includes(d)) ? true : undefined,
    );
    // maxRetries 2: one call and two retries.
    expect(deliveriesOf(d)).toHaveLength(3);

    const res = await api('/local/dead-letters', { as: 'admin@cec.local' });
    expect(res.status).toBe(200);
    const letters = (
      (await res.json()) as {
        data: { consumer: string; attempts: number; source: string; ref: { sequenceNumber: string } }[];
      }
    ).data;
    const letter = letters.find(
      (l) => l.consumer === 'twin-flaky' && l.ref.sequenceNumber === deliveriesOf(d)[0]!.sequenceNumber,
    );
    expect(letter?.source).toBe('dynamodb-stream');
    expect(letter?.attempts).toBe(3);
    const reviewer = await api('/local/dead-letters', { as: 'reviewer@cec.local' });
    expect(reviewer.status).toBe(403);
  });
});
