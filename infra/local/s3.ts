/**
 * S3 on the twin: s3rver, in this process, with the product's two buckets and CORS for the admin UI.
 * When an object is created, each bucket consumer of `shared/wiring/consumers.ts` receives an S3 event
 * of the real shape (key URL-encoded, size, eTag), invoked asynchronously as S3 invokes Lambda: two
 * retries on error, then the dead letters.
 *
 * Limits to know: s3rver does not check SigV4 signatures (only that the access key exists) nor the
 * conditions of a presigned POST policy (size range, content type, key prefix, expiry). Test those by
 * decoding the policy your code makes, and check size and type again when the object arrives.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Event, S3EventRecord } from 'aws-lambda';
import { clock } from '#runtime/clock';
import type { BucketConsumer } from '#wiring/consumers';
import type { DeadLetters } from './dead-letters';
import { closeServer } from './http-util';
import { LOCAL_ACCOUNT_ID, invoke, lambdaContext, loadHandler } from './lambda';
import { HOST } from './ports';

export type BucketConsumerSpec = Pick<BucketConsumer, 'name' | 'handler' | 'bucket' | 'events'>;

export interface LocalS3 {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/** What s3rver emits on a write (its own approximation of the S3 event). */
interface S3rverEvent {
  Records: {
    eventName: string;
    requestParameters?: { sourceIPAddress?: string };
    s3: { bucket: { name: string }; object: { key: string; size?: number; eTag?: string; sequencer?: string } };
  }[];
}

interface S3rverInstance {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
  on(event: 'event', listener: (e: S3rverEvent) => void): void;
  httpServer?: import('node:http').Server;
}

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
  const require = createRequire(import.meta.url);
  const S3rver = require('s3rver') as new (o: Record<string, unknown>) => S3rverInstance;
  // s3rver accepts only access keys it knows; the twin's fake credentials are added to its dummy account.
  const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account') as {
    DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void };
  };
  DUMMY_ACCOUNT.createKeyPair(opts.credentials.accessKeyId, opts.credentials.secretAccessKey);

  const temporary = opts.directory ? null : mkdtempSync(join(tmpdir(), 'cec-twin-s3-'));
  const cors = corsXml(opts.corsOrigins);
  const server = new S3rver({
    port: opts.port,
    address: HOST,
    silent: true,
    directory: opts.directory ?? temporary,
    configureBuckets: Object.values(opts.buckets).map((name) => ({ name, configs: [cors] })),
  });
  const roleOf = new Map(Object.entries(opts.buckets).map(([role, name]) => [name, role]));

  async function deliver(c: BucketConsumerSpec, event: S3Event): Promise<void> {
    const fn = await loadHandler(c.handler);
    if (!fn) {
      log(`bucket consumer ${c.name}: functions/${c.handler}.ts does not exist yet; event skipped`);
      return;
    }
    // S3 invokes asynchronously: Lambda retries a failed event twice, then sends it to the failure destination.
    let lastError = '';
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        await invoke(fn, event, lambdaContext(c.handler, 60_000, opts.region), 60_000);
        return;
      } catch (err) {
        lastError = (err as Error)?.message ?? String(err);
        log(`bucket consumer ${c.name} failed (attempt ${attempt} of 3): ${lastError}`);
        if (attempt < 3) await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
    const object = event.Records[0]?.s3;
    opts.deadLetters.add({
      at: new Date().toISOString(),
      source: 's3',
      consumer: c.name,
      handler: c.handler,
      attempts: 3,
      error: lastError,
      ref: { bucket: object?.bucket.name, key: object?.object.key },
      event,
    });
  }

  server.on('event', (raw) => {
    for (const r of raw.Records) {
      const role = roleOf.get(r.s3.bucket.name);
      const targets = opts.consumers.filter((c) => c.bucket === role && eventMatches(c.events, r.eventName));
      if (targets.length === 0) continue;
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
            clock.now(),
          ),
        ],
      };
      for (const c of targets) {
        void deliver(c, event).catch((err: unknown) => log(`bucket consumer ${c.name}: ${String(err)}`));
      }
    }
  });

  const address = await server.run();
  return {
    endpoint: `http://${HOST}:${address.port}`,
    port: address.port,
    async stop() {
      if (server.httpServer) await closeServer(server.httpServer);
      if (temporary) rmSync(temporary, { recursive: true, force: true });
    },
  };
}
