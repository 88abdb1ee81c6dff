/**
 * One phase of `npm run bench`, in a process of its own (started by run.ts): the phase starts what its
 * benchmarks need, runs them, stops it, and writes what it measured as JSON to BENCH_PHASE_OUT.
 *
 * A process per phase is what keeps phases apart: the product's AWS SDK clients are built once per
 * process at module scope and keep the endpoint they first read from the environment, so a second
 * emulator in the same process would be called at the first one's (closed) port.
 *
 *   tsx test/bench/phase.ts <none|dynamodb|twin> <benchmark name> ...
 */
import { writeFileSync } from 'node:fs';
import type { BenchContext, BenchResult, Benchmark } from './harness';
import { benchmarkModules } from './index';

// Before any AWS SDK client exists: the clients read these when they are built or first used.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.LOG_LEVEL ??= 'ERROR';
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_TRACE_ENABLED ??= 'false';

export type PhaseKind = 'none' | 'dynamodb' | 'twin';

export interface PhaseOutput {
  results: (BenchResult & { benchmark: string })[];
  failed: { name: string; error: string }[];
  seconds: Record<string, number>;
}

const log = (line: string) => console.log(line);

function benchEnv(endpoint: string, tableName: string): Record<string, string> {
  return {
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    TABLE_NAME: tableName,
    DOCUMENTS_BUCKET: process.env.DOCUMENTS_BUCKET || 'cec-documents',
    CERTIFICATES_BUCKET: process.env.CERTIFICATES_BUCKET || 'cec-certificates',
    PORTAL_SESSION_SECRET: 'bench-portal-session-secret-0123456789abcdef',
    CERTIFICATE_SECRET: 'bench-certificate-secret-0123456789abcdef',
    LOCAL_TWIN: 'true',
  };
}

async function runAll(list: Benchmark[], ctx: BenchContext, out: PhaseOutput): Promise<void> {
  for (const b of list) {
    log(`\n▶ ${b.name} (needs ${b.needs.join(', ') || 'nothing'}, ${ctx.rounds} rounds)`);
    const started = performance.now();
    try {
      const results = await b.run(ctx);
      out.results.push(...results.map((r) => ({ benchmark: b.name, ...r })));
      for (const r of results) {
        log(`  ${r.name}: ${r.figure} ${r.unit}${r.ratio !== null ? `, ratio ${r.ratio}` : ''}, target ${r.target}`);
      }
    } catch (err) {
      const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
      out.failed.push({ name: b.name, error });
      log(`  ✗ ${b.name} failed: ${error}`);
    }
    const seconds = (performance.now() - started) / 1000;
    out.seconds[b.name] = Math.round(seconds * 10) / 10;
    log(`  (${seconds.toFixed(1)} s)`);
  }
}

/**
 * A fresh, empty DynamoDB Local with the product's table, this process's environment pointed at it. The
 * table has no stream: no consumer runs in this phase, and DynamoDB Local's synchronous stream records
 * are a cost of the emulator alone (the twin phase keeps the stream, which its consumers read).
 */
async function withDynamoDb(list: Benchmark[], rounds: number, out: PhaseOutput): Promise<void> {
  const { freePort } = await import('#local/ports');
  const { ensureTable, localDynamoClient, startDynamoDbLocal } = await import('#local/dynamodb-local');
  const tableName = 'cec-observers-bench';
  const started = performance.now();
  const db = await startDynamoDbLocal({ port: await freePort(), tuning: 'throughput' });
  try {
    await ensureTable(db.endpoint, tableName, { stream: false });
    log(`DynamoDB Local on ${db.endpoint} (up in ${Math.round(performance.now() - started)} ms), table ${tableName}`);
    Object.assign(process.env, benchEnv(db.endpoint, tableName));
    const client = localDynamoClient(db.endpoint);
    try {
      await runAll(list, { dynamodb: { endpoint: db.endpoint, tableName, client }, twin: null, rounds, log }, out);
    } finally {
      client.destroy();
    }
  } finally {
    await db.stop();
  }
}

/** The whole local twin in this process (its functions share this process's environment). */
async function withTwin(list: Benchmark[], rounds: number, out: PhaseOutput): Promise<void> {
  const { startTwinForBench } = await import('#local/twin');
  const { localDynamoClient } = await import('#local/dynamodb-local');
  const started = performance.now();
  const twin = await startTwinForBench();
  log(`local twin up in ${Math.round(performance.now() - started)} ms (API ${twin.internal.api})`);
  const client = localDynamoClient(twin.urls.dynamodb);
  try {
    const tableName = twin.env.TABLE_NAME ?? process.env.TABLE_NAME ?? 'cec-observers';
    await runAll(list, { dynamodb: { endpoint: twin.urls.dynamodb, tableName, client }, twin, rounds, log }, out);
  } finally {
    client.destroy();
    await twin.stop();
  }
}

async function main(): Promise<void> {
  const [kind, ...names] = process.argv.slice(2) as [PhaseKind, ...string[]];
  const file = process.env.BENCH_PHASE_OUT;
  if (!file) throw new Error('BENCH_PHASE_OUT names the file this phase writes its results to');
  const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5) || 5);
  const all = (await Promise.all(benchmarkModules.map((load) => load()))).map((m) => m.benchmark);
  const list = names.map((n) => {
    const b = all.find((x) => x.name === n);
    if (!b) throw new Error(`no benchmark named ${n}`);
    return b;
  });
  const out: PhaseOutput = { results: [], failed: [], seconds: {} };
  try {
    if (kind === 'dynamodb') await withDynamoDb(list, rounds, out);
    else if (kind === 'twin') await withTwin(list, rounds, out);
    else {
      Object.assign(process.env, benchEnv('http://127.0.0.1:9', 'cec-observers-bench'));
      await runAll(list, { dynamodb: null, twin: null, rounds, log }, out);
    }
  } catch (err) {
    // The emulator or the twin did not start (or stop): every benchmark of the phase counts as failed.
    const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
    for (const b of list) if (!(b.name in out.seconds)) out.failed.push({ name: b.name, error });
    log(`  ✗ ${kind} phase failed: ${error}`);
  }
  writeFileSync(file, JSON.stringify(out));
}

await main();
// Clients' keep-alive sockets and timers left by benchmarks must not keep the phase alive.
process.exit(0);
