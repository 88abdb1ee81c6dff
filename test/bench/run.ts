/**
 * `npm run bench [-- name ...]`: runs the benchmarks listed in index.ts and writes bench-results.json at
 * the repository root.
 *
 * Benchmarks that need only DynamoDB run first, each against a fresh DynamoDB Local this script starts
 * (in memory, the product's table from `createTableInput`, the environment a Lambda gets). Benchmarks that need the
 * twin then run against `startTwinForBench()` from infra/local/twin.ts, imported only then; without
 * that module they are skipped with a note. The exit code is 1 when a result misses its target
 * (BENCH_ALLOW_FAIL=true reports and exits 0). BENCH_ROUNDS sets the measured rounds (default 5).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type BenchContext, type BenchResult, type Benchmark, type Need, formatTable } from './harness';
import { benchmarkModules } from './index';

// Before any AWS SDK client exists: the clients read these when they are built or first used.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.LOG_LEVEL ??= 'ERROR';
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS_FILE = `${ROOT}bench-results.json`;
const TWIN_MODULE = `${ROOT}infra/local/twin.ts`;

const log = (line: string) => console.log(line);

interface Skipped {
  name: string;
  reason: string;
}

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

async function runAll(
  list: Benchmark[],
  ctx: BenchContext,
  results: BenchResult[],
  failed: { name: string; error: string }[],
): Promise<void> {
  for (const b of list) {
    log(`\n▶ ${b.name} (needs ${b.needs.join(', ')}, ${ctx.rounds} rounds)`);
    const started = performance.now();
    try {
      const out = await b.run(ctx);
      results.push(...out);
      for (const r of out) {
        log(`  ${r.name}: ${r.figure} ${r.unit}${r.ratio !== null ? `, ratio ${r.ratio}` : ''}, target ${r.target}`);
      }
    } catch (err) {
      const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
      failed.push({ name: b.name, error });
      log(`  ✗ ${b.name} failed: ${error}`);
    }
    log(`  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
}

/**
 * Each benchmark gets a fresh, empty DynamoDB Local, so that its figures do not depend on what ran
 * before it (an emulator's speed changes with what it holds). Starting one takes about 3 s.
 */
async function dynamoDbPhase(
  list: Benchmark[],
  rounds: number,
  results: BenchResult[],
  failed: { name: string; error: string }[],
) {
  const { freePort } = await import('#local/ports');
  const { ensureTable, localDynamoClient, startDynamoDbLocal } = await import('#local/dynamodb-local');
  const { resetConfig } = await import('#runtime/config');
  const tableName = 'cec-observers-bench';
  // One port for every emulator of the phase: the product's SDK clients keep the endpoint they first used.
  const port = await freePort();
  for (const benchmark of list) {
    const started = performance.now();
    const db = await startDynamoDbLocal({ port });
    try {
      await ensureTable(db.endpoint, tableName);
      log(
        `\nDynamoDB Local on ${db.endpoint} (up in ${Math.round(performance.now() - started)} ms), table ${tableName}`,
      );
      Object.assign(process.env, benchEnv(db.endpoint, tableName));
      resetConfig();
      const client = localDynamoClient(db.endpoint);
      try {
        const ctx: BenchContext = { dynamodb: { endpoint: db.endpoint, tableName, client }, twin: null, rounds, log };
        await runAll([benchmark], ctx, results, failed);
      } finally {
        client.destroy();
      }
    } finally {
      await db.stop();
    }
  }
}

async function twinPhase(
  list: Benchmark[],
  rounds: number,
  results: BenchResult[],
  failed: { name: string; error: string }[],
  skipped: Skipped[],
) {
  const skipAll = (reason: string) => {
    for (const b of list) skipped.push({ name: b.name, reason });
    log(`\nskipped ${list.map((b) => b.name).join(', ')}: ${reason}`);
  };
  if (!existsSync(TWIN_MODULE)) return skipAll('infra/local/twin.ts does not exist yet (the local twin is not built)');
  // A computed specifier: the twin is loaded only when a benchmark needs it.
  const specifier = '#local/twin';
  const mod = (await import(specifier)) as { startTwinForBench?: () => Promise<import('#local/twin').Twin> };
  if (typeof mod.startTwinForBench !== 'function') return skipAll('infra/local/twin.ts exports no startTwinForBench');
  const { localDynamoClient } = await import('#local/dynamodb-local');
  const started = performance.now();
  const twin = await mod.startTwinForBench();
  log(`\nlocal twin up in ${Math.round(performance.now() - started)} ms (API ${twin.internal.api})`);
  const client = localDynamoClient(twin.urls.dynamodb);
  try {
    const tableName = twin.env.TABLE_NAME ?? process.env.TABLE_NAME ?? 'cec-observers';
    await runAll(
      list,
      { dynamodb: { endpoint: twin.urls.dynamodb, tableName, client }, twin, rounds, log },
      results,
      failed,
    );
  } finally {
    client.destroy();
    await twin.stop();
  }
}

async function main() {
  const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5) || 5);
  const all = (await Promise.all(benchmarkModules.map((load) => load()))).map((m) => m.benchmark);
  const selected = filters.length ? all.filter((b) => filters.some((f) => b.name.includes(f))) : all;
  if (selected.length === 0) {
    console.error(`no benchmark matches ${filters.join(', ')}; known: ${all.map((b) => b.name).join(', ')}`);
    process.exit(2);
  }
  const needsTwin = (b: Benchmark) => b.needs.includes('twin' satisfies Need);

  const results: BenchResult[] = [];
  const failed: { name: string; error: string }[] = [];
  const skipped: Skipped[] = [];
  const started = new Date();

  const dbOnly = selected.filter((b) => !needsTwin(b));
  const withTwin = selected.filter(needsTwin);
  if (dbOnly.length) await dynamoDbPhase(dbOnly, rounds, results, failed);
  if (withTwin.length) await twinPhase(withTwin, rounds, results, failed, skipped);

  const report = {
    generatedAt: started.toISOString(),
    durationSeconds: Math.round((Date.now() - started.getTime()) / 100) / 10,
    machine: {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
    },
    rounds,
    /** Names asked for on the command line; empty when every benchmark ran. */
    filter: filters,
    results,
    skipped,
    failed,
  };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(report, null, 2)}\n`);

  log(`\n${formatTable(results)}`);
  for (const s of skipped) log(`skipped: ${s.name}: ${s.reason}`);
  for (const f of failed) log(`FAILED: ${f.name}`);
  log(`\nwrote ${RESULTS_FILE}`);

  const missed = results.filter((r) => r.pass === false);
  if (failed.length > 0) process.exitCode = 1;
  else if (missed.length > 0 && process.env.BENCH_ALLOW_FAIL !== 'true') process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
