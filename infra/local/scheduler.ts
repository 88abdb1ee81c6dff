/**
 * EventBridge Scheduler on the twin's movable clock. Each row of the schedule table
 * (`shared/wiring/schedules.ts`) falls due by its cron in Asia/Bishkek; when real time passes or the
 * clock is moved forward, every due time between the old and the new "now" fires, in order, once (a
 * row with `coalesce` fires only the latest of them: a clock moved by days runs it once). While
 * a due time fires, the clock stands at that time, so a job sees the "now" it would see in AWS. Moving
 * the clock back and forward again does not fire a due time twice; a reset to real time forgets them.
 */
import { advance as advanceClock, clock, resetClock, setNow } from '#runtime/clock';
import type { ScheduleRow } from '#wiring/schedules';
import { latestOccurrence, occurrences } from './cron';
import { FunctionTimeoutError, invoke, lambdaContext, loadHandler } from './lambda';

export type ScheduleSpec = Pick<ScheduleRow, 'name' | 'cron' | 'timezone' | 'handler' | 'budgetSeconds'> &
  Partial<Pick<ScheduleRow, 'description' | 'coalesce'>>;

export interface Firing {
  schedule: string;
  scheduledTime: string;
  status: 'ok' | 'skipped' | 'failed' | 'timed-out';
  ms: number;
  detail?: string;
  result?: unknown;
}

export interface ClockMove {
  previous: string;
  now: string;
  fired: Firing[];
}

/**
 * The event a job receives: the schedule's target input, as the CDK stack writes it with EventBridge
 * Scheduler's context attribute `<aws.scheduler.scheduled-time>` (which has no milliseconds), e.g.
 * `{"job": "close-windows", "scheduledAt": "2027-03-11T18:01:00Z"}` (see events/scheduler/).
 */
export interface SchedulerInput {
  job: string;
  scheduledAt: string;
}

export function schedulerEvent(row: Pick<ScheduleRow, 'name'>, scheduledTime: Date): SchedulerInput {
  return { job: row.name, scheduledAt: scheduledTime.toISOString().replace(/\.\d{3}Z$/, 'Z') };
}

function brief(value: unknown): unknown {
  const text = JSON.stringify(value ?? null);
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : value;
}

export interface Scheduler {
  rows: readonly ScheduleSpec[];
  moveTo(target: Date): Promise<ClockMove>;
  advance(ms: number): Promise<ClockMove>;
  /** Back to real time; nothing fires, and the due times fired so far may fire again later. */
  reset(): Promise<ClockMove>;
  runNow(name: string): Promise<Firing>;
  stop(): void;
}

export function startScheduler(opts: {
  rows: readonly ScheduleSpec[];
  region: string;
  /** How often real time is checked for due schedules; 0 turns the timer off. */
  timerMs?: number;
  log?: (line: string) => void;
}): Scheduler {
  const log = opts.log ?? (() => {});
  const fired = new Set<string>();
  let cursor = clock.now();
  let stopped = false;
  let chain: Promise<unknown> = Promise.resolve();

  /** One thing at a time: clock moves, timer ticks and manual runs never interleave. */
  function serial<T>(work: () => Promise<T>): Promise<T> {
    const next = chain.then(work, work);
    chain = next.catch(() => {});
    return next;
  }

  async function fire(row: ScheduleSpec, at: Date): Promise<Firing> {
    const started = performance.now();
    const base = { schedule: row.name, scheduledTime: at.toISOString() };
    const fn = await loadHandler(row.handler).catch((err: unknown) => {
      throw new Error(`functions/${row.handler}.ts could not be loaded: ${String(err)}`);
    });
    if (!fn) {
      log(`schedule ${row.name} due ${base.scheduledTime}: functions/${row.handler}.ts does not exist yet, skipped`);
      return { ...base, status: 'skipped', ms: 0, detail: `functions/${row.handler}.ts does not exist yet` };
    }
    const timeoutMs = (row.budgetSeconds + 60) * 1000;
    try {
      const result = await invoke(
        fn,
        schedulerEvent(row, at),
        lambdaContext(row.handler, timeoutMs, opts.region),
        timeoutMs,
      );
      const ms = Math.round(performance.now() - started);
      log(`schedule ${row.name} due ${base.scheduledTime}: ran in ${ms} ms`);
      return { ...base, status: 'ok', ms, result: brief(result) };
    } catch (err) {
      const ms = Math.round(performance.now() - started);
      const status = err instanceof FunctionTimeoutError ? 'timed-out' : 'failed';
      log(`schedule ${row.name} due ${base.scheduledTime}: ${status}: ${(err as Error)?.stack ?? String(err)}`);
      return { ...base, status, ms, detail: (err as Error)?.message ?? String(err) };
    }
  }

  /** Fires what fell due in (cursor, until], in time order; with `moveClock`, the clock walks through them. */
  async function catchUp(until: Date, moveClock: boolean): Promise<Firing[]> {
    const due = opts.rows
      .flatMap((row, order) =>
        (row.coalesce ? latestOccurrence : occurrences)(row.cron, row.timezone, cursor, until).map((at) => ({
          row,
          at,
          order,
        })),
      )
      .sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
    const out: Firing[] = [];
    for (const { row, at } of due) {
      if (stopped) break;
      const key = `${row.name}@${at.toISOString()}`;
      if (fired.has(key)) continue;
      fired.add(key);
      if (moveClock) setNow(at);
      out.push(await fire(row, at));
    }
    if (until.getTime() > cursor.getTime()) cursor = until;
    if (fired.size > 50_000) fired.clear();
    return out;
  }

  async function moveTo(target: Date): Promise<ClockMove> {
    const previous = clock.now();
    let out: Firing[] = [];
    if (target.getTime() > previous.getTime()) {
      cursor = previous;
      out = await catchUp(target, true);
    }
    setNow(target);
    cursor = target;
    return { previous: previous.toISOString(), now: clock.now().toISOString(), fired: out };
  }

  const timer =
    (opts.timerMs ?? 1000) > 0
      ? setInterval(() => {
          void serial(() => catchUp(clock.now(), false)).catch((err: unknown) => log(`scheduler: ${String(err)}`));
        }, opts.timerMs ?? 1000)
      : undefined;
  timer?.unref();

  return {
    rows: opts.rows,
    moveTo: (target) => serial(() => moveTo(target)),
    advance: (ms) =>
      serial(async () => {
        const previous = clock.now();
        if (ms <= 0) {
          advanceClock(ms);
          cursor = clock.now();
          return { previous: previous.toISOString(), now: clock.now().toISOString(), fired: [] };
        }
        return moveTo(new Date(previous.getTime() + ms));
      }),
    reset: () =>
      serial(async () => {
        const previous = clock.now();
        resetClock();
        cursor = clock.now();
        // Back at real time the story starts again: due times may fire again when the clock is next
        // moved over them (jobs are idempotent). Each test file that moves the clock resets it after.
        fired.clear();
        return { previous: previous.toISOString(), now: clock.now().toISOString(), fired: [] };
      }),
    runNow: (name) =>
      serial(async () => {
        const row = opts.rows.find((r) => r.name === name);
        if (!row)
          throw new Error(`no schedule named ${name}; the schedules are ${opts.rows.map((r) => r.name).join(', ')}`);
        return fire(row, clock.now());
      }),
    stop: () => {
      stopped = true;
      if (timer) clearInterval(timer);
    },
  };
}
