/**
 * The entry of a scheduled job: a plain Lambda handler (no HTTP middleware), invoked by EventBridge
 * Scheduler with the row's input, or by the local twin with the same shape. It reads "now" from the
 * runtime clock, gives the job the budget of its schedule row (never more than the Lambda has left),
 * and logs what the job did. A job that runs out of budget returns `done: false`; its checkpoints
 * let the next invocation continue.
 */
import type { Context } from 'aws-lambda';
import { clock } from '#runtime/clock';
import { logger } from '#runtime/logger';
import { countMetric } from '#runtime/metrics';
import { observed } from '#runtime/observability';
import { schedules } from '#wiring/schedules';
import { type CheckpointStore, tableCheckpoints } from './checkpoints';
import type { JobContext, JobResult } from './context';

/** What the schedule sends (see the CDK stack): the job's name and the time it was due. */
export interface ScheduledJobEvent {
  job?: string;
  scheduledAt?: string;
}

/** Time kept back from the Lambda's remaining time to save the last checkpoint and return. */
const SAFETY_MS = 20_000;

export function jobHandler(name: string, run: (ctx: JobContext) => Promise<JobResult>) {
  const row = schedules.find((s) => s.name === name);
  if (!row) throw new Error(`no schedule row named ${name} in shared/wiring/schedules.ts`);
  return observed(async (event: ScheduledJobEvent | undefined, context?: Context): Promise<JobResult> => {
    if (context) logger.addContext(context);
    logger.appendKeys({ job: name, scheduledAt: event?.scheduledAt });
    const remaining = context?.getRemainingTimeInMillis?.() ?? Number.POSITIVE_INFINITY;
    const budgetMs = Math.max(1_000, Math.min(row.budgetSeconds * 1000, remaining - SAFETY_MS));
    const started = Date.now();
    // A checkpoint is saved after every page (design principle 6): one saved checkpoint, one page processed.
    const checkpoints: CheckpointStore = {
      ...tableCheckpoints,
      save: (job, cp) => {
        countMetric('JobPagesProcessed');
        return tableCheckpoints.save(job, cp);
      },
    };
    let result: JobResult;
    try {
      result = await run({ now: clock.now(), deadline: started + budgetMs, checkpoints });
    } catch (error) {
      countMetric('JobErrors');
      throw error;
    }
    logger.info(result.done ? 'job finished' : 'job paused; the next run continues', {
      done: result.done,
      changed: result.changed,
      scopes: result.scopes,
      ms: Date.now() - started,
    });
    return result;
  });
}
