/**
 * 3.7: an observer's mandate ends on the day the results are officially published; from 00:00
 * Asia/Bishkek of the next day every `accredited` observer becomes `expired`. Where a repeat voting is
 * appointed, mandates run on without re-accreditation until the repeat voting's results are published
 * (3.7, second paragraph): `mandateEndsOn` gives the later day, and until it is known nothing expires.
 * Certificates need no write: their validity is derived from the person's status and the calendar,
 * so they stop verifying at the same instant, whether or not this job has run yet.
 */
import { systemActor } from '#data/audit';
import { isMandateOver, mandateEndsOn, mandateExpiresAt } from '#domain/calendar';
import { transitionMany } from './bulk-transition';
import { type JobContext, type JobResult, pageSizeOf, peopleByStatusPages, runJob } from './context';

export const EXPIRE_MANDATES_JOB = 'expire-mandates';

export async function expireMandates(ctx: JobContext): Promise<JobResult> {
  const actor = systemActor(EXPIRE_MANDATES_JOB);
  const limit = pageSizeOf(ctx);
  return runJob({
    job: EXPIRE_MANDATES_JOB,
    ctx,
    due: (e) => isMandateOver(e, ctx.now),
    scopeOf: (e) => `${e.id}#${mandateExpiresAt(e)?.toISOString()}`,
    plan: (e) => {
      const detail = {
        mandateEndsOn: mandateEndsOn(e),
        mandateExpiresAt: mandateExpiresAt(e)?.toISOString() ?? null,
        repeatVoting: e.repeatVoting !== null,
        job: EXPIRE_MANDATES_JOB,
      };
      const pages = peopleByStatusPages(e.id, 'accredited', limit);
      return {
        phases: [
          {
            name: 'expire:accredited',
            async page(cursor) {
              const page = await pages(cursor);
              const out = await transitionMany(page.people, {
                event: 'expire',
                actor,
                now: ctx.now,
                detail: () => detail,
              });
              return { nextCursor: page.nextCursor, changed: out.moved.length, skipped: out.skipped.length };
            },
          },
        ],
      };
    },
  });
}
