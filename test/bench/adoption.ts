/**
 * Adopting a resolution of 1,000 accreditations, outbox included (shared/decisions/adoption.ts through
 * the bulk status change engine), against the bare transactional writes such an adoption needs, written
 * by hand with the SDK (test/bench/adoption-fixtures.ts), in alternating rounds of the same run.
 * Targets: 1,000 in ≤ 3 × the bare writes (machine-independent); kept as regression guards: 1,000 in
 * ≤ 10 s on DynamoDB Local, 2,000 in ≤ 2.2 × the time of 1,000 (linear scaling).
 * Each round seeds fresh elections (25 organizations in 10 countries), composes the draft through the
 * API, then times the adoption alone and checks the outcome (all accredited, counters exact, numbers
 * unique).
 */
import { cpus, loadavg } from 'node:os';
import { adoptResolution } from '#decisions/adoption';
import { adminActor, clockAt } from '#test/data/decisions-fixtures';
import { bareAdoption, prepareAdoption, verifyAdoption } from './adoption-fixtures';
import { type BenchContext, type Benchmark, fmtMs, resultOf, stats, timeOnce } from './harness';

export const benchmark: Benchmark = {
  name: 'adoption',
  needs: ['dynamodb'],
  async run(ctx: BenchContext) {
    const rounds = Math.min(ctx.rounds, 3);
    const samples: Record<number, number[]> = { 1000: [], 2000: [] };
    const bare: number[] = [];
    const relative: number[] = [];
    const compose: number[] = [];
    const loads: number[] = [];
    let chunks = 0;
    // One warm-up round of 1,000 (JIT, the emulator's own warm-up), then alternating variants.
    for (let round = 0; round <= rounds; round++) {
      const order =
        round % 2 === 0 ? ['adopt-1000', 'bare-1000', 'adopt-2000'] : ['adopt-2000', 'bare-1000', 'adopt-1000'];
      let adopted1000 = 0;
      let bare1000 = 0;
      for (const variant of order) {
        if (round === 0 && variant === 'adopt-2000') continue;
        const n = variant.endsWith('2000') ? 2000 : 1000;
        if (variant.startsWith('bare')) {
          const { e, r, people } = await prepareAdoption(n, 'direct');
          bare1000 = await bareAdoption(e, r.id, people);
          ctx.log(`  round ${round}: bare writes of 1,000 accreditations in ${Math.round(bare1000)} ms`);
          continue;
        }
        // Composing through the API is measured on the 1,000 (informative); the 2,000 is written straight.
        const { e, r, people, composeMs } = await prepareAdoption(n, n === 1000 ? 'api' : 'direct');
        let adopted: Awaited<ReturnType<typeof adoptResolution>> | undefined;
        loads.push(loadavg()[0] ?? 0);
        const ms = await timeOnce(async () => {
          adopted = await adoptResolution(r.id, adminActor, clockAt());
        });
        await verifyAdoption(e.id, people);
        if (n === 1000) adopted1000 = ms;
        if (round > 0) {
          samples[n]!.push(ms);
          if (n === 1000) {
            compose.push(composeMs);
            chunks = adopted?.resolution.adoption?.chunks ?? 0;
          }
        }
        ctx.log(
          `  round ${round}: ${n} accreditations adopted in ${Math.round(ms)} ms${composeMs ? ` (composed in ${Math.round(composeMs)} ms)` : ''}`,
        );
      }
      if (round > 0) {
        bare.push(bare1000);
        relative.push(adopted1000 / bare1000);
      }
    }
    const s1 = stats(samples[1000]!);
    const s2 = stats(samples[2000]!);
    const sb = stats(bare);
    const load = `load average (1 min) during the run ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} on ${cpus().length} CPUs`;
    ctx.log(`  1,000: ${fmtMs(s1)}; bare 1,000: ${fmtMs(sb)}; 2,000: ${fmtMs(s2)}`);
    return [
      resultOf({
        name: 'adoption: 1,000 accreditations vs the bare transactional writes it needs (machine-independent)',
        figure: stats(relative).median,
        unit: '×',
        target: { figureAtMost: 3 },
        notes: `median of the per-round ratios (adoption / hand-written TransactWriteItems of the same actions, built before timing, measured in the same round); ratios ${relative.map((x) => x.toFixed(2)).join(', ')}; bare ${fmtMs(sb)}; ${load}`,
      }),
      resultOf({
        name: 'adoption: resolution of 1,000 accreditations, outbox included',
        figure: s1.median,
        unit: 'ms',
        baseline: sb.median,
        baselineName: 'bare transactional writes of the same adoption',
        target: { figureAtMost: 10_000 },
        notes: `median of ${rounds} rounds after 1 warm-up (min ${s1.min.toFixed(0)} ms), DynamoDB Local; ${chunks} transactions of ≤ 100 actions (per person: conditional Put carrying the decision, audit entry, certificate, outbox message; per chunk: merged counters, election check, progress); samples ${samples[1000]!.map((x) => x.toFixed(0)).join(', ')} ms; ${load}`,
      }),
      resultOf({
        name: 'adoption: 2,000 accreditations vs 1,000 (scaling)',
        figure: s2.median,
        unit: 'ms',
        baseline: s1.median,
        baselineName: '1,000 accreditations',
        target: { ratioAtMost: 2.2 },
        notes: `samples ${samples[2000]!.map((x) => x.toFixed(0)).join(', ')} ms; ratio of the minima ${(s2.min / s1.min).toFixed(2)}; ${load}`,
      }),
      resultOf({
        name: 'adoption: composing the draft of 1,000 items (bulk POST items)',
        figure: stats(compose).median,
        unit: 'ms',
        target: { none: true },
        notes:
          'setItems: people read in BatchGets, items written in transactions of 98 with the counts and one audit entry each',
      }),
    ];
  },
};
