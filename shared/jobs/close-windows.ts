/**
 * 3.6: the accreditation window closes at 00:00 Asia/Bishkek of D − offset + 1 (D − 2 by default).
 * Request paths refuse late work by themselves (they check `isWindowOpen`); this job only does the
 * bookkeeping once the instant has passed: applications are locked, and everyone still undecided
 * (draft, submitted, returned, MFA-checked) becomes `lapsed`, with counters and audit in the same
 * transaction, and a 'decision-lapsed' email per person to the organization's contact and the person.
 *
 * Per person rather than one summary per organization: the mail contract of decisions is per person
 * (refusals and revocations are too), so organizations file a lapse like any other decision.
 */
import { systemActor } from '#data/audit';
import { outboxPut } from '#data/outbox';
import { lastAccreditationDay, windowClosesAt } from '#domain/calendar';
import { UNDECIDED_STATUSES } from '#domain/lifecycle';
import type { Election } from '#schemas/election';
import type { Person } from '#schemas/person';
import { applicationsPage, lockApplication } from './applications';
import { transitionMany } from './bulk-transition';
import { type JobContext, type JobResult, type Phase, pageSizeOf, peopleByStatusPages, runJob } from './context';
import { OrganizationCache, recipients } from './organizations';

export const CLOSE_WINDOWS_JOB = 'close-windows';

/** 3.6: due from the instant the window closes, never a moment before. */
export function windowHasClosed(e: Election, now: Date): boolean {
  return now.getTime() >= windowClosesAt(e).getTime();
}

export async function closeWindows(ctx: JobContext): Promise<JobResult> {
  const actor = systemActor(CLOSE_WINDOWS_JOB);
  const orgs = new OrganizationCache();
  const limit = pageSizeOf(ctx);

  return runJob({
    job: CLOSE_WINDOWS_JOB,
    ctx,
    due: (e) => windowHasClosed(e, ctx.now),
    scopeOf: (e) => `${e.id}#${windowClosesAt(e).toISOString()}`,
    plan: (e) => {
      const closedAt = windowClosesAt(e).toISOString();
      const lastDay = lastAccreditationDay(e);
      const detail = { windowClosesAt: closedAt, lastAccreditationDay: lastDay, job: CLOSE_WINDOWS_JOB };

      const lockPhase: Phase = {
        name: 'applications',
        async page(cursor) {
          const page = await applicationsPage(e.id, limit, cursor);
          let changed = 0;
          let skipped = 0;
          for (const app of page.items) {
            const outcome = await lockApplication(app, actor, ctx.now, detail);
            if (outcome === 'locked') changed++;
            if (outcome === 'skipped') skipped++;
          }
          return { nextCursor: page.nextCursor, changed, skipped };
        },
      };

      const lapsePhases: Phase[] = UNDECIDED_STATUSES.map((status) => {
        const pages = peopleByStatusPages(e.id, status, limit);
        return {
          name: `lapse:${status}`,
          async page(cursor) {
            const page = await pages(cursor);
            const people = page.people;
            await orgs.load(people.map((p) => p.organizationId));
            const out = await transitionMany(people, {
              event: 'lapse',
              actor,
              now: ctx.now,
              detail: () => detail,
              extraActionsPerPerson: 1,
              extra: (before: Person) => {
                const org = orgs.get(before.organizationId);
                return [
                  outboxPut(
                    {
                      kind: 'email',
                      template: 'decision-lapsed',
                      to: recipients(org.contactEmail, before.email),
                      electionId: e.id,
                      entityId: before.id,
                      payload: {
                        lang: org.lang,
                        electionId: e.id,
                        personId: before.id,
                        organizationId: before.organizationId,
                        lastAccreditationDay: lastDay,
                        windowClosesAt: closedAt,
                      },
                    },
                    ctx.now,
                  ),
                ];
              },
            });
            return { nextCursor: page.nextCursor, changed: out.moved.length, skipped: out.skipped.length };
          },
        };
      });

      // Lock first: nothing can be added to an application while its people are being lapsed.
      return { phases: [lockPhase, ...lapsePhases] };
    },
  });
}
