/**
 * The deadline rush on the twin: 300 organizations sign in with their access codes (2.5), create an
 * application, add 3 representatives, upload the letter and each person's passport copy and photo
 * (presigned POST to the S3 server; the upload checker settles them from the bucket's events), and
 * submit (3.1). Everything goes over HTTP through the twin's gateway into one election, so the
 * election's counters and the passport index are shared by every submit. Pairs of organizations
 * nominate the same passport: both people must end up flagged DUPLICATE_NOMINATION (3.1) whichever
 * submits first.
 *
 * Checked: no request fails (a 429 on a correct access code is the limiter's fault), nothing is lost
 * (every application submitted with its 3 people, each submitted, the election's counters matching),
 * every flag right. Latency: for each kind of request, its p99 in the rush against its p50 when
 * organizations go one at a time before the rush (the same requests alone). Target: ratio ≤ 5.
 *
 * How the rush is modelled, and why. The twin runs the API's functions in one Node event loop, beside
 * the stream poller (s3rver and the upload checker it triggers have a thread of their own at a lower
 * priority, infra/local/s3-worker.ts, and so do the organizations' browsers, ./deadline-rush-client.ts:
 * their requests, upload forms and status polls are not the API's work, and a response is timed when it
 * arrives, not when the API's loop is next free), on a 2-core machine that also runs DynamoDB Local; in
 * AWS each concurrent request gets its own Lambda environment and S3 scales on its own. A closed
 * loop of N organizations always in flight saturates that one event loop, and then p99 measures the
 * queue in front of a busy box (N × the service time), not the product: it cannot reach 5× alone
 * whatever the code does. So the rush is open: the 300 organizations arrive at random (Poisson, seeded),
 * each starting its flow at its arrival time whatever the others are doing, at a fixed rate — the
 * throughput this machine sustains, measured in the same run, times a stated utilization (default 0.5).
 * 1. Alone: one organization goes first, untimed, to load the functions (the rush meets warm Lambda
 *    environments, and a cold load is the cold-start benchmark's), then 11 one at a time: the baseline.
 *    Sign-in, application and submit come once per organization, so their p50 is the median of 11
 *    samples, not of 5 of which one loaded the code.
 * 2. Capacity: 24 organizations closed-loop, 12 in flight (saturating): organizations per second.
 * 3. Rush: 300 organizations at utilization × capacity, as many in flight as arrive.
 * What this catches is what concurrency does to the product (the election's shared counter and
 * application numbers, transaction conflicts and their retries, rate limits, queries that grow as the
 * election fills), with the machine left headroom as a fleet of Lambdas has. A slower product lowers
 * the measured capacity and so the offered rate: per-request cost is the other benchmarks' concern
 * (gateway, submit, cold start), and this one reports the capacity and the throughput reached beside
 * the ratios. At the default rate on this machine the 900 people still arrive within minutes, far
 * denser than any real closing day.
 *
 * The upload itself goes from the browser straight to S3 through the presigned POST: none of the
 * product's code runs in it, and on the twin it measures s3rver (a single-process emulator that reads
 * the bucket's configuration from disk on every request) on its thread. Its p99 is reported
 * beside its alone p50, informative; the product's part of an upload (the request for the presigned
 * POST, and the check from the bucket's event, whose result submit needs) is measured.
 *
 * Setup, untimed: the election and the organizations with their invitations through the product's
 * code; the access codes read from the invitation emails the outbox consumer sent through SES.
 * BENCH_RUSH_ORGS, BENCH_RUSH_UTILIZATION and BENCH_RUSH_SEED change the size, the rate and the arrivals.
 */
import { readFile, stat } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { ulid } from 'ulid';
import type { Kind, RushClientInput, RushClientMessage, RushClientOutput } from './deadline-rush-client';
import { type Benchmark, type BenchResult, median, percentile, resultOf } from './harness';

const ORGS = Number(process.env.BENCH_RUSH_ORGS ?? 300);
/** The organization that loads the functions first (untimed), then those timed one at a time. */
const WARMUP = 1;
const ALONE = 11;
/** Organizations of the capacity measure, and how many of them are in flight at once (saturating). */
const CAPACITY_ORGS = 24;
const CAPACITY_IN_FLIGHT = 12;
/** The rush's arrival rate as a share of the measured capacity. */
const UTILIZATION = Number(process.env.BENCH_RUSH_UTILIZATION ?? 0.5);
const SEED = Number(process.env.BENCH_RUSH_SEED ?? 20261129);
const PEOPLE = 3;
/** The upload is S3's (see above): reported, not held to the target. */
const INFORMATIVE: readonly Kind[] = ['upload (S3)'];

const KINDS: Kind[] = [
  'sign-in',
  'create application',
  'add representative',
  'request upload',
  'upload (S3)',
  'submit',
];

interface Org {
  id: string;
  email: string;
  code: string;
  /** A passport number shared with its pair (or its own). */
  sharedPassport: string;
  duplicated: boolean;
}

/**
 * A worker thread's entry that runs a TypeScript module: Node 20 does not carry tsx's loader, which
 * the benchmark's process was started with, over to its worker threads, so the thread registers it first.
 */
function typeScriptEntry(module: URL): URL {
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(module.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

export const benchmark: Benchmark = {
  name: 'deadline-rush',
  needs: ['twin'],
  async run(ctx): Promise<BenchResult[]> {
    const twin = ctx.twin;
    if (!twin) throw new Error('the deadline rush needs the local twin');
    const { addDays, bishkekDate } = await import('#domain/time');
    const { createElection } = await import('#data/elections');
    const { createOrganization } = await import('#data/organizations');
    const { systemActor } = await import('#data/audit');
    const { issueInvitation } = await import('#intake/invitations');
    const { storedMails } = await import('#local/ses');
    const { FIXTURE_DIR } = await import('#test/fixtures/documents');
    const actor = systemActor('bench');
    const api = twin.internal.api;

    const files = {
      letter: {
        bytes: await readFile(new URL('letter.pdf', FIXTURE_DIR)),
        type: 'application/pdf',
        name: 'letter.pdf',
      },
      passport: {
        bytes: await readFile(new URL('passport.png', FIXTURE_DIR)),
        type: 'image/png',
        name: 'passport.png',
      },
      photo: { bytes: await readFile(new URL('photo.jpg', FIXTURE_DIR)), type: 'image/jpeg', name: 'photo.jpg' },
    };

    // --- setup (untimed)
    const now = new Date();
    const today = bishkekDate(now);
    const election = await createElection(
      {
        kind: 'presidential',
        name: { ky: 'Шайлоо', ru: 'Выборы', en: 'Deadline rush election' },
        calledOn: addDays(today, -20),
        votingDay: addDays(today, 4),
        windowOffsetDays: 3,
        resultsPublishedOn: null,
        repeatVoting: null,
      },
      actor,
      now,
    );
    const orgs: Org[] = [];
    const total = ORGS + WARMUP + ALONE + CAPACITY_ORGS;
    for (let i = 0; i < total; i += 20) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(20, total - i) }, async (_, j) => {
          const n = i + j;
          const email = `rush-${n}-${ulid().slice(-6).toLowerCase()}@observers.example`;
          const org = await createOrganization(
            {
              name: { original: `Rush mission ${n}` },
              type: 'international_organization',
              country: 'AT',
              contactEmail: email,
              preferredLanguage: 'en',
            },
            actor,
            now,
          );
          await issueInvitation(
            {
              electionId: election.id,
              organizationId: org.id,
              invitingAuthority: 'cec',
              invitedOn: addDays(today, -10),
              mfaDispatchRef: `RUSH-${n}`,
            },
            actor,
            now,
          );
          return { id: org.id, email };
        }),
      );
      for (const o of batch) orgs.push({ ...o, code: '', sharedPassport: '', duplicated: false });
    }
    // Pairs among the rush's organizations (0-1, 4-5, 8-9, ...) nominate one passport each.
    for (let n = 0; n < orgs.length; n++) {
      const pair = n < ORGS && n % 4 < 2 && n + (n % 2 === 0 ? 1 : 0) < ORGS;
      const base = n % 2 === 0 ? n : n - 1;
      orgs[n]!.duplicated = pair;
      orgs[n]!.sharedPassport = pair ? `RUSHDUP${base}${election.id.slice(-6)}` : `RUSHOWN${n}${election.id.slice(-6)}`;
    }
    const CODE = /\b[0-9A-HJKMNP-TV-Z]{26}\.[A-Z2-7]{26}\b/;
    const setupStarted = performance.now();
    for (;;) {
      const mails = await storedMails(twin.urls.mail.replace('localhost', '127.0.0.1'));
      const byAddress = new Map<string, string>();
      for (const m of mails) {
        const code = CODE.exec(`${m.body.text ?? ''} ${m.body.html ?? ''}`)?.[0];
        if (code) for (const to of m.destination.to) byAddress.set(to, code);
      }
      for (const o of orgs) o.code = byAddress.get(o.email) ?? '';
      const missing = orgs.filter((o) => !o.code).length;
      if (missing === 0) break;
      if (performance.now() - setupStarted > 240_000) throw new Error(`${missing} access-code emails never arrived`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    ctx.log(
      `  setup: ${orgs.length} organizations invited, codes mailed in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`,
    );

    // --- the organizations' browsers: a thread of their own (./deadline-rush-client.ts), off the loop
    // that runs the API's functions; this thread watches that loop while the rush runs.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    // The libuv threadpool is the process's, shared by every thread (s3rver's files, the upload
    // checker's reads, the SDK's, the organizations' thread): a stat every 20 ms times its queue.
    const poolWaits: number[] = [];
    let poolProbe: NodeJS.Timeout | undefined;
    const probePool = () => {
      const t = performance.now();
      stat('.').then(() => poolWaits.push(performance.now() - t));
    };
    const input: RushClientInput = {
      api,
      people: PEOPLE,
      files: Object.fromEntries(
        Object.entries(files).map(([k, f]) => [k, { ...f, bytes: new Uint8Array(f.bytes) }]),
      ) as RushClientInput['files'],
      warmup: orgs.slice(ORGS, ORGS + WARMUP),
      alone: orgs.slice(ORGS + WARMUP, ORGS + WARMUP + ALONE),
      capacity: orgs.slice(ORGS + WARMUP + ALONE),
      capacityInFlight: CAPACITY_IN_FLIGHT,
      rush: orgs.slice(0, ORGS),
      utilization: UTILIZATION,
      seed: SEED,
    };
    const worker = new Worker(typeScriptEntry(new URL('./deadline-rush-client.ts', import.meta.url)), {
      workerData: { deadlineRushClient: input },
    });
    let out: RushClientOutput;
    try {
      out = await new Promise<RushClientOutput>((resolve, reject) => {
        worker.on('message', (m: RushClientMessage) => {
          if (m.kind === 'log') ctx.log(m.line);
          else if (m.kind === 'rush-start') {
            loopDelay.enable();
            poolProbe = setInterval(probePool, 20);
          } else if (m.kind === 'rush-end') {
            loopDelay.disable();
            clearInterval(poolProbe);
          } else if (m.kind === 'done') resolve(m.output);
          else reject(new Error(`the organizations' thread failed: ${m.error}`));
        });
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`the organizations' thread exited with code ${code}`)));
      });
    } finally {
      // Also when the thread failed before the rush's end: the probe must not keep this process alive.
      clearInterval(poolProbe);
      loopDelay.disable();
      await worker.terminate();
    }
    const { errors, throttled, polls, slowest, capacity, rate, arrivalsSeconds, rushSeconds, maxInFlight, lateStarts } =
      out;
    const latency = out.latency;
    const done = new Map(out.done);
    const rushOrgs = input.rush;
    const loopNote = `the API's event loop held up p99 ${(loopDelay.percentile(99) / 1e6).toFixed(0)} ms, at most ${(loopDelay.max / 1e6).toFixed(0)} ms; a stat through the threadpool p99 ${poolWaits.length ? percentile(poolWaits, 99).toFixed(0) : '-'} ms, at most ${poolWaits.length ? Math.max(...poolWaits).toFixed(0) : '-'} ms; the organizations' thread's loop held up p99 ${out.clientLoop.p99.toFixed(0)} ms, at most ${out.clientLoop.max.toFixed(0)} ms`;
    const reached = rushOrgs.length / rushSeconds;
    const rushRequests = KINDS.reduce((n, k) => n + (latency.rush[k]?.length ?? 0), 0);

    // --- nothing lost, every flag right (read back through the portal)
    let lost = 0;
    let wrongFlags = 0;
    let submittedPeople = 0;
    // Every organization's, those alone and of the capacity measure too: they share the election.
    for (const org of orgs) {
      const d = done.get(org.id);
      if (!d) {
        lost++;
        continue;
      }
      const res = await fetch(`${api}/v1/portal/applications/${d.applicationId}`, {
        headers: { authorization: `Bearer ${d.token}` },
      });
      const a = (await res.json()) as {
        status: string;
        people: { status: string; flags: { code: string }[]; passportNumber: string }[];
      };
      if (a.status !== 'submitted' || a.people.length !== PEOPLE) lost++;
      for (const p of a.people) {
        if (p.status === 'submitted') submittedPeople++;
        else lost++;
        const expected = org.duplicated && p.passportNumber === org.sharedPassport ? ['DUPLICATE_NOMINATION'] : [];
        const got = p.flags.map((f) => f.code).sort();
        if (got.join() !== expected.join()) wrongFlags++;
      }
    }
    // The election's counters (one item, moved by every submit) must count every submitted person.
    const { statusCounts } = await import('#data/counters');
    const counts = await statusCounts(election.id);
    const expectedSubmitted = submittedPeople;
    if ((counts.submitted ?? 0) !== expectedSubmitted) lost += Math.abs((counts.submitted ?? 0) - expectedSubmitted);
    const counterNote = `; the election's counters: ${counts.submitted ?? 0} submitted (expected ${expectedSubmitted}), ${counts.draft ?? 0} draft`;

    const rows = KINDS.map((k) => {
      const alone = latency.alone[k] ?? [];
      const rush = latency.rush[k] ?? [];
      const p50Alone = alone.length ? median(alone) : Number.NaN;
      const p99Rush = rush.length ? percentile(rush, 99) : Number.NaN;
      return {
        kind: k,
        p50Alone,
        p99Rush,
        p50Rush: rush.length ? median(rush) : Number.NaN,
        n: rush.length,
        ratio: p99Rush / p50Alone,
      };
    });
    for (const r of rows) {
      ctx.log(
        `  ${r.kind.padEnd(20)} alone p50 ${r.p50Alone.toFixed(1)} ms; rush p50 ${r.p50Rush.toFixed(1)}, p99 ${r.p99Rush.toFixed(1)} ms (${r.n}) ×${r.ratio.toFixed(2)}`,
      );
    }
    const held = rows.filter((r) => !INFORMATIVE.includes(r.kind));
    const worst = [...held].sort((a, b) => b.ratio - a.ratio)[0]!;
    const upload = rows.find((r) => r.kind === 'upload (S3)')!;
    ctx.log(
      `  rush: ${rushOrgs.length} organizations in ${rushSeconds.toFixed(1)} s (arrivals over ${arrivalsSeconds.toFixed(1)} s), ${reached.toFixed(2)}/s, ${(rushRequests / rushSeconds).toFixed(1)} requests/s, up to ${maxInFlight} in flight, ${polls} status polls, ${lateStarts} late starts; ${loopNote}; errors ${errors.length}; lost ${lost}; wrong flags ${wrongFlags}`,
    );
    for (const e of errors.slice(0, 5)) ctx.log(`    ${e}`);
    slowest.sort((a, b) => b.ms - a.ms);
    for (const k of KINDS) {
      const slow = slowest.filter((r) => r.kind === k).slice(0, 4);
      ctx.log(
        `  slowest ${k}: ${slow.map((r) => `${r.ms.toFixed(0)} ms${r.serverMs ? ` (gateway ${r.serverMs.toFixed(0)})` : ''} at ${(r.at / 1000).toFixed(1)} s`).join('; ')}`,
      );
    }
    const rateNote = `open arrivals (Poisson, seed ${SEED}) at ${rate.toFixed(2)} organizations/s = ${UTILIZATION} × the capacity measured in this run (${capacity.toFixed(2)}/s, ${CAPACITY_ORGS} organizations, ${CAPACITY_IN_FLIGHT} in flight); up to ${maxInFlight} in flight; ${loopNote}`;
    const concurrencyNote = `${ORGS} organizations × (sign-in, application, ${PEOPLE} representatives, ${1 + 2 * PEOPLE} uploads, submit), one election; ${rateNote}; ${rushSeconds.toFixed(1)} s`;
    return [
      resultOf({
        name: `deadline rush: ${ORGS} organizations, requests failed`,
        figure: errors.length,
        unit: 'errors',
        target: { figureAtMost: 0 },
        notes: `${concurrencyNote}; ${throttled} answered 429 (correct codes must never be throttled)${errors.length ? `; first: ${errors.slice(0, 3).join(' | ')}` : ''}`,
      }),
      resultOf({
        name: 'deadline rush: applications or people lost',
        figure: lost,
        unit: 'lost',
        target: { figureAtMost: 0 },
        notes: `${submittedPeople} of ${orgs.length * PEOPLE} people submitted (${ORGS} organizations in the rush, ${WARMUP} warming up, ${ALONE} alone, ${CAPACITY_ORGS} measuring capacity), read back through the portal${counterNote}`,
      }),
      resultOf({
        name: 'deadline rush: people with wrong flags',
        figure: wrongFlags,
        unit: 'people',
        target: { figureAtMost: 0 },
        notes: `${Math.floor(ORGS / 4) * 2} people share a passport with another organization's (DUPLICATE_NOMINATION, 3.1); the rest none`,
      }),
      resultOf({
        name: 'deadline rush: throughput reached',
        figure: reached,
        unit: 'organizations/s',
        baseline: rate,
        baselineName: 'the offered rate',
        target: { none: true },
        notes: `${rushOrgs.length} organizations from the first arrival to the last submit in ${rushSeconds.toFixed(1)} s (arrivals over ${arrivalsSeconds.toFixed(1)} s); ${(rushRequests / rushSeconds).toFixed(1)} timed requests/s and ${polls} untimed status polls in all phases; the capacity (closed loop, saturating) ${capacity.toFixed(2)}/s`,
      }),
      resultOf({
        name: `deadline rush: worst p99 vs the same request alone (${worst.kind})`,
        figure: worst.p99Rush,
        unit: 'ms',
        baseline: worst.p50Alone,
        baselineName: `p50 of ${worst.kind} with one organization at a time (${ALONE} organizations)`,
        target: { ratioAtMost: 5 },
        notes: `${held
          .map(
            (r) =>
              `${r.kind}: p99 ${r.p99Rush.toFixed(0)} / alone p50 ${r.p50Alone.toFixed(0)} ms = ${r.ratio.toFixed(2)}`,
          )
          .join('; ')}; ${rateNote}`,
      }),
      resultOf({
        name: 'deadline rush: upload to S3, p99 vs alone (s3rver, informative)',
        figure: upload.p99Rush,
        unit: 'ms',
        baseline: upload.p50Alone,
        baselineName: `p50 of the upload with one organization at a time (${ALONE} organizations)`,
        target: { none: true },
        notes: `the presigned POST goes straight to S3, none of the product's code runs in it; on the twin it is s3rver on its own thread (rush p50 ${upload.p50Rush.toFixed(0)} ms, ${upload.n} uploads)`,
      }),
    ];
  },
};
