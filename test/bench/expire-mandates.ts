/**
 * The expire-mandates job (3.7) over 10,000 and 20,000 accredited observers on DynamoDB Local: every
 * person's conditional Put and audit entry, the counters summed per transaction of ≤ 100 actions,
 * a checkpoint per page. Targets: 10,000 in ≤ 30 s; 20,000 in ≤ 2.2 × the time of 10,000.
 * The job walks every election of its table, so the benchmark runs on a table of its own, one election
 * per round (the earlier rounds' elections are done and skipped), and checks the outcome each time.
 */
import { resetConfig } from '#runtime/config';
import type { Benchmark, BenchContext } from './harness';
import { fmtMs, resultOf, stats, timeOnce } from './harness';

const COUNTRIES = ['DE', 'KZ', 'PL', 'FR', 'IT', 'JP', 'NG', 'LB', 'DK', 'BR'];
const RESULTS_DAY = '2027-03-20';
/** 00:00 Bishkek after the results day: mandates are over. */
const RUN_AT = '2027-03-20T18:00:00.000Z';

async function seed(n: number) {
  const { ulid } = await import('ulid');
  const { systemActor } = await import('#data/audit');
  const { counterMoves } = await import('#data/counters');
  const { createElection } = await import('#data/elections');
  const { putPeopleBatch, scopeOf } = await import('#data/persons');
  const { transact } = await import('#data/transact');
  const e = await createElection(
    {
      kind: 'parliamentary',
      name: { ky: 'Шайлоо', ru: 'Выборы', en: 'Election' },
      calledOn: '2027-01-10',
      votingDay: '2027-03-14',
      windowOffsetDays: 3,
      resultsPublishedOn: RESULTS_DAY,
      repeatVoting: null,
    },
    systemActor('bench'),
    new Date('2027-01-10T06:00:00Z'),
  );
  const orgs = Array.from({ length: 25 }, (_, i) => ({ id: ulid(), country: COUNTRIES[i % COUNTRIES.length]! }));
  const at = '2027-02-01T06:00:00.000Z';
  const people = Array.from({ length: n }, (_, i) => {
    const org = orgs[i % orgs.length]!;
    return {
      id: ulid(),
      electionId: e.id,
      organizationId: org.id,
      applicationId: ulid(),
      organizationCountry: org.country,
      familyNameLatin: `Observer${i}`,
      givenNamesLatin: 'Anna Maria',
      familyNameCyrillic: 'Наблюдатель',
      givenNamesCyrillic: 'Анна',
      sex: 'F' as const,
      dateOfBirth: '1980-05-01',
      citizenship: org.country,
      passportNumber: `X${String(i).padStart(8, '0')}`,
      passportExpiresOn: '2031-01-01',
      role: 'observer' as const,
      email: `observer${i}@example.org`,
      phone: '+49 30 123456',
      preferredLanguage: 'en' as const,
      channel: 'direct' as const,
      status: 'accredited' as const,
      flags: [],
      documents: { passport: 'received' as const, photo: 'received' as const },
      reviewerNote: '',
      checked: true,
      submittedAt: at,
      decisions: [],
      certificateNumber: `2027-PR-${String(i).padStart(5, '0')}`,
      createdAt: at,
      updatedAt: at,
      version: 3,
    };
  });
  await putPeopleBatch(people);
  for (const org of orgs) {
    const count = people.filter((p) => p.organizationId === org.id).length;
    const sample = people.find((p) => p.organizationId === org.id)!;
    await transact(counterMoves(scopeOf(sample), null, 'accredited', count));
  }
  return e.id;
}

async function expireAll(): Promise<{ changed: number; runs: number }> {
  const { expireMandates } = await import('#jobs/expire-mandates');
  const { tableCheckpoints } = await import('#jobs/checkpoints');
  let changed = 0;
  for (let runs = 1; ; runs++) {
    // The budget of the schedule row (240 s), as the Lambda would have it.
    const r = await expireMandates({
      now: new Date(RUN_AT),
      deadline: Date.now() + 240_000,
      checkpoints: tableCheckpoints,
    });
    changed += r.changed;
    if (r.done) return { changed, runs };
  }
}

async function verify(electionId: string, n: number) {
  const { statusCounts } = await import('#data/counters');
  const counts = await statusCounts(electionId);
  if (counts.expired !== n || (counts.accredited ?? 0) !== 0) {
    throw new Error(`expiry incomplete: expired ${counts.expired}, accredited ${counts.accredited} of ${n}`);
  }
}

export const benchmark: Benchmark = {
  name: 'expire-mandates',
  needs: ['dynamodb'],
  async run(ctx: BenchContext) {
    const db = ctx.dynamodb!;
    const { ensureTable } = await import('#local/dynamodb-local');
    const own = `${db.tableName}-expire`;
    await ensureTable(db.endpoint, own);
    const previous = process.env.TABLE_NAME;
    process.env.TABLE_NAME = own;
    resetConfig();
    try {
      const rounds = Math.min(ctx.rounds, 2);
      const samples: Record<number, number[]> = { 10000: [], 20000: [] };
      for (let round = 0; round < rounds; round++) {
        for (const n of round % 2 === 0 ? [10_000, 20_000] : [20_000, 10_000]) {
          const electionId = await seed(n);
          let out = { changed: 0, runs: 0 };
          const ms = await timeOnce(async () => {
            out = await expireAll();
          });
          await verify(electionId, n);
          if (out.changed !== n) throw new Error(`expired ${out.changed}, expected ${n}`);
          samples[n]!.push(ms);
          ctx.log(`  round ${round}: ${n} mandates expired in ${Math.round(ms)} ms (${out.runs} run(s))`);
        }
      }
      const s1 = stats(samples[10_000]!);
      const s2 = stats(samples[20_000]!);
      ctx.log(`  10,000: ${fmtMs(s1)}; 20,000: ${fmtMs(s2)}`);
      return [
        resultOf({
          name: 'expire-mandates: 10,000 accredited observers expired (3.7)',
          figure: s1.median / 1000,
          unit: 's',
          target: { figureAtMost: 30 },
          notes: `median of ${rounds} round(s), DynamoDB Local; pages of 500 from the status index (the next read while the current is written), transactions of ≤ 100 actions (per person: conditional Put + audit; per transaction: summed counters), a checkpoint per page; samples ${samples[10_000]!.map((x) => (x / 1000).toFixed(1)).join(', ')} s`,
        }),
        resultOf({
          name: 'expire-mandates: 20,000 vs 10,000 (scaling)',
          figure: s2.median / 1000,
          unit: 's',
          baseline: s1.median / 1000,
          baselineName: '10,000 observers',
          target: { ratioAtMost: 2.2 },
          notes: `samples ${samples[20_000]!.map((x) => (x / 1000).toFixed(1)).join(', ')} s`,
        }),
      ];
    } finally {
      process.env.TABLE_NAME = previous;
      resetConfig();
    }
  },
};
