/**
 * The schedule table: every scheduled job, one row each. The CDK stack creates one EventBridge
 * Scheduler schedule per row (timezone Asia/Bishkek); the local twin fires the same rows on the
 * movable clock. Jobs are idempotent and resumable (design principle 6), so firing one twice is harmless.
 */
import { BISHKEK_TZ } from '#domain/time';

export interface ScheduleRow {
  name: string;
  /** EventBridge Scheduler cron: `cron(minutes hours day-of-month month day-of-week year)`. */
  cron: string;
  timezone: typeof BISHKEK_TZ;
  /** The job's entry module under `functions/`, exporting `handler`. */
  handler: string;
  /** Seconds the job may run before it checkpoints and stops (the Lambda timeout is set above it). */
  budgetSeconds: number;
  description: string;
  /**
   * When due times were missed (the twin's clock moved by days), fire only the latest of them, once.
   * For frequent jobs that look at "now" (EventBridge Scheduler never replays missed times either).
   */
  coalesce?: boolean;
}

export const schedules: readonly ScheduleRow[] = [
  {
    name: 'close-windows',
    cron: 'cron(1 0 * * ? *)',
    timezone: BISHKEK_TZ,
    handler: 'jobs/close-windows',
    budgetSeconds: 240,
    description: '3.6: at 00:00 of D−2 (per offset) lapse undecided people, tell organizations, lock applications',
  },
  {
    name: 'expire-mandates',
    cron: 'cron(5 0 * * ? *)',
    timezone: BISHKEK_TZ,
    handler: 'jobs/expire-mandates',
    budgetSeconds: 240,
    description: '3.7: after results publication (or the repeat voting’s) accredited observers become expired',
  },
  {
    name: 'remind-organizations',
    cron: 'cron(0 9 * * ? *)',
    timezone: BISHKEK_TZ,
    handler: 'jobs/remind-organizations',
    budgetSeconds: 240,
    description: '3.6: remind organizations with unfinished applications 7 and 2 days before the window closes',
  },
  {
    name: 'purge-documents',
    cron: 'cron(30 2 * * ? *)',
    timezone: BISHKEK_TZ,
    handler: 'jobs/purge-documents',
    budgetSeconds: 240,
    description: 'Delete identity documents a set time (default 90 days) after mandates end; decisions and audit stay',
  },
  {
    name: 'redrive-mail',
    cron: 'cron(* * * * ? *)',
    timezone: BISHKEK_TZ,
    handler: 'jobs/redrive-mail',
    budgetSeconds: 50,
    description: 'Send failed mail again with backoff (1, 2, 4 … 30 minutes); park what still fails 24 hours on',
    coalesce: true,
  },
];
