/**
 * DynamoDB Local: the official AWS emulator (a Java jar shipped by the npm package
 * amplify-dynamodb-simulator), started as a child process, in memory unless a data folder is given.
 *
 * The jar runs under a small bash watchdog that reads the pipe to this process: when this process
 * ends in any way (Ctrl-C, SIGTERM, a crash, even SIGKILL) the pipe closes and the watchdog stops
 * Java, so no emulator is left running behind a twin or a test run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createTableInput } from '#data/table';

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** Process id of the Java emulator (for checks that nothing is left running). */
  pid: number | undefined;
  stop(): Promise<void>;
}

function jarDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
}

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_REGION = 'eu-central-1';

export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
}

async function waitUntilUp(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const client = localDynamoClient(endpoint);
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}`);
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch (err) {
        lastError = err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    client.destroy();
  }
  throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms: ${String(lastError)}`);
}

/**
 * The watchdog: starts Java in the background, prints its pid, and stops it when its stdin reaches
 * end of file (this process closed the pipe or died) or when it is sent TERM/INT/HUP itself.
 */
const WATCHDOG = [
  'java "$@" </dev/null >/dev/null &',
  'pid=$!',
  'echo "pid:$pid"',
  'stop() { kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; exit 0; }',
  'trap stop TERM INT HUP',
  'while read -r _; do :; done',
  'stop',
].join('\n');

/**
 * JVM settings. 'quick-start' (tests, the twin): the client compiler only and the serial collector bring
 * the emulator up in about half the time of the defaults, and its throughput is ample for a test's
 * writes. 'throughput' (benchmarks, which write tens of thousands of items): the JVM's default tiered
 * compilation reaches the optimizing compiler, about twice the writes per second once warm (5,000
 * transactional puts: 4.0 s with the client compiler only, 2.0–2.3 s after the first round).
 */
export type DynamoDbLocalTuning = 'quick-start' | 'throughput';
const JVM_FLAGS: Record<DynamoDbLocalTuning, string[]> = {
  'quick-start': ['-Xms256m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xshare:auto'],
  throughput: ['-Xms1g', '-XX:+UseSerialGC', '-Xshare:auto'],
};

export async function startDynamoDbLocal(opts: {
  port: number;
  dataDir?: string;
  tuning?: DynamoDbLocalTuning;
}): Promise<DynamoDbLocal> {
  const dir = jarDir();
  const storage = opts.dataDir ? ['-dbPath', opts.dataDir] : ['-inMemory'];
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const child = spawn(
    'bash',
    [
      '-c',
      WATCHDOG,
      'dynamodb-local',
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      ...JVM_FLAGS[opts.tuning ?? 'quick-start'],
      '-jar',
      join(dir, 'DynamoDBLocal.jar'),
      ...storage,
      '-sharedDb',
      '-disableTelemetry',
      '-port',
      String(opts.port),
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  // The watchdog's stdin stays open for as long as this process lives; errors on it mean it is gone.
  child.stdin?.on('error', () => {});
  let javaPid: number | undefined;
  child.stdout?.on('data', (d: Buffer) => {
    const m = /pid:(\d+)/.exec(d.toString());
    if (m) javaPid = Number(m[1]);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = `http://127.0.0.1:${opts.port}`;

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.stdin?.end();
    const timer = setTimeout(() => {
      if (javaPid) {
        try {
          process.kill(javaPid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      child.kill('SIGKILL');
    }, 5000);
    timer.unref();
    await exited;
    clearTimeout(timer);
  };

  try {
    await waitUntilUp(endpoint, child, 60_000);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n${stderr}`);
  }
  return {
    endpoint,
    port: opts.port,
    get pid() {
      return javaPid;
    },
    stop,
  };
}

/**
 * Creates the product's table (from the single key module) unless it exists. `stream: false` leaves out
 * its stream, for a table nothing consumes (the benchmarks that write to DynamoDB alone): DynamoDB Local
 * writes each stream record, with both images, inside the write that causes it, about 15% of a
 * transaction's time here, where DynamoDB builds its stream apart from the write.
 */
export async function ensureTable(endpoint: string, tableName: string, opts: { stream?: boolean } = {}): Promise<void> {
  const client = localDynamoClient(endpoint);
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch {
    const { StreamSpecification, ...withoutStream } = createTableInput(tableName);
    await client.send(
      new CreateTableCommand(opts.stream === false ? withoutStream : { ...withoutStream, StreamSpecification }),
    );
  } finally {
    client.destroy();
  }
}
