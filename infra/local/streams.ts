/**
 * The DynamoDB stream on the twin: what Lambda's event source mapping does in AWS. The table's stream
 * on DynamoDB Local is read every ~200 ms (DescribeTable → LatestStreamArn, DescribeStream → shards,
 * GetShardIterator, GetRecords); records pass each consumer's event filter (`shared/wiring/consumers.ts`:
 * entity of the new image, event names) and reach its function in batches of the real
 * DynamoDBStreamEvent shape.
 *
 * Failures follow Lambda with ReportBatchItemFailures and BisectBatchOnFunctionError: an answer
 * `{ batchItemFailures: [{ itemIdentifier: <SequenceNumber> }] }` checkpoints before the first failed
 * record and retries it and the records after it; a thrown error splits the batch in halves (which costs
 * no retry) down to the one record at fault. A record that still fails after `maxRetries` retries goes
 * to the dead letters and the consumer moves on. Records of one consumer are delivered in stream order.
 */
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type AttributeValue as SdkAttributeValue,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as SdkRecord,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamConsumer } from '#wiring/consumers';
import type { DeadLetters } from './dead-letters';
import { FunctionTimeoutError, LOCAL_ACCOUNT_ID, invoke, lambdaContext, loadHandler } from './lambda';

export type StreamConsumerSpec = Pick<
  StreamConsumer,
  'name' | 'handler' | 'entity' | 'eventNames' | 'batchSize' | 'maxRetries'
>;

export interface StreamPollerOptions {
  endpoint: string;
  tableName: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  consumers: readonly StreamConsumerSpec[];
  deadLetters: DeadLetters;
  pollMs?: number;
  /** First retry delay; it doubles per retry up to 2 s. */
  retryBaseMs?: number;
  /** The Lambda timeout of stream consumers. */
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface StreamPoller {
  stop(): Promise<void>;
}

/** Stream values as Lambda's JSON has them: binary as base64 text. */
function lambdaValue(v: SdkAttributeValue): AttributeValue {
  if (v.B !== undefined) return { B: Buffer.from(v.B).toString('base64') };
  if (v.BS !== undefined) return { BS: v.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (v.M !== undefined) return { M: lambdaImage(v.M) };
  if (v.L !== undefined) return { L: v.L.map(lambdaValue) };
  return v as AttributeValue;
}

function lambdaImage(image: Record<string, SdkAttributeValue> | undefined): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(image ?? {}).map(([k, v]) => [k, lambdaValue(v)]));
}

export function lambdaRecord(r: SdkRecord, region: string, streamArn: string, tableName: string): DynamoDBRecord {
  const d = r.dynamodb ?? {};
  const label = streamArn.split('/stream/')[1] ?? '';
  const created = d.ApproximateCreationDateTime;
  return {
    eventID: r.eventID,
    eventName: r.eventName as DynamoDBRecord['eventName'],
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    dynamodb: {
      ApproximateCreationDateTime: created ? Math.floor(new Date(created).getTime() / 1000) : undefined,
      Keys: lambdaImage(d.Keys),
      ...(d.NewImage ? { NewImage: lambdaImage(d.NewImage) } : {}),
      ...(d.OldImage ? { OldImage: lambdaImage(d.OldImage) } : {}),
      SequenceNumber: d.SequenceNumber,
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType as NonNullable<DynamoDBRecord['dynamodb']>['StreamViewType'],
    },
    eventSourceARN: `arn:aws:dynamodb:${region}:${LOCAL_ACCOUNT_ID}:table/${tableName}/stream/${label}`,
  };
}

/** The consumer's Lambda event filter: event name, and `entity` of the new image (see consumers.ts). */
export function passesFilter(c: Pick<StreamConsumerSpec, 'entity' | 'eventNames'>, r: DynamoDBRecord): boolean {
  if (!r.eventName || !c.eventNames.includes(r.eventName)) return false;
  return r.dynamodb?.NewImage?.entity?.S === c.entity;
}

/** The failed item identifiers of an answer; null when the whole batch succeeded. */
export function failedIdentifiers(result: unknown): string[] | null {
  if (result === null || typeof result !== 'object' || !('batchItemFailures' in result)) return null;
  const list = (result as { batchItemFailures?: unknown }).batchItemFailures;
  if (!Array.isArray(list) || list.length === 0) return null;
  return list.map((f) => String((f as { itemIdentifier?: unknown })?.itemIdentifier ?? ''));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class ConsumerQueue {
  readonly records: DynamoDBRecord[] = [];
  readonly attempts = new Map<string, number>();
  limit: number;
  draining: Promise<void> | null = null;
  missingReported = false;

  constructor(
    readonly consumer: StreamConsumerSpec,
    readonly opts: StreamPollerOptions,
    readonly isStopped: () => boolean,
  ) {
    this.limit = consumer.batchSize;
  }

  push(records: DynamoDBRecord[]): void {
    this.records.push(...records);
    this.draining ??= this.drain().finally(() => {
      this.draining = null;
      if (this.records.length > 0 && !this.isStopped()) this.push([]);
    });
  }

  private deadLetter(record: DynamoDBRecord, error: string): void {
    const seq = record.dynamodb?.SequenceNumber ?? '';
    this.opts.deadLetters.add({
      at: new Date().toISOString(),
      source: 'dynamodb-stream',
      consumer: this.consumer.name,
      handler: this.consumer.handler,
      attempts: this.attempts.get(seq) ?? 0,
      error,
      ref: { sequenceNumber: seq, eventName: record.eventName, keys: record.dynamodb?.Keys },
      event: record,
    });
    this.attempts.delete(seq);
    this.opts.log?.(`stream consumer ${this.consumer.name}: record ${seq} went to the dead letters: ${error}`);
  }

  /** Counts a failure of the first record; past maxRetries it is dead-lettered and dropped. */
  private async failed(error: string): Promise<void> {
    const head = this.records[0];
    if (!head) return;
    const seq = head.dynamodb?.SequenceNumber ?? '';
    const n = (this.attempts.get(seq) ?? 0) + 1;
    this.attempts.set(seq, n);
    // The first call is not a retry: a record is called 1 + maxRetries times before it is given up.
    if (n > this.consumer.maxRetries) {
      this.deadLetter(head, error);
      this.records.shift();
      this.limit = this.consumer.batchSize;
      return;
    }
    await sleep(Math.min(2000, (this.opts.retryBaseMs ?? 100) * 2 ** (n - 1)));
  }

  private async drain(): Promise<void> {
    while (this.records.length > 0 && !this.isStopped()) {
      const fn = await loadHandler(this.consumer.handler).catch((err: unknown) => {
        this.opts.log?.(
          `stream consumer ${this.consumer.name}: functions/${this.consumer.handler}.ts failed to load: ${String(err)}`,
        );
        return undefined;
      });
      if (fn === null) {
        if (!this.missingReported) {
          this.opts.log?.(
            `stream consumer ${this.consumer.name}: functions/${this.consumer.handler}.ts does not exist yet; its records are skipped`,
          );
          this.missingReported = true;
        }
        this.records.length = 0;
        return;
      }
      if (fn === undefined) {
        await sleep(1000);
        continue;
      }
      const batch = this.records.slice(0, Math.min(this.limit, this.consumer.batchSize));
      const event: DynamoDBStreamEvent = { Records: batch };
      const timeoutMs = this.opts.timeoutMs ?? 60_000;
      try {
        const result = await invoke(
          fn,
          event,
          lambdaContext(this.consumer.handler, timeoutMs, this.opts.region),
          timeoutMs,
        );
        const failedIds = failedIdentifiers(result);
        if (!failedIds) {
          this.records.splice(0, batch.length);
          for (const r of batch) this.attempts.delete(r.dynamodb?.SequenceNumber ?? '');
          this.limit = this.consumer.batchSize;
          continue;
        }
        const seqs = batch.map((r) => r.dynamodb?.SequenceNumber ?? '');
        const indexes = failedIds.map((id) => seqs.indexOf(id));
        // An identifier that is empty or not in the batch makes Lambda treat the whole batch as failed.
        const first = indexes.some((i) => i < 0) ? 0 : Math.min(...indexes);
        const done = this.records.splice(0, first);
        for (const r of done) this.attempts.delete(r.dynamodb?.SequenceNumber ?? '');
        await this.failed(`reported as failed in batchItemFailures`);
      } catch (err) {
        const message = err instanceof FunctionTimeoutError ? err.message : ((err as Error)?.message ?? String(err));
        this.opts.log?.(`stream consumer ${this.consumer.name} failed on a batch of ${batch.length}: ${message}`);
        if (batch.length > 1) {
          this.limit = Math.ceil(batch.length / 2);
          continue;
        }
        await this.failed(message);
      }
    }
  }
}

interface ShardState {
  iterator: string | null;
  parent: string | undefined;
  done: boolean;
  lastSequence: string | undefined;
}

export async function startStreamPoller(opts: StreamPollerOptions): Promise<StreamPoller> {
  const log = opts.log ?? (() => {});
  const clientConfig = { endpoint: opts.endpoint, region: opts.region, credentials: opts.credentials, maxAttempts: 2 };
  const ddb = new DynamoDBClient(clientConfig);
  const streams = new DynamoDBStreamsClient(clientConfig);
  let stopped = false;
  const queues = opts.consumers.map((c) => new ConsumerQueue(c, opts, () => stopped));
  const shards = new Map<string, ShardState>();
  let streamArn: string | undefined;
  let lastDiscovery = 0;

  async function iterator(shardId: string, type: 'LATEST' | 'TRIM_HORIZON' | 'AFTER_SEQUENCE_NUMBER', seq?: string) {
    const out = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: type,
        ...(seq ? { SequenceNumber: seq } : {}),
      }),
    );
    return out.ShardIterator ?? null;
  }

  /** Finds shards; at the start only the open shard is followed, from LATEST, as a new mapping is. */
  async function discover(initial: boolean): Promise<void> {
    if (!streamArn) {
      const table = await ddb.send(new DescribeTableCommand({ TableName: opts.tableName }));
      streamArn = table.Table?.LatestStreamArn;
      if (!streamArn) throw new Error(`table ${opts.tableName} has no stream`);
    }
    const found: Shard[] = [];
    let start: string | undefined;
    do {
      const out = await streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ...(start ? { ExclusiveStartShardId: start } : {}) }),
      );
      found.push(...(out.StreamDescription?.Shards ?? []));
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    for (const s of found) {
      if (!s.ShardId || shards.has(s.ShardId)) continue;
      const closed = s.SequenceNumberRange?.EndingSequenceNumber !== undefined;
      if (initial) {
        shards.set(s.ShardId, {
          iterator: closed ? null : await iterator(s.ShardId, 'LATEST'),
          parent: s.ParentShardId,
          done: closed,
          lastSequence: undefined,
        });
      } else {
        shards.set(s.ShardId, { iterator: null, parent: s.ParentShardId, done: false, lastSequence: undefined });
      }
    }
    lastDiscovery = Date.now();
  }

  async function readShard(id: string, state: ShardState): Promise<void> {
    if (state.done) return;
    const parent = state.parent ? shards.get(state.parent) : undefined;
    if (parent && !parent.done) return; // children only after their parent is read to its end
    state.iterator ??= state.lastSequence
      ? await iterator(id, 'AFTER_SEQUENCE_NUMBER', state.lastSequence)
      : await iterator(id, 'TRIM_HORIZON');
    if (!state.iterator) {
      state.done = true;
      return;
    }
    try {
      const out = await streams.send(new GetRecordsCommand({ ShardIterator: state.iterator, Limit: 1000 }));
      const records = (out.Records ?? []).map((r) => lambdaRecord(r, opts.region, streamArn!, opts.tableName));
      const last = records.at(-1)?.dynamodb?.SequenceNumber;
      if (last) state.lastSequence = last;
      state.iterator = out.NextShardIterator ?? null;
      if (!state.iterator) state.done = true;
      if (records.length > 0) for (const q of queues) q.push(records.filter((r) => passesFilter(q.consumer, r)));
    } catch (err) {
      const name = (err as Error)?.name;
      if (name === 'ExpiredIteratorException' || name === 'TrimmedDataAccessException') {
        state.iterator = null; // taken again after the last record read, or from the oldest kept
        if (name === 'TrimmedDataAccessException') state.lastSequence = undefined;
        return;
      }
      throw err;
    }
  }

  await discover(true);

  let loop: Promise<void> = Promise.resolve();
  const tick = async () => {
    if (Date.now() - lastDiscovery > 1000) await discover(false);
    for (const [id, state] of shards) await readShard(id, state);
  };
  let failures = 0;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      loop = tick()
        .then(() => {
          failures = 0;
        })
        .catch((err: unknown) => {
          if ((err as Error)?.name === 'ResourceNotFoundException') {
            streamArn = undefined;
            shards.clear();
          }
          if (failures++ % 50 === 0 && !stopped) log(`stream poller: ${(err as Error)?.message ?? String(err)}`);
        })
        .finally(schedule);
    }, opts.pollMs ?? 200);
  };
  let timer: NodeJS.Timeout | undefined;
  schedule();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await loop;
      await Promise.race([Promise.all(queues.map((q) => q.draining)), sleep(5000)]);
      ddb.destroy();
      streams.destroy();
    },
  };
}
