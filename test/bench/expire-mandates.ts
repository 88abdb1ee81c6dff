/**
 * The expire-mandates job (3.7) on DynamoDB Local: every person's conditional Put and audit entry, the
 * counters merged per transaction of ≤ 100 actions (the bulk status change engine), a checkpoint per
 * page. Baseline: the bare conditional writes of the same transitions (hand-written TransactWriteItems,
 * the same actions, every record built before the clock starts), measured in alternating rounds.
 * Targets: 10,000 in ≤ 1.5 × the bare writes; kept as regression guards: 10,000 in ≤ 30 s, 20,000 in
 * ≤ 2.2 × the time of 10,000 (20,000 and 40,000 are measured in the first round only). 40,000 (measured once; BENCH_EXPIRE_40K=false leaves it out) feeds the
 * extrapolation to 100,000, reported beside the count of job runs its checkpoint budget needs: each run
 * stops at 240 s (well inside Lambda's 15-minute limit) and the next resumes from the checkpoint.
 * The job walks every election of its table: the phase's table is this benchmark's alone (a second table
 * in the same emulator made every write 15–25% slower), one election per round (the earlier rounds'
 * elections are done and skipped), and the outcome is checked each time.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Person } from '#schemas/person';
import type { Benchmark, BenchContext } from './harness';
import { fmtMs, resultOf, stats, timeOnce } from './harness';

const COUNTRIES = ['DE', 'KZ', 'PL', 'FR', 'IT', 'JP', 'NG', 'LB', 'DK', 'BR'];
const RESULTS_DAY = '2027-03-20';
/** People expired (and as many by the bare writes) before the timed rounds, untimed. */
const WARM_UP = 3_000;
/** 00:00 Bishkek after the results day: mandates are over. */
const RUN_AT = '2027-03-20T18:00:00.000Z';

async function seed(n: number): Promise<{ electionId: string; people: Person[] }> {
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
  return { electionId: e.id, people: people as unknown as Person[] };
}

/**
 * The bare writes of expiring `people`: per person the Put conditional on status and version and its
 * audit entry, per transaction one ADD per counter item; people organization by organization, as many
 * per transaction as fit in 100 actions. Returns the time of the sends alone.
 */
async function bareExpiry(electionId: string, people: readonly Person[]): Promise<number> {
  const { auditRecord, systemActor } = await import('#data/audit');
  const { keys } = await import('#data/keys');
  const { personItem } = await import('#data/persons');
  const { ddb } = await import('#runtime/clients');
  const { config } = await import('#runtime/config');
  const table = config().tableName;
  const at = new Date(RUN_AT);
  const sorted = [...people].sort((a, b) => a.organizationId.localeCompare(b.organizationId));
  const transactions: TransactWriteCommand[] = [];
  // Greedy by hand: 2 actions per person, one per counter item first met, at most 100.
  const chunks: Person[][] = [];
  let current: Person[] = [];
  let seen = new Set<string>();
  for (const p of sorted) {
    const added = 2 + [`O${p.organizationId}`, `C${p.organizationCountry}`].filter((k) => !seen.has(k)).length;
    if (current.length * 2 + seen.size + 1 + added > 100) {
      chunks.push(current);
      current = [];
      seen = new Set();
    }
    current.push(p);
    seen.add(`O${p.organizationId}`).add(`C${p.organizationCountry}`);
  }
  if (current.length > 0) chunks.push(current);
  for (const chunk of chunks) {
    const items: NonNullable<TransactWriteCommand['input']['TransactItems']> = [];
    const counters = new Map<string, { key: { pk: string; sk: string }; n: number }>();
    for (const p of chunk) {
      const after = { ...p, status: 'expired' as const, version: p.version + 1, updatedAt: RUN_AT };
      items.push({
        Put: {
          TableName: table,
          Item: personItem(after),
          ConditionExpression: '#s = :s AND #v = :v',
          ExpressionAttributeNames: { '#s': 'status', '#v': 'version' },
          ExpressionAttributeValues: { ':s': p.status, ':v': p.version },
        },
      });
      items.push({
        Put: {
          TableName: table,
          Item: auditRecord({
            at,
            actor: systemActor('bench'),
            entityType: 'person',
            entityId: p.id,
            action: 'expire',
            clause: '3.7',
            changes: { status: { from: p.status, to: 'expired' } },
          }),
        },
      });
      for (const key of [
        keys.statusCounter(electionId),
        keys.orgCounter(electionId, p.organizationId),
        keys.countryCounter(electionId, p.organizationCountry),
      ]) {
        const id = `${key.pk}|${key.sk}`;
        counters.set(id, { key, n: (counters.get(id)?.n ?? 0) + 1 });
      }
    }
    for (const { key, n } of counters.values()) {
      items.push({
        Update: {
          TableName: table,
          Key: key,
          UpdateExpression: 'ADD #from :dec, #to :inc',
          ExpressionAttributeNames: { '#from': 'accredited', '#to': 'expired' },
          ExpressionAttributeValues: { ':dec': -n, ':inc': n },
        },
      });
    }
    transactions.push(new TransactWriteCommand({ TransactItems: items }));
  }
  const started = performance.now();
  for (const t of transactions) await ddb.send(t);
  return performance.now() - started;
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
    // Three rounds of the 10,000 pair: the median of three per-round ratios outlasts one round disturbed
    // by other work on the machine (with two, the median is their mean).
    const rounds = Math.min(ctx.rounds, 3);
    const samples: Record<number, number[]> = { 10000: [], 20000: [], 40000: [] };
    const bare: number[] = [];
    const relative: number[] = [];
    const sizes = process.env.BENCH_EXPIRE_40K === 'false' ? [10_000, 20_000] : [10_000, 20_000, 40_000];
    // Untimed warm-up: the emulator's JIT compiles its write path on the first few thousand items (the
    // first 10,000 ran 1.4× the later ones without it), and round 0 alone measures 20,000 and 40,000.
    const warm = await seed(WARM_UP);
    await expireAll();
    await verify(warm.electionId, WARM_UP);
    const warmBare = await seed(WARM_UP);
    await bareExpiry(warmBare.electionId, warmBare.people);
    await verify(warmBare.electionId, WARM_UP);
    for (let round = 0; round < rounds; round++) {
      const variants = ['job-10000', 'bare-10000', ...sizes.slice(1).map((n) => `job-${n}`)];
      if (round % 2 === 1) variants.reverse();
      let job10 = 0;
      let bare10 = 0;
      for (const variant of variants) {
        const n = Number(variant.split('-')[1]);
        if (variant.startsWith('bare')) {
          const { electionId, people } = await seed(n);
          bare10 = await bareExpiry(electionId, people);
          await verify(electionId, n);
          ctx.log(`  round ${round}: bare writes expiring ${n} in ${Math.round(bare10)} ms`);
          continue;
        }
        // The larger sizes are measured once (round 0); later rounds pair the 10,000 with its bare writes.
        if (round > 0 && n > 10_000) continue;
        const { electionId } = await seed(n);
        let out = { changed: 0, runs: 0 };
        const ms = await timeOnce(async () => {
          out = await expireAll();
        });
        await verify(electionId, n);
        if (out.changed !== n) throw new Error(`expired ${out.changed}, expected ${n}`);
        samples[n]!.push(ms);
        if (n === 10_000) job10 = ms;
        ctx.log(`  round ${round}: ${n} mandates expired in ${Math.round(ms)} ms (${out.runs} run(s))`);
      }
      bare.push(bare10);
      relative.push(job10 / bare10);
    }
    const s1 = stats(samples[10_000]!);
    const s2 = stats(samples[20_000]!);
    const sb = stats(bare);
    // Least squares over the measured sizes: time = a + b·n, extrapolated to 100,000.
    const points = sizes.flatMap((n) => samples[n]!.map((ms) => [n, ms] as const));
    const mx = points.reduce((a, [n]) => a + n, 0) / points.length;
    const my = points.reduce((a, [, ms]) => a + ms, 0) / points.length;
    const slope =
      points.reduce((a, [n, ms]) => a + (n - mx) * (ms - my), 0) / points.reduce((a, [n]) => a + (n - mx) ** 2, 0);
    const at100k = my + slope * (100_000 - mx);
    ctx.log(`  10,000: ${fmtMs(s1)}; bare 10,000: ${fmtMs(sb)}; 20,000: ${fmtMs(s2)}`);
    return [
      resultOf({
        name: 'expire-mandates: 10,000 vs the bare conditional writes of the same transitions (machine-independent)',
        figure: stats(relative).median,
        unit: '×',
        target: { figureAtMost: 1.5 },
        notes: `median of the per-round ratios (job / hand-written TransactWriteItems, same round); ratios ${relative.map((x) => x.toFixed(2)).join(', ')}; bare ${fmtMs(sb)}`,
      }),
      resultOf({
        name: 'expire-mandates: 10,000 accredited observers expired (3.7)',
        figure: s1.median / 1000,
        unit: 's',
        baseline: sb.median / 1000,
        baselineName: 'bare conditional writes of 10,000',
        target: { figureAtMost: 30 },
        notes: `median of ${rounds} round(s), DynamoDB Local; pages of 500 from the status index (the next read while the current is written), transactions of ≤ 100 actions (per person: conditional Put + audit; per transaction: merged counters), a checkpoint per page; samples ${samples[10_000]!.map((x) => (x / 1000).toFixed(1)).join(', ')} s`,
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
      resultOf({
        name: 'expire-mandates: 100,000 extrapolated from the measured sizes, in runs of the 240 s budget',
        figure: at100k / 1000,
        unit: 's',
        baseline: s1.median / 1000,
        baselineName: '10,000 observers',
        target: { none: true },
        notes: `least squares over ${sizes.join(', ')}; on paper: 100,000 people = 200 pages of 500 = about 2,100 transactions of ≤ 100 actions and 200 checkpoints; at this speed ${Math.ceil(at100k / 240_000)} run(s) of the job's 240 s checkpoint budget (Lambda's limit is 15 minutes), each resuming from its checkpoint; measured ${sizes.map((n) => `${n}: ${(stats(samples[n]!).median / 1000).toFixed(1)} s`).join(', ')}`,
      }),
    ];
  },
};
