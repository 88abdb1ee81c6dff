/**
 * The movable clock: moving it (or real time passing) fires the schedules that fall due on the way, in
 * order, each due time once, with the clock standing at the due time while the job runs.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, bishkekDate, startOfBishkekDay } from '#domain/time';
import { readRecords, waitForRecords } from './fixtures/records';
import { api } from './fixtures/twin-client';

interface Firing {
  schedule: string;
  scheduledTime: string;
  status: string;
}
interface Move {
  previous: string;
  now: string;
  fired: Firing[];
}
interface Tick {
  event: { job: string; scheduledAt: string };
  now: string;
}

const admin = 'admin@cec.local';
const HOUR = 3_600_000;

async function move(body: unknown): Promise<Move> {
  const res = await api('/local/clock', { method: 'POST', as: admin, body });
  expect(res.status, res.text).toBe(200);
  return (await res.json()) as Move;
}

const ticks = (job: string, scheduledAt: string) =>
  readRecords<Tick>('tick').filter((t) => t.event.job === job && t.event.scheduledAt === scheduledAt);

/**
 * The first day from `from` on whose due time (`hours` after 00:00 Bishkek) `job` has not fired yet:
 * other files move the clock too, and a due time fires only once.
 */
function freshDay(job: string, from: string, hours: number): string {
  for (let day = from; ; day = addDays(day, 1)) {
    const due = new Date(startOfBishkekDay(day).getTime() + hours * HOUR);
    if (ticks(job, due.toISOString().replace('.000Z', 'Z')).length === 0) return day;
  }
}

/** The due time the first move fired, kept for the reset test. */
let fired: { tenOClock: Date; due: Date } | undefined;

afterAll(async () => {
  await move({ reset: true });
});

describe('the twin’s clock', () => {
  it('shows the clock and each schedule’s next due time to cec-admin', async () => {
    const res = await api('/local/clock', { as: admin });
    const body = (await res.json()) as { now: string; schedules: { name: string; nextDue: string | null }[] };
    expect(body.schedules.map((s) => s.name)).toEqual(expect.arrayContaining(['close-windows', 'twin-tick']));
    const tick = body.schedules.find((s) => s.name === 'twin-tick')!;
    // Due daily at 12:00 Bishkek, i.e. 06:00 UTC.
    expect(tick.nextDue).toMatch(/T06:00:00\.000Z$/);
  });

  it('fires a schedule exactly once when the clock moves past its due time, at that time', async () => {
    const now = new Date(((await (await api('/local/clock', { as: admin })).json()) as { now: string }).now);
    const day = freshDay('twin-tick', addDays(bishkekDate(now), 2), 12);
    const tenOClock = new Date(startOfBishkekDay(day).getTime() + 10 * HOUR);
    await move({ at: tenOClock.toISOString() });

    const due = new Date(startOfBishkekDay(day).getTime() + 12 * HOUR);
    const scheduledAt = due.toISOString().replace('.000Z', 'Z');
    const moved = await move({ advance: '3h' });
    expect(moved.fired.filter((f) => f.schedule === 'twin-tick')).toEqual([
      expect.objectContaining({ scheduledTime: due.toISOString(), status: 'ok' }),
    ]);
    // Fired in time order.
    const times = moved.fired.map((f) => f.scheduledTime);
    expect([...times].sort()).toEqual(times);
    const seen = ticks('twin-tick', scheduledAt);
    expect(seen).toHaveLength(1);
    // While the job ran the clock stood at its due time (plus the moment the call took).
    const lag = new Date(seen[0]!.now).getTime() - due.getTime();
    expect(lag).toBeGreaterThanOrEqual(0);
    expect(lag).toBeLessThan(5000);
    expect(new Date(moved.now).getTime() - (tenOClock.getTime() + 3 * HOUR)).toBeLessThan(5000);

    // Back, then over the same due time again: it does not fire twice.
    const back = await move({ at: tenOClock.toISOString() });
    expect(back.fired).toEqual([]);
    const again = await move({ advance: '3h' });
    expect(again.fired.filter((f) => f.schedule === 'twin-tick')).toEqual([]);
    expect(ticks('twin-tick', scheduledAt)).toHaveLength(1);
    fired = { tenOClock, due };
  });

  it('fires a schedule when real time reaches its due time', async () => {
    const now = new Date(((await (await api('/local/clock', { as: admin })).json()) as { now: string }).now);
    const day = freshDay('twin-timer', addDays(bishkekDate(now), 1), 7.5);
    const due = new Date(startOfBishkekDay(day).getTime() + 7.5 * HOUR);
    await move({ at: new Date(due.getTime() - 1500).toISOString() });
    const scheduledAt = due.toISOString().replace('.000Z', 'Z');
    const seen = await waitForRecords<Tick, Tick[]>(
      'tick',
      () => {
        const found = ticks('twin-timer', scheduledAt);
        return found.length > 0 ? found : undefined;
      },
      8000,
    );
    expect(seen).toHaveLength(1);
  });

  it('runs a job on request, and answers 404 for a schedule that does not exist', async () => {
    const res = await api('/local/jobs/twin-tick', { method: 'POST', as: admin });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Firing).status).toBe('ok');
    const missing = await api('/local/jobs/no-such-job', { method: 'POST', as: admin });
    expect(missing.status).toBe(404);
  });

  it('refuses a move it cannot read, naming the field', async () => {
    const res = await api('/local/clock', { method: 'POST', as: admin, body: { advance: 'soon' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { issues: { field: string }[] } }).error.issues[0]?.field).toBe('advance');
    const both = await api('/local/clock', { method: 'POST', as: admin, body: { advance: '1d', reset: true } });
    expect(both.status).toBe(400);
  });

  it('goes back to real time on reset, and forgets which due times fired', async () => {
    const reset = await move({ reset: true });
    expect(Math.abs(new Date(reset.now).getTime() - Date.now())).toBeLessThan(5000);
    expect(fired).toBeDefined();
    await move({ at: fired!.tenOClock.toISOString() });
    const again = await move({ advance: '3h' });
    expect(again.fired.filter((f) => f.schedule === 'twin-tick').map((f) => f.scheduledTime)).toEqual([
      fired!.due.toISOString(),
    ]);
    await move({ reset: true });
  });
});
