/**
 * The README's benchmark table, generated from bench-results.json: every result with its figure, the
 * baseline measured in the same run, the machine-independent ratio, the target and pass or fail. Only
 * the lines between the two markers are rewritten. `run.ts` calls it after each run; by hand:
 * `npx tsx test/bench/readme-table.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './harness';

export const TABLE_START =
  '<!-- bench-results:start (generated from bench-results.json by test/bench/readme-table.ts) -->';
export const TABLE_END = '<!-- bench-results:end -->';

const cell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');
const num = (x: number | null) => (x === null || Number.isNaN(x) ? '–' : String(Math.round(x * 1000) / 1000));

export function benchTable(report: {
  generatedAt: string;
  results: (BenchResult & { benchmark: string })[];
  failed?: { name: string }[];
  measured?: Record<string, { at: string }>;
}): string {
  const rows = report.results.map((r) =>
    [
      r.benchmark,
      r.name,
      `${num(r.figure)} ${r.unit}`,
      r.baseline === null ? '–' : `${num(r.baseline)} ${r.unit}`,
      num(r.ratio),
      r.target,
      r.pass === null ? 'informative' : r.pass ? 'pass' : 'FAIL',
      (report.measured?.[r.benchmark]?.at ?? report.generatedAt).slice(0, 10),
    ]
      .map(cell)
      .join(' | '),
  );
  const failed = (report.failed ?? []).length
    ? `\n\nDid not finish in the last run: ${(report.failed ?? []).map((f) => f.name).join(', ')}.`
    : '';
  return [
    '| benchmark | result | figure | baseline (same run) | ratio | target | pass | measured |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r} |`),
  ]
    .join('\n')
    .concat(failed);
}

/** Rewrites the table between the markers of `readmePath`; false when the README has no markers. */
export function writeReadmeTable(resultsPath: string, readmePath: string): boolean {
  const report = JSON.parse(readFileSync(resultsPath, 'utf8'));
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) return false;
  const next = `${readme.slice(0, start + TABLE_START.length)}\n${benchTable(report)}\n${readme.slice(end)}`;
  if (next !== readme) writeFileSync(readmePath, next);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = new URL('../../', import.meta.url);
  writeReadmeTable(fileURLToPath(new URL('bench-results.json', root)), fileURLToPath(new URL('README.md', root)));
}
