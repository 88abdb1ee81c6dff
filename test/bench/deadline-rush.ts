/**
 * The deadline rush on the twin: organizations sign in with their access codes (2.3), create an
 * application, add 3 representatives, upload the letter and each person's passport copy and photo
 * (presigned POST to the S3 server; the upload checker settles them from the bucket's events), and
 * submit (3.1), all at once with a bounded number of organizations in flight. Everything goes over HTTP
 * through the twin's gateway into one election, so the election's counters and the passport index are
 * shared by every submit. Pairs of organizations nominate the same passport: both people must end up
 * flagged DUPLICATE_NOMINATION (3.1) whichever submits first.
 *
 * Checked: no request fails (a 429 on a correct access code is the limiter's fault), nothing is lost
 * (every application submitted with its 3 people, each submitted, the election's counters matching),
 * every flag right. Latency: for each kind of request, its p99 in the rush against its p50 when
 * organizations go one at a time before the rush (the same requests alone). Target: ratio ≤ 5.
 *
 * Setup, untimed: the election and the organizations with their invitations through the product's
 * code; the access codes read from the invitation emails the outbox consumer sent through SES.
 */
import { readFile } from 'node:fs/promises';
import { ulid } from 'ulid';
import { type Benchmark, type BenchResult, median, percentile, resultOf } from './harness';

const ORGS = Number(process.env.BENCH_RUSH_ORGS ?? 300);
const ALONE = 5;
/** Organizations in flight at once. */
const CONCURRENCY = Number(process.env.BENCH_RUSH_CONCURRENCY ?? 12);
const PEOPLE = 3;

type Kind = 'sign-in' | 'create application' | 'add representative' | 'request upload' | 'upload (S3)' | 'submit';
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

class RushError extends Error {}

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
    const total = ORGS + ALONE;
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

    // --- one organization's flow
    const latency = { alone: new Map<Kind, number[]>(), rush: new Map<Kind, number[]>() };
    const errors: string[] = [];
    let throttled = 0;
    const flow = async (org: Org, phase: 'alone' | 'rush') => {
      const record = (kind: Kind, ms: number) => latency[phase].set(kind, [...(latency[phase].get(kind) ?? []), ms]);
      const call = async <T>(kind: Kind, method: string, path: string, body?: unknown, token?: string): Promise<T> => {
        const started = performance.now();
        const res = await fetch(`${api}${path}`, {
          method,
          headers: {
            accept: 'application/json',
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        record(kind, performance.now() - started);
        if (res.status === 429) throttled++;
        if (res.status >= 300) throw new RushError(`${kind} ${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
        return (text ? JSON.parse(text) : {}) as T;
      };
      const session = await call<{ token: string }>('sign-in', 'POST', '/v1/portal/sessions', { accessCode: org.code });
      const t = session.token;
      const app = await call<{ id: string }>(
        'create application',
        'POST',
        '/v1/portal/applications',
        { channel: 'direct' },
        t,
      );
      const base = `/v1/portal/applications/${app.id}`;
      const people: string[] = [];
      for (let i = 0; i < PEOPLE; i++) {
        const p = await call<{ id: string }>(
          'add representative',
          'POST',
          `${base}/representatives`,
          {
            familyNameLatin: 'Novak',
            givenNamesLatin: ['JANA', 'EVA', 'PETRA'][i] ?? 'JANA',
            familyNameCyrillic: 'Новак',
            givenNamesCyrillic: 'Яна',
            sex: 'F',
            dateOfBirth: '1979-09-02',
            citizenship: 'CZ',
            passportNumber: i === PEOPLE - 1 ? org.sharedPassport : `R${org.id.slice(-10)}${i}`,
            passportExpiresOn: '2034-01-31',
            role: i === 0 ? 'head' : 'observer',
            email: `person${i}@observers.example`,
            phone: '+420 601 123 456',
            preferredLanguage: 'en',
          },
          t,
        );
        people.push(p.id);
      }
      const uploads: { kind: keyof typeof files; personId?: string }[] = [
        { kind: 'letter' },
        ...people.flatMap((personId) => [
          { kind: 'passport' as const, personId },
          { kind: 'photo' as const, personId },
        ]),
      ];
      for (const u of uploads) {
        const f = files[u.kind];
        const up = await call<{ url: string; fields: Record<string, string> }>(
          'request upload',
          'POST',
          `${base}/uploads`,
          { kind: u.kind, contentType: f.type, ...(u.personId ? { personId: u.personId } : {}) },
          t,
        );
        const form = new FormData();
        for (const [k, v] of Object.entries(up.fields)) form.append(k, v);
        form.append('file', new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
        const started = performance.now();
        const res = await fetch(up.url, { method: 'POST', body: form });
        await res.arrayBuffer();
        record('upload (S3)', performance.now() - started);
        if (res.status >= 300) throw new RushError(`upload of ${u.kind}: ${res.status}`);
      }
      // The upload checker settles the documents from the bucket's events: wait for it (untimed).
      const waitStarted = performance.now();
      for (;;) {
        const res = await fetch(`${api}${base}`, { headers: { authorization: `Bearer ${t}` } });
        const a = (await res.json()) as {
          letterDocument: { state: string } | null;
          people: { documents: Record<string, { state: string } | null> }[];
        };
        const states = [
          a.letterDocument?.state,
          ...a.people.flatMap((p) => [p.documents.passport?.state, p.documents.photo?.state]),
        ];
        if (states.every((s) => s === 'received')) break;
        if (states.some((s) => s === 'rejected')) throw new RushError(`a document was rejected: ${states.join(', ')}`);
        if (performance.now() - waitStarted > 120_000)
          throw new RushError(`documents not checked in 120 s: ${states.join(', ')}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      await call('submit', 'POST', `${base}/submit`, {}, t);
      return { token: t, applicationId: app.id };
    };

    // --- alone: one organization at a time
    const done = new Map<string, { token: string; applicationId: string }>();
    for (const org of orgs.slice(ORGS)) done.set(org.id, await flow(org, 'alone'));

    // --- the rush
    const rushOrgs = orgs.slice(0, ORGS);
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < rushOrgs.length) {
          const org = rushOrgs[next++]!;
          try {
            done.set(org.id, await flow(org, 'rush'));
          } catch (err) {
            errors.push(`${org.id}: ${(err as Error).message}`);
          }
        }
      }),
    );
    const rushSeconds = (performance.now() - started) / 1000;

    // --- nothing lost, every flag right (read back through the portal)
    let lost = 0;
    let wrongFlags = 0;
    let submittedPeople = 0;
    for (const org of rushOrgs) {
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
    const expectedSubmitted = submittedPeople + ALONE * PEOPLE;
    if ((counts.submitted ?? 0) !== expectedSubmitted) lost += Math.abs((counts.submitted ?? 0) - expectedSubmitted);
    const counterNote = `; the election's counters: ${counts.submitted ?? 0} submitted (expected ${expectedSubmitted}), ${counts.draft ?? 0} draft`;

    const rows = KINDS.map((k) => {
      const alone = latency.alone.get(k) ?? [];
      const rush = latency.rush.get(k) ?? [];
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
    const worst = [...rows].sort((a, b) => b.ratio - a.ratio)[0]!;
    ctx.log(
      `  rush: ${rushOrgs.length} organizations in ${rushSeconds.toFixed(1)} s; errors ${errors.length}; lost ${lost}; wrong flags ${wrongFlags}`,
    );
    for (const e of errors.slice(0, 5)) ctx.log(`    ${e}`);
    const concurrencyNote = `${ORGS} organizations × (sign-in, application, ${PEOPLE} representatives, ${1 + 2 * PEOPLE} uploads, submit), ${CONCURRENCY} in flight, one election; ${rushSeconds.toFixed(1)} s`;
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
        notes: `${submittedPeople} of ${ORGS * PEOPLE} people submitted, read back through the portal${counterNote}`,
      }),
      resultOf({
        name: 'deadline rush: people with wrong flags',
        figure: wrongFlags,
        unit: 'people',
        target: { figureAtMost: 0 },
        notes: `${Math.floor(ORGS / 4) * 2} people share a passport with another organization's (DUPLICATE_NOMINATION, 3.1); the rest none`,
      }),
      resultOf({
        name: `deadline rush: worst p99 vs the same request alone (${worst.kind})`,
        figure: worst.p99Rush,
        unit: 'ms',
        baseline: worst.p50Alone,
        baselineName: `p50 of ${worst.kind} with one organization at a time (${ALONE} organizations)`,
        target: { ratioAtMost: 5 },
        notes: rows
          .map(
            (r) =>
              `${r.kind}: p99 ${r.p99Rush.toFixed(0)} / alone p50 ${r.p50Alone.toFixed(0)} ms = ${r.ratio.toFixed(2)}`,
          )
          .join('; '),
      }),
    ];
  },
};
