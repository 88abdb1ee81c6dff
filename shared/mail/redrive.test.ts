/** The redrive's backoff and what it does with a failed letter at a given time; the twin's coalescing of its schedule. */
import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '#data/outbox';
import { latestOccurrence, occurrences } from '#local/cron';
import { schedules } from '#wiring/schedules';
import { PARK_AFTER_MS, REDRIVE_CAP_MS, redriveDecision, redriveDelayMs } from './redrive';

const MINUTE = 60_000;
const T0 = Date.parse('2027-03-02T06:00:00Z');
const at = (ms: number) => new Date(T0 + ms);

function failed(over: Partial<OutboxItem> = {}): OutboxItem {
  return {
    id: '01OUT',
    kind: 'email',
    template: 'reminder',
    payload: {},
    status: 'failed',
    attempts: 5,
    retries: 0,
    createdAt: at(0).toISOString(),
    updatedAt: at(0).toISOString(),
    firstAttemptAt: at(0).toISOString(),
    failedAt: at(0).toISOString(),
    nextAttemptAt: at(MINUTE).toISOString(),
    failure: 'transient',
    lastError: 'attempt 5: Error: connect ECONNREFUSED',
    ...over,
  };
}

describe('the backoff of the redrive', () => {
  it('waits 1, 2, 4, 8, 16 minutes, then 30 minutes for every later round', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 50, 1000].map((r) => redriveDelayMs(r) / MINUTE)).toEqual([
      1, 2, 4, 8, 16, 30, 30, 30, 30,
    ]);
    expect(redriveDelayMs(-1)).toBe(MINUTE);
    expect(redriveDelayMs(Number.POSITIVE_INFINITY)).toBe(REDRIVE_CAP_MS);
  });
});

describe('what the job does with a failed letter', () => {
  it('waits until nextAttemptAt, then sends it again', () => {
    expect(redriveDecision(failed(), at(MINUTE - 1))).toBe('wait');
    expect(redriveDecision(failed(), at(MINUTE))).toBe('redrive');
    // Failed before nextAttemptAt was kept: due at once.
    expect(redriveDecision(failed({ nextAttemptAt: undefined }), at(1))).toBe('redrive');
  });

  it('parks it 24 hours after its first attempt, counted from the creation when the first attempt is unknown', () => {
    const late = failed({ retries: 40, nextAttemptAt: at(PARK_AFTER_MS + 10 * MINUTE).toISOString() });
    expect(redriveDecision(late, at(PARK_AFTER_MS - 1))).toBe('wait');
    expect(redriveDecision(late, at(PARK_AFTER_MS))).toBe('park');
    expect(redriveDecision(failed({ firstAttemptAt: undefined }), at(PARK_AFTER_MS))).toBe('park');
  });

  it('leaves letters that failed for their own fault, and any that are not failed', () => {
    expect(redriveDecision(failed({ failure: 'permanent' }), at(PARK_AFTER_MS * 2))).toBe('leave');
    for (const status of ['pending', 'sending', 'sent', 'parked'] as const) {
      expect(redriveDecision(failed({ status }), at(PARK_AFTER_MS * 2))).toBe('leave');
    }
  });
});

describe('the redrive-mail schedule on the twin', () => {
  const row = schedules.find((s) => s.name === 'redrive-mail')!;

  it('is due every minute and coalesces missed due times', () => {
    expect(row).toMatchObject({ cron: 'cron(* * * * ? *)', handler: 'jobs/redrive-mail', coalesce: true });
  });

  it('fires once, at the latest due time, for a move of days; none when no due time was passed', () => {
    const from = at(30_000);
    const to = at(3 * 24 * 60 * MINUTE + 30_000);
    // Every due time would be one firing a minute: 180 for three hours, 4320 for three days.
    expect(occurrences(row.cron, row.timezone, from, at(3 * 60 * MINUTE + 30_000))).toHaveLength(180);
    expect(latestOccurrence(row.cron, row.timezone, from, to)).toEqual([at(3 * 24 * 60 * MINUTE)]);
    expect(latestOccurrence(row.cron, row.timezone, from, at(50_000))).toEqual([]);
    expect(latestOccurrence(row.cron, row.timezone, at(0), at(MINUTE))).toEqual([at(MINUTE)]);
  });

  it('agrees with the list of due times for daily schedules and a year field', () => {
    const from = at(0);
    const to = at(10 * 24 * 60 * MINUTE);
    for (const cron of ['cron(1 0 * * ? *)', 'cron(30 2 * * ? *)', 'cron(0 9 * * ? 2027)', 'cron(0 9 * * ? 2026)']) {
      expect(latestOccurrence(cron, 'Asia/Bishkek', from, to), cron).toEqual(
        occurrences(cron, 'Asia/Bishkek', from, to).slice(-1),
      );
    }
  });
});
