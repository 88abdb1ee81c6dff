/**
 * The twin in a process of its own, driven over the IPC channel: the integration tests' global setup
 * forks it, so the functions' environment and clock stay out of the test runner's process (and out of
 * the unit tests' workers). Options come as JSON in TWIN_OPTIONS; when the parent goes away (its IPC
 * channel closes) the twin stops, and DynamoDB Local's watchdog stops Java.
 *
 *   parent → child: { type: 'stop' }
 *   child → parent: { type: 'ready', twin: TwinInfo } | { type: 'failed', error: string }
 */
import { type Twin, type TwinOptions, startTwin } from './twin';

export interface TwinInfo {
  urls: Twin['urls'];
  internal: Twin['internal'];
  env: Record<string, string>;
  readyMs: number;
  timings: Record<string, number>;
  dynamodbPid: number | undefined;
  pid: number;
}

export type ParentMessage = { type: 'stop' };
export type ChildMessage = { type: 'ready'; twin: TwinInfo } | { type: 'failed'; error: string };

const send = (m: ChildMessage) => process.send?.(m);
let twin: Twin | undefined;
let stopping = false;

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  try {
    await twin?.stop();
  } finally {
    process.exit(code);
  }
}

process.on('message', (m: ParentMessage) => {
  if (m?.type === 'stop') void stop(0);
});
process.on('disconnect', () => void stop(0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(0));

try {
  const options = JSON.parse(process.env.TWIN_OPTIONS ?? '{}') as TwinOptions;
  const verbose = process.env.TWIN_LOG === 'true';
  twin = await startTwin({
    ...options,
    // Request lines only when asked; failures of functions are always shown.
    log: (line) => {
      if (verbose || /fail|error|timed out|dead letter/i.test(line)) process.stderr.write(`[twin] ${line}\n`);
    },
  });
  send({
    type: 'ready',
    twin: {
      urls: twin.urls,
      internal: twin.internal,
      env: twin.env,
      readyMs: twin.readyMs,
      timings: twin.timings,
      dynamodbPid: twin.dynamodbPid,
      pid: process.pid,
    },
  });
} catch (err) {
  send({ type: 'failed', error: (err as Error)?.stack ?? String(err) });
  await stop(1);
}
