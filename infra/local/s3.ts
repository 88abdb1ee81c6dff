/**
 * S3 on the twin: s3rver, on a thread of its own (s3-worker.ts), with the product's two buckets and CORS
 * for the admin UI. When an object is created, each bucket consumer of `shared/wiring/consumers.ts`
 * receives an S3 event of the real shape (key URL-encoded, size, eTag), invoked asynchronously as S3
 * invokes Lambda, on that thread: two retries on error, then the dead letters. The consumers are not in
 * the event loop of the gateway's functions, as in AWS they are Lambdas of their own.
 *
 * Limits to know: s3rver does not check SigV4 signatures (only that the access key exists) nor the
 * conditions of a presigned POST policy (size range, content type, key prefix, expiry). Test those by
 * decoding the policy your code makes, and check size and type again when the object arrives.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHARE_ENV, Worker } from 'node:worker_threads';
import type { S3Event, S3EventRecord } from 'aws-lambda';
import { clock } from '#runtime/clock';
import type { BucketConsumer } from '#wiring/consumers';
import type { DeadLetter, DeadLetters } from './dead-letters';
import { LOCAL_ACCOUNT_ID } from './lambda';
import { HOST } from './ports';

export type BucketConsumerSpec = Pick<BucketConsumer, 'name' | 'handler' | 'bucket' | 'events'>;

export interface LocalS3 {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/** What s3rver emits on a write (its own approximation of the S3 event). */
export interface S3rverEvent {
  Records: {
    eventName: string;
    requestParameters?: { sourceIPAddress?: string };
    s3: { bucket: { name: string }; object: { key: string; size?: number; eTag?: string; sequencer?: string } };
  }[];
}

/** What the S3 thread (s3-worker.ts) starts with. */
export interface S3WorkerData {
  port: number;
  address: string;
  directory: string;
  bucketNames: string[];
  cors: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  region: string;
}

/** This thread → the S3 thread. */
export type S3ParentMessage =
  | {
      type: 'deliver';
      event: S3Event;
      consumers: { name: string; handler: string }[];
      clockOffsetMs: number;
    }
  | { type: 'stop' };

/** The S3 thread → this one. */
export type S3WorkerMessage =
  | { type: 'ready'; port: number }
  | { type: 'failed'; error: string }
  | { type: 'event'; raw: S3rverEvent }
  | { type: 'log'; line: string }
  | { type: 'dead-letter'; item: DeadLetter }
  | { type: 'stopped' };

/** S3 event keys are URL-encoded, with spaces as '+', and '/' kept. */
export function encodeEventKey(key: string): string {
  return encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+');
}

export function corsXml(origins: readonly string[]): string {
  return [
    '<CORSConfiguration><CORSRule>',
    ...origins.map((o) => `<AllowedOrigin>${o}</AllowedOrigin>`),
    ...['GET', 'PUT', 'POST', 'HEAD'].map((m) => `<AllowedMethod>${m}</AllowedMethod>`),
    '<AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds>',
    '</CORSRule></CORSConfiguration>',
  ].join('');
}

/** `s3:ObjectCreated:*` matches `ObjectCreated:Put`; a full name matches only itself. */
export function eventMatches(patterns: readonly string[], eventName: string): boolean {
  const name = `s3:${eventName}`;
  return patterns.some((p) => (p.endsWith(':*') ? name.startsWith(p.slice(0, -1)) : name === p));
}

export function s3EventRecord(
  e: {
    eventName: string;
    bucket: string;
    key: string;
    size?: number;
    eTag?: string;
    sequencer?: string;
    sourceIp?: string;
  },
  region: string,
  at: Date,
): S3EventRecord {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: region,
    eventTime: at.toISOString(),
    eventName: e.eventName,
    userIdentity: { principalId: `AWS:${LOCAL_ACCOUNT_ID}` },
    requestParameters: { sourceIPAddress: e.sourceIp ?? '127.0.0.1' },
    responseElements: { 'x-amz-request-id': randomHex(16), 'x-amz-id-2': randomHex(64) },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'local-twin',
      bucket: { name: e.bucket, ownerIdentity: { principalId: LOCAL_ACCOUNT_ID }, arn: `arn:aws:s3:::${e.bucket}` },
      object: {
        key: encodeEventKey(e.key),
        size: e.size ?? 0,
        eTag: e.eTag ?? '',
        sequencer: e.sequencer ?? Date.now().toString(16).toUpperCase(),
      },
    },
  };
}

function randomHex(n: number): string {
  let s = '';
  while (s.length < n)
    s += Math.floor(Math.random() * 16)
      .toString(16)
      .toUpperCase();
  return s;
}

/**
 * A worker thread's entry that runs a TypeScript module: Node 20 does not carry tsx's loader, which
 * the twin's process was started with, over to its worker threads, so the thread registers it first.
 */
function typeScriptEntry(module: URL): URL {
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(module.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

export async function startS3(opts: {
  port: number;
  /** The product's buckets by role: { documents: 'cec-documents', certificates: 'cec-certificates' }. */
  buckets: Record<BucketConsumer['bucket'], string>;
  corsOrigins: readonly string[];
  consumers: readonly BucketConsumerSpec[];
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  deadLetters: DeadLetters;
  /** Keep objects here across restarts; without it a temporary folder is used and removed on stop. */
  directory?: string;
  log?: (line: string) => void;
}): Promise<LocalS3> {
  const log = opts.log ?? (() => {});
  const temporary = opts.directory ? null : mkdtempSync(join(tmpdir(), 'cec-twin-s3-'));
  const roleOf = new Map(Object.entries(opts.buckets).map(([role, name]) => [name, role]));
  const setup: S3WorkerData = {
    port: opts.port,
    address: HOST,
    directory: opts.directory ?? temporary!,
    bucketNames: Object.values(opts.buckets),
    cors: corsXml(opts.corsOrigins),
    credentials: opts.credentials,
    region: opts.region,
  };
  // S3 and its consumers run on a thread of their own, as in AWS S3 and each Lambda are not the API's
  // functions' process: s3rver's request handling and the upload check's decoding never hold up the
  // gateway. The thread shares this process's environment (the endpoints set after it started).
  const worker = new Worker(typeScriptEntry(new URL('./s3-worker.ts', import.meta.url)), {
    workerData: setup,
    env: SHARE_ENV,
  });
  const post = (m: S3ParentMessage) => worker.postMessage(m);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', (err) => log(`the S3 thread failed: ${(err as Error)?.stack ?? String(err)}`));
  let stopped: (() => void) | undefined;

  const port = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the S3 thread exited with code ${code} before it was ready`)));
    worker.on('message', (m: S3WorkerMessage) => {
      switch (m.type) {
        case 'ready':
          resolve(m.port);
          return;
        case 'failed':
          reject(new Error(m.error));
          return;
        case 'log':
          log(m.line);
          return;
        case 'dead-letter':
          opts.deadLetters.add(m.item);
          return;
        case 'stopped':
          stopped?.();
          return;
        case 'event':
          for (const r of m.raw.Records) {
            const role = roleOf.get(r.s3.bucket.name);
            const targets = opts.consumers.filter((c) => c.bucket === role && eventMatches(c.events, r.eventName));
            if (targets.length === 0) continue;
            const now = clock.now();
            const event: S3Event = {
              Records: [
                s3EventRecord(
                  {
                    eventName: r.eventName,
                    bucket: r.s3.bucket.name,
                    key: r.s3.object.key,
                    size: r.s3.object.size,
                    eTag: r.s3.object.eTag,
                    sequencer: r.s3.object.sequencer,
                    sourceIp: r.requestParameters?.sourceIPAddress,
                  },
                  opts.region,
                  now,
                ),
              ],
            };
            // The consumers run with the twin's clock as it is now (it can be moved).
            post({
              type: 'deliver',
              event,
              consumers: targets.map((c) => ({ name: c.name, handler: c.handler })),
              clockOffsetMs: now.getTime() - Date.now(),
            });
          }
          return;
      }
    });
  }).catch(async (err: unknown) => {
    await worker.terminate();
    if (temporary) rmSync(temporary, { recursive: true, force: true });
    throw err;
  });

  return {
    endpoint: `http://${HOST}:${port}`,
    port,
    async stop() {
      // The thread lets the consumers' calls still running finish, then closes the server.
      await new Promise<void>((resolve) => {
        stopped = resolve;
        exited.then(resolve);
        post({ type: 'stop' });
      });
      await worker.terminate();
      await exited;
      if (temporary) rmSync(temporary, { recursive: true, force: true });
    },
  };
}
