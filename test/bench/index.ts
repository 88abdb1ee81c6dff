/**
 * The benchmarks `npm run bench` runs, in order. Each module exports `benchmark: Benchmark` (see
 * harness.ts). To add one, write `test/bench/<name>.ts` and append a line here.
 */
import type { Benchmark } from './harness';

export const benchmarkModules: (() => Promise<{ benchmark: Benchmark }>)[] = [
  () => import('./batch-writes'),
  () => import('./adoption'),
  () => import('./adoption-10k'),
  () => import('./grid-capacity'),
  () => import('./expire-mandates'),
  () => import('./bundle-size'),
  () => import('./cold-start'),
  () => import('./gateway'),
  () => import('./verification'),
  () => import('./deadline-rush'),
  () => import('./certificates'),
  () => import('./submit'),
  () => import('./ui-bundle'),
  () => import('./ui-render'),
  () => import('./resolution-document'),
  () => import('./verify-page'),
];
