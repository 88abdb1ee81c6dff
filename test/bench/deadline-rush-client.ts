/**
 * The deadline rush's organizations, as their browsers: a worker thread of its own that sends every
 * timed request over HTTP to the twin's gateway (test/bench/deadline-rush.ts starts it). The
 * organizations' clients are not the API's process in AWS; on the twin's event loop they would add
 * their own work (fetch, the upload forms, the status polls' JSON) to the loop that runs the API's
 * functions, and a response already written would wait there for the loop before its time was taken.
 *
 * The phases: one organization untimed (loads the functions), those alone one at a time, the capacity
 * (closed loop, saturating), then the rush at `utilization` × capacity with open (Poisson) arrivals.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { setThisThreadPriority } from '#local/thread-priority';
import { seeded } from '../fixtures/seeded';

export type Kind =
  | 'sign-in'
  | 'create application'
  | 'add representative'
  | 'request upload'
  | 'upload (S3)'
  | 'submit';
export type Phase = 'warm-up' | 'alone' | 'capacity' | 'rush';

export interface RushOrg {
  id: string;
  code: string;
  /** A passport number shared with its pair (or its own). */
  sharedPassport: string;
}

export interface RushFile {
  bytes: Uint8Array;
  type: string;
  name: string;
}

export interface RushClientInput {
  api: string;
  people: number;
  files: Record<'letter' | 'passport' | 'photo', RushFile>;
  /** In the order: warm-up, alone, capacity. */
  warmup: RushOrg[];
  alone: RushOrg[];
  capacity: RushOrg[];
  capacityInFlight: number;
  rush: RushOrg[];
  utilization: number;
  seed: number;
}

export interface RushClientOutput {
  latency: Record<Phase, Partial<Record<Kind, number[]>>>;
  errors: string[];
  throttled: number;
  polls: number;
  /** With the time the gateway says it held the request (its Server-Timing), where it answered one. */
  slowest: { kind: Kind; ms: number; at: number; serverMs?: number }[];
  /** This thread's own event loop during the rush: a late timestamp would be its delay, not the API's. */
  clientLoop: { p99: number; max: number };
  done: [string, { token: string; applicationId: string }][];
  capacity: number;
  rate: number;
  arrivalsSeconds: number;
  rushSeconds: number;
  maxInFlight: number;
  lateStarts: number;
}

/** What the thread tells the benchmark: the rush's start and end (it watches its own event loop then), the result. */
export type RushClientMessage =
  | { kind: 'log'; line: string }
  | { kind: 'rush-start' }
  | { kind: 'rush-end' }
  | { kind: 'done'; output: RushClientOutput }
  | { kind: 'failed'; error: string };

class RushError extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runRushClient(
  input: RushClientInput,
  send: (m: RushClientMessage) => void,
): Promise<RushClientOutput> {
  const { api, files, people: PEOPLE } = input;
  const latency: RushClientOutput['latency'] = { 'warm-up': {}, alone: {}, capacity: {}, rush: {} };
  const errors: string[] = [];
  let throttled = 0;
  let polls = 0;
  /** The rush's requests with when they started (ms into the rush), to see whether slow ones come together. */
  const slowest: RushClientOutput['slowest'] = [];
  let rushStarted = 0;

  const flow = async (org: RushOrg, phase: Phase) => {
    const record = (kind: Kind, ms: number, serverMs?: number) => {
      const list = latency[phase][kind] ?? [];
      list.push(ms);
      latency[phase][kind] = list;
      if (phase === 'rush')
        slowest.push({ kind, ms, at: performance.now() - ms - rushStarted, ...(serverMs ? { serverMs } : {}) });
    };
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
      const serverMs = Number(/dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1]);
      record(kind, performance.now() - started, Number.isFinite(serverMs) ? serverMs : undefined);
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
      polls++;
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
      await sleep(250);
    }
    await call('submit', 'POST', `${base}/submit`, {}, t);
    return { token: t, applicationId: app.id };
  };

  const done = new Map<string, { token: string; applicationId: string }>();
  const attempt = async (org: RushOrg, phase: Phase) => {
    try {
      done.set(org.id, await flow(org, phase));
    } catch (err) {
      errors.push(`${phase} ${org.id}: ${(err as Error).message}`);
    }
  };

  // --- 1. alone: one organization at a time
  for (const org of input.warmup) await attempt(org, 'warm-up');
  for (const org of input.alone) await attempt(org, 'alone');

  // --- 2. capacity: a closed loop that keeps the twin saturated
  const capacityStarted = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: input.capacityInFlight }, async () => {
      while (next < input.capacity.length) await attempt(input.capacity[next++]!, 'capacity');
    }),
  );
  const capacity = input.capacity.length / ((performance.now() - capacityStarted) / 1000);
  const rate = capacity * input.utilization;
  send({
    kind: 'log',
    line: `  capacity: ${capacity.toFixed(2)} organizations/s (${input.capacityInFlight} in flight); rush offered at ${rate.toFixed(2)}/s (utilization ${input.utilization})`,
  });

  // --- 3. the rush: open arrivals (Poisson at `rate`), each flow started at its time
  const random = seeded(input.seed);
  send({ kind: 'rush-start' });
  const clientLoop = monitorEventLoopDelay({ resolution: 10 });
  clientLoop.enable();
  const started = performance.now();
  rushStarted = started;
  let arrival = started;
  let inFlight = 0;
  let maxInFlight = 0;
  let lateStarts = 0;
  const flows: Promise<void>[] = [];
  for (const org of input.rush) {
    arrival += (-Math.log(1 - random()) / rate) * 1000;
    const wait = arrival - performance.now();
    if (wait > 0) await sleep(wait);
    // A start more than 100 ms behind its arrival: the load generator's own timer was held up.
    else if (wait < -100) lateStarts++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    flows.push(
      attempt(org, 'rush').finally(() => {
        inFlight--;
      }),
    );
  }
  const arrivalsSeconds = (arrival - started) / 1000;
  await Promise.all(flows);
  const rushSeconds = (performance.now() - started) / 1000;
  clientLoop.disable();
  send({ kind: 'rush-end' });
  return {
    latency,
    errors,
    throttled,
    polls,
    slowest,
    done: [...done],
    capacity,
    rate,
    arrivalsSeconds,
    rushSeconds,
    maxInFlight,
    lateStarts,
    clientLoop: { p99: clientLoop.percentile(99) / 1e6, max: clientLoop.max / 1e6 },
  };
}

if (parentPort && (workerData as { deadlineRushClient?: RushClientInput } | null)?.deadlineRushClient) {
  const port = parentPort;
  const send = (m: RushClientMessage) => port.postMessage(m);
  // The organizations' browsers are not on the API's machine in AWS. Here this thread reads the clock
  // when an answer arrives: at a higher priority it is not left waiting for a core behind the twin's
  // threads, which would add that wait to the time measured. Where raising it is not allowed, it says so.
  const raised = setThisThreadPriority(-5);
  send({
    kind: 'log',
    line: `  the organizations' thread runs at ${raised ? 'nice -5' : "the process's priority (raising it was not allowed)"}`,
  });
  runRushClient((workerData as { deadlineRushClient: RushClientInput }).deadlineRushClient, send).then(
    (output) => send({ kind: 'done', output }),
    (err: unknown) => send({ kind: 'failed', error: (err as Error)?.stack ?? String(err) }),
  );
}
