/**
 * `npm run bench [-- name ...]`: runs the benchmarks listed in index.ts and writes bench-results.json at
 * the repository root.
 *
 * Every benchmark runs in a process of its own (test/bench/phase.ts) that starts what it needs and
 * stops it again: nothing (bundles, the UI in Chromium), a fresh DynamoDB Local with the product's
 * table, or the whole local twin on free ports. The product's AWS SDK clients are built once per process
 * and keep their first endpoint, and an emulator's speed changes with what it holds, so no two
 * benchmarks share a process or an emulator.
 *
 * With names on the command line only the benchmarks whose name contains one of them run, and their
 * results replace theirs in bench-results.json; the others' results stay. The exit code is 1 when a
 * benchmark fails or a result misses its target (BENCH_ALLOW_FAIL=true reports and exits 0).
 * BENCH_ROUNDS sets the measured rounds (default 5).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchResult, type Benchmark, formatTable } from './harness';
import { benchmarkModules } from './index';
import type { PhaseKind, PhaseOutput } from './phase';
import { writeReadmeTable } from './readme-table';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS_FILE = `${ROOT}bench-results.json`;
const PHASE = fileURLToPath(new URL('./phase.ts', import.meta.url));

const log = (line: string) => console.log(line);

type Result = BenchResult & { benchmark: string };

interface Report {
  generatedAt: string;
  durationSeconds: number;
  machine: Record<string, unknown>;
  rounds: number;
  /** Names asked for on the command line in the last run; empty when every benchmark ran. */
  filter: string[];
  /** When each benchmark's results were measured, and in how many seconds (process start included). */
  measured: Record<string, { at: string; seconds: number }>;
  results: Result[];
  failed: { name: string; error: string }[];
}

function kindOf(b: Benchmark): PhaseKind {
  if (b.needs.includes('twin')) return 'twin';
  if (b.needs.includes('dynamodb')) return 'dynamodb';
  return 'none';
}

/** Runs one benchmark in a child process and reads back what it wrote. */
async function runPhase(b: Benchmark, dir: string): Promise<PhaseOutput> {
  const file = join(dir, `${b.name}.json`);
  const child = spawn(process.execPath, ['--import', 'tsx', PHASE, kindOf(b), b.name], {
    cwd: ROOT,
    env: { ...process.env, BENCH_PHASE_OUT: file },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  if (!existsSync(file)) {
    return {
      results: [],
      failed: [{ name: b.name, error: `its process exited with code ${code} and wrote no results` }],
      seconds: {},
    };
  }
  return JSON.parse(readFileSync(file, 'utf8')) as PhaseOutput;
}

function previousReport(): Report | null {
  if (!existsSync(RESULTS_FILE)) return null;
  try {
    const r = JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Partial<Report>;
    // Results of the old format (without the benchmark's name) cannot be merged and are dropped.
    return {
      ...(r as Report),
      measured: r.measured ?? {},
      results: (r.results ?? []).filter((x) => typeof (x as Partial<Result>).benchmark === 'string'),
      failed: r.failed ?? [],
    };
  } catch {
    return null;
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
  log(`benchmarks: ${selected.map((b) => b.name).join(', ')}`);

  const started = new Date();
  const dir = mkdtempSync(join(tmpdir(), 'cec-bench-'));
  const results: Result[] = [];
  const failed: { name: string; error: string }[] = [];
  const measured: Report['measured'] = {};
  try {
    for (const b of selected) {
      const t0 = performance.now();
      const at = new Date().toISOString();
      const out = await runPhase(b, dir);
      results.push(...out.results);
      failed.push(...out.failed);
      measured[b.name] = { at, seconds: Math.round((performance.now() - t0) / 100) / 10 };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const ran = new Set(selected.map((b) => b.name));
  const previous = filters.length ? previousReport() : null;
  const order = new Map(all.map((b, i) => [b.name, i]));
  const byOrder = (a: { benchmark: string }, b: { benchmark: string }) =>
    (order.get(a.benchmark) ?? 99) - (order.get(b.benchmark) ?? 99);
  const report: Report = {
    generatedAt: started.toISOString(),
    durationSeconds: Math.round((Date.now() - started.getTime()) / 100) / 10,
    machine: {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      loadAverageAtEnd: loadavg().map((x) => Math.round(x * 10) / 10),
    },
    rounds,
    filter: filters,
    measured: {
      ...Object.fromEntries(Object.entries(previous?.measured ?? {}).filter(([n]) => !ran.has(n) && order.has(n))),
      ...measured,
    },
    results: [
      ...(previous?.results ?? []).filter((r) => !ran.has(r.benchmark) && order.has(r.benchmark)),
      ...results,
    ].sort(byOrder),
    failed: [...(previous?.failed ?? []).filter((f) => !ran.has(f.name) && order.has(f.name)), ...failed],
  };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(report, null, 2)}\n`);
  // The README's table between its markers is generated from the file just written.
  if (!writeReadmeTable(RESULTS_FILE, `${ROOT}README.md`)) log('README.md has no benchmark table markers');

  log(`\n${formatTable(report.results)}`);
  for (const f of report.failed) log(`FAILED: ${f.name}: ${f.error.split('\n')[0]}`);
  log(`\nwrote ${RESULTS_FILE}${filters.length ? ` (merged: ${[...ran].join(', ')} measured now)` : ''}`);

  const missed = results.filter((r) => r.pass === false);
  if (failed.length > 0) process.exitCode = 1;
  else if (missed.length > 0 && process.env.BENCH_ALLOW_FAIL !== 'true') process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
