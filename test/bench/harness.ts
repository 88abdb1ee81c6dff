/**
 * The benchmark harness: what a benchmark is, what it reports, and small measuring tools.
 *
 * A benchmark module exports `benchmark: Benchmark` and is listed in `index.ts`. `run.ts` starts what
 * the benchmarks need (DynamoDB Local with the product's table, or the whole local twin), runs them,
 * prints a table and writes `bench-results.json`. Every figure is compared with a baseline measured in
 * the same run on the same machine, so results from different machines stay comparable as ratios.
 *
 * This module imports nothing that creates AWS clients: `run.ts` sets the environment first.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Twin } from '#local/twin';

export interface BenchResult {
  name: string;
  /** The measured figure (usually a median). */
  figure: number;
  unit: string;
  /** The same measure of the baseline, in the same run; null when there is none. */
  baseline: number | null;
  baselineName?: string;
  /** figure / baseline, or a paired ratio measured round by round (the notes say which). */
  ratio: number | null;
  /** What counts as a pass, in words, e.g. "ratio ≤ 1.2". */
  target: string;
  /** null when the result is informative only. */
  pass: boolean | null;
  notes?: string;
}

export type Need = 'dynamodb' | 'twin';

export interface DynamoDbTarget {
  endpoint: string;
  tableName: string;
  /** A plain client on that endpoint (region and credentials set), for raw baselines. */
  client: DynamoDBClient;
}

export interface BenchContext {
  /** Present when the benchmark needs 'dynamodb' (in a twin run: the twin's DynamoDB). */
  dynamodb: DynamoDbTarget | null;
  /** Present when the benchmark needs 'twin'. */
  twin: Twin | null;
  /** Measured rounds per variant (BENCH_ROUNDS, default 5); warm-up rounds come on top. */
  rounds: number;
  log(line: string): void;
}

export interface Benchmark {
  name: string;
  needs: Need[];
  run(ctx: BenchContext): Promise<BenchResult[]>;
}

// ---------------------------------------------------------------------------------------------------
// Measuring

export interface Stats {
  samples: number[];
  median: number;
  mean: number;
  min: number;
  max: number;
  p90: number;
}

/** Linear-interpolated percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError('percentile of no samples');
  if (p < 0 || p > 100) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (rank - lo);
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

export function stats(samples: readonly number[]): Stats {
  return {
    samples: [...samples],
    median: median(samples),
    mean: samples.reduce((s, x) => s + x, 0) / samples.length,
    min: Math.min(...samples),
    max: Math.max(...samples),
    p90: percentile(samples, 90),
  };
}

/** Milliseconds one call of `fn` takes (high-resolution clock). */
export async function timeOnce(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/**
 * Times `fn` `rounds` times after `warmup` untimed calls. `prepare` runs before each call, outside the
 * timing (fresh data for each round, say), and its result is passed to `fn`.
 */
export async function timeIt<T = void>(
  fn: (input: T) => Promise<unknown>,
  opts: { rounds: number; warmup?: number; prepare?: (round: number) => T | Promise<T> },
): Promise<Stats> {
  const samples: number[] = [];
  const total = (opts.warmup ?? 1) + opts.rounds;
  for (let i = 0; i < total; i++) {
    const input = (await opts.prepare?.(i)) as T;
    const ms = await timeOnce(() => fn(input));
    if (i >= (opts.warmup ?? 1)) samples.push(ms);
  }
  return stats(samples);
}

/**
 * Times two variants in alternating order (A B, B A, A B, ...), so that drift of the machine (JIT,
 * garbage collection, the emulator's own warm-up) weighs on both alike. Warm-up rounds run both.
 * `pairedRatio` is the median of the per-round ratios a/b. `cpu` is this process's own CPU time (ms)
 * per call: the client-side cost, which, unlike wall time, does not grow when the machine is busy.
 */
export async function compareTimes<T = void>(
  variants: { a: (input: T) => Promise<unknown>; b: (input: T) => Promise<unknown> },
  opts: { rounds: number; warmup?: number; prepare?: (round: number, variant: 'a' | 'b') => T | Promise<T> },
): Promise<{ a: Stats; b: Stats; ratios: number[]; pairedRatio: number; cpu: { a: Stats; b: Stats } }> {
  const samples = { a: [] as number[], b: [] as number[] };
  const cpu = { a: [] as number[], b: [] as number[] };
  const warmup = opts.warmup ?? 1;
  for (let i = 0; i < warmup + opts.rounds; i++) {
    const order: ('a' | 'b')[] = i % 2 === 0 ? ['a', 'b'] : ['b', 'a'];
    for (const v of order) {
      const input = (await opts.prepare?.(i, v)) as T;
      const before = process.cpuUsage();
      const ms = await timeOnce(() => variants[v](input));
      const used = process.cpuUsage(before);
      if (i >= warmup) {
        samples[v].push(ms);
        cpu[v].push((used.user + used.system) / 1000);
      }
    }
  }
  // Each round ran both variants back to back, under the same load: the median of the per-round
  // ratios is far less sensitive to other work on the machine than the ratio of the two medians.
  const ratios = samples.a.map((a, i) => a / (samples.b[i] as number));
  return {
    a: stats(samples.a),
    b: stats(samples.b),
    ratios,
    pairedRatio: median(ratios),
    cpu: { a: stats(cpu.a), b: stats(cpu.b) },
  };
}

// ---------------------------------------------------------------------------------------------------
// Reporting

export type Target =
  /** figure / baseline must be at most this. */
  | { ratioAtMost: number }
  | { figureAtMost: number }
  | { figureAtLeast: number }
  /** Informative only. */
  | { none: true };

export function describeTarget(t: Target, unit: string): string {
  if ('ratioAtMost' in t) return `ratio ≤ ${t.ratioAtMost}`;
  if ('figureAtMost' in t) return `≤ ${t.figureAtMost} ${unit}`;
  if ('figureAtLeast' in t) return `≥ ${t.figureAtLeast} ${unit}`;
  return 'none (informative)';
}

/** Builds a result: computes the ratio to the baseline and judges it against the target. */
export function resultOf(r: {
  name: string;
  figure: number;
  unit: string;
  baseline?: number | null;
  baselineName?: string;
  /** A ratio measured otherwise (e.g. `compareTimes().pairedRatio`); default figure / baseline. */
  ratio?: number;
  target: Target;
  notes?: string;
}): BenchResult {
  const baseline = r.baseline ?? null;
  const ratio = r.ratio ?? (baseline !== null && baseline > 0 ? r.figure / baseline : null);
  let pass: boolean | null = null;
  if ('ratioAtMost' in r.target) pass = ratio !== null && ratio <= r.target.ratioAtMost;
  else if ('figureAtMost' in r.target) pass = r.figure <= r.target.figureAtMost;
  else if ('figureAtLeast' in r.target) pass = r.figure >= r.target.figureAtLeast;
  return {
    name: r.name,
    figure: round(r.figure),
    unit: r.unit,
    baseline: baseline === null ? null : round(baseline),
    ...(r.baselineName ? { baselineName: r.baselineName } : {}),
    ratio: ratio === null ? null : round(ratio, 3),
    target: describeTarget(r.target, r.unit),
    pass,
    ...(r.notes ? { notes: r.notes } : {}),
  };
}

export function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export const fmtMs = (s: Stats) => `median ${round(s.median)} ms (min ${round(s.min)}, max ${round(s.max)})`;

/** A plain-text table of results, one line per result. */
export function formatTable(results: readonly BenchResult[]): string {
  const rows = [
    ['benchmark', 'figure', 'baseline', 'ratio', 'target', 'pass'],
    ...results.map((r) => [
      r.name,
      `${r.figure} ${r.unit}`,
      r.baseline === null ? '-' : `${r.baseline} ${r.unit}${r.baselineName ? ` (${r.baselineName})` : ''}`,
      r.ratio === null ? '-' : String(r.ratio),
      r.target,
      r.pass === null ? '-' : r.pass ? 'PASS' : 'FAIL',
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, c) => cell.padEnd(widths[c] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
