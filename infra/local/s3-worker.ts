/**
 * The twin's S3 thread (started by s3.ts): s3rver with the product's buckets, and the bucket consumers
 * it triggers, run here, off the event loop of the gateway's functions, as in AWS S3 and each Lambda
 * are not the API's process. The parent turns each write s3rver reports into the S3 event and the list
 * of consumers (its tables, its movable clock), and this thread invokes them as S3 invokes Lambda:
 * asynchronously, two retries on error, then the dead letters (kept by the parent).
 */
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type { S3Event } from 'aws-lambda';
import { setNow } from '#runtime/clock';
import { resetConfig } from '#runtime/config';
import { closeServer } from './http-util';
import { invoke, lambdaContext, loadHandler, settleInvocations } from './lambda';
import { setThisThreadPriority } from './thread-priority';
import type { S3ParentMessage, S3WorkerData, S3WorkerMessage, S3rverEvent } from './s3';

interface S3rverInstance {
  run(): Promise<{ port: number }>;
  on(event: 'event', listener: (e: S3rverEvent) => void): void;
  httpServer?: import('node:http').Server;
}

const port = parentPort;
if (!port) throw new Error('s3-worker.ts runs as a worker thread of the twin (see s3.ts)');
const data = workerData as S3WorkerData;
const send = (m: S3WorkerMessage) => port.postMessage(m);
const log = (line: string) => send({ type: 'log', line });

async function deliver(c: { name: string; handler: string }, event: S3Event): Promise<void> {
  const fn = await loadHandler(c.handler);
  if (!fn) {
    log(`bucket consumer ${c.name}: functions/${c.handler}.ts does not exist yet; event skipped`);
    return;
  }
  // S3 invokes asynchronously: Lambda retries a failed event twice, then sends it to the failure destination.
  let lastError = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      await invoke(fn, event, lambdaContext(c.handler, 60_000, data.region), 60_000);
      return;
    } catch (err) {
      lastError = (err as Error)?.message ?? String(err);
      log(`bucket consumer ${c.name} failed (attempt ${attempt} of 3): ${lastError}`);
      if (attempt < 3) await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
  const object = event.Records[0]?.s3;
  send({
    type: 'dead-letter',
    item: {
      at: new Date().toISOString(),
      source: 's3',
      consumer: c.name,
      handler: c.handler,
      attempts: 3,
      error: lastError,
      ref: { bucket: object?.bucket.name, key: object?.object.key },
      event,
    },
  });
}

// In AWS, S3 and the upload checker's Lambda have CPUs of their own; on the twin this thread shares the
// machine's cores with the API's functions and DynamoDB Local. It runs at a lower priority (nice 10), so
// that when every thread wants a core the API's requests get one first and an upload's decoding waits,
// as it would not hold up the API in AWS. (Where that is not possible the thread keeps its priority.)
setThisThreadPriority(10);

let server: S3rverInstance | undefined;

port.on('message', (m: S3ParentMessage) => {
  if (m.type === 'deliver') {
    // The environment is shared with the parent and may have changed since the last call (endpoints,
    // set once the emulators are up); the clock follows the parent's, which can be moved.
    resetConfig();
    if (process.env.LOCAL_TWIN === 'true') setNow(new Date(Date.now() + m.clockOffsetMs));
    for (const c of m.consumers) {
      void deliver(c, m.event).catch((err: unknown) => log(`bucket consumer ${c.name}: ${String(err)}`));
    }
  } else if (m.type === 'stop') {
    void (async () => {
      const left = await settleInvocations(20_000);
      if (left > 0) log(`stopping with ${left} bucket consumer call(s) still running`);
      if (server?.httpServer) await closeServer(server.httpServer);
      send({ type: 'stopped' });
      port.close();
    })();
  }
});

try {
  const require = createRequire(import.meta.url);
  const S3rver = require('s3rver') as new (o: Record<string, unknown>) => S3rverInstance;
  // s3rver accepts only access keys it knows; the twin's fake credentials are added to its dummy account.
  const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account') as {
    DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void };
  };
  DUMMY_ACCOUNT.createKeyPair(data.credentials.accessKeyId, data.credentials.secretAccessKey);
  server = new S3rver({
    port: data.port,
    address: data.address,
    silent: true,
    directory: data.directory,
    configureBuckets: data.bucketNames.map((name) => ({ name, configs: [data.cors] })),
  });
  server.on('event', (raw) => send({ type: 'event', raw: JSON.parse(JSON.stringify(raw)) as S3rverEvent }));
  const address = await server.run();
  send({ type: 'ready', port: address.port });
} catch (err) {
  send({ type: 'failed', error: (err as Error)?.stack ?? String(err) });
  port.close();
}
