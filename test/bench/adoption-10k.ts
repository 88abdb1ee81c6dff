/**
 * A resolution of 10,000 accreditations: adopted, interrupted after a random chunk (a thrown error in
 * the chunk hook, as a Lambda that dies part-way), resumed by adopting again, and checked (everyone
 * accredited exactly once, counters exact, numbers unique). Target: the whole (both runs) in ≤ 10.5 ×
 * the time of a 1,000-accreditation adoption measured in the same run. One 1,000 varies by ±10% from one
 * adoption to the next, as much as the margin, and the emulator slows a little as its table fills, so
 * the 10,000 is measured twice (each interrupted at its own chunk) between pairs of 1,000s: 1,000 ×2,
 * 10,000, 1,000 ×2, 10,000, 1,000 ×2; the figure is the mean of the two against the mean of the six.
 * The drafts are written straight into the table (composing is measured by the `adoption` benchmark).
 * BENCH_SEED fixes the chunk of the interruption (default: printed, so a run can be repeated).
 */
import { getResolution } from '#data/resolutions/drafts';
import { adoptResolution } from '#decisions/adoption';
import { adminActor, clockAt } from '#test/data/decisions-fixtures';
import { seeded } from '#test/fixtures/seeded';
import { prepareAdoption, verifyAdoption } from './adoption-fixtures';
import { type BenchContext, type Benchmark, resultOf, stats, timeOnce } from './harness';

class Interrupted extends Error {
  override name = 'Interrupted';
}

async function adopt1000(ctx: BenchContext, tag: string): Promise<number> {
  const { e, r, people } = await prepareAdoption(1000, 'direct');
  const ms = await timeOnce(() => adoptResolution(r.id, adminActor, clockAt()));
  await verifyAdoption(e.id, people, '1,000: ');
  ctx.log(`  ${tag}: 1,000 accreditations adopted in ${Math.round(ms)} ms`);
  return ms;
}

/** One 10,000-person adoption interrupted after a random chunk and resumed; checked. */
async function adopt10000(ctx: BenchContext, random: () => number, seed: number) {
  const { e, r, people } = await prepareAdoption(10_000, 'direct');
  // About 435 chunks of 23 people: interrupt after one of them, not the last.
  const crashAfter = 1 + Math.floor(random() * 400);
  let crashedAt = { chunk: 0, done: 0 };
  const first = await timeOnce(async () => {
    try {
      await adoptResolution(r.id, adminActor, clockAt(), {
        afterChunk: (c) => {
          if (c.chunk === crashAfter) {
            crashedAt = { chunk: c.chunk, done: c.done };
            throw new Interrupted(`interrupted after chunk ${c.chunk}`);
          }
        },
      });
    } catch (err) {
      if (!(err instanceof Interrupted)) throw err;
    }
  });
  const mid = await getResolution(r.id);
  if (mid.status !== 'adopting' || mid.adoption?.done !== crashedAt.done) {
    throw new Error(`after the interruption: ${mid.status}, done ${mid.adoption?.done}, expected ${crashedAt.done}`);
  }
  const second = await timeOnce(() => adoptResolution(r.id, adminActor, clockAt()));
  await verifyAdoption(e.id, people, '10,000: ');
  const done = await getResolution(r.id);
  const total = first + second;
  const note = `interrupted after chunk ${crashedAt.chunk} (${crashedAt.done} done) in ${Math.round(first)} ms, resumed and finished in ${Math.round(second)} ms, ${done.adoption?.chunks} chunks over ${done.adoption?.attempt} attempts`;
  ctx.log(`  10,000 accreditations: ${note} (seed ${seed})`);
  return { total, note };
}

/** Two 10,000s, each between pairs of 1,000s. */
const TEN_THOUSANDS = 2;

export const benchmark: Benchmark = {
  name: 'adoption-10k',
  needs: ['dynamodb'],
  async run(ctx: BenchContext) {
    const seed = Number(process.env.BENCH_SEED ?? Date.now() % 100_000);
    // The interruptions' chunks are reproducible from the seed.
    const random = seeded(seed);
    // Two untimed adoptions first: the emulator's optimizing JIT takes about 2,000 accreditations to
    // settle (with one, the 1,000 before ran 1.2× the 1,000 after, which then decided the baseline).
    await adopt1000(ctx, 'warm-up');
    await adopt1000(ctx, 'warm-up');
    const ones = [await adopt1000(ctx, '1,000'), await adopt1000(ctx, '1,000')];
    const tens: { total: number; note: string }[] = [];
    for (let i = 0; i < TEN_THOUSANDS; i++) {
      tens.push(await adopt10000(ctx, random, seed));
      ones.push(await adopt1000(ctx, '1,000'), await adopt1000(ctx, '1,000'));
    }
    const ref = stats(ones).mean;
    const figure = stats(tens.map((t) => t.total)).mean;
    return [
      resultOf({
        name: 'adoption: 10,000 accreditations, interrupted at a random chunk and resumed, vs 1,000',
        figure,
        unit: 'ms',
        baseline: ref,
        baselineName: `1,000 accreditations (mean of ${ones.length}, in pairs around each 10,000)`,
        target: { ratioAtMost: 10.5 },
        notes: `mean of ${TEN_THOUSANDS}, seed ${seed}: ${tens.map((t, i) => `#${i + 1} ${Math.round(t.total)} ms (${t.note})`).join('; ')}; 1,000s in order ${ones.map(Math.round).join(', ')} ms`,
      }),
    ];
  },
};
