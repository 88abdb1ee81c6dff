/**
 * 3.6: organizations whose application is unfinished (not submitted yet, or returned by the MFA for
 * correction, 3.2) are reminded 7 and 2 days before the window closes, i.e. when 7 and 2 days of the
 * window are left, today included. If the job could not run on that very day, it catches up the next
 * time it runs within the same stretch (7 → 3 days left, then 2 → 1), with the true number of days left.
 * Each reminder is sent once: a marker per application and reminder day is written in the same
 * transaction as the outbox mail and the audit entry, on condition that it does not exist yet.
 */
import { auditPut, systemActor } from '#data/audit';
import { keys } from '#data/keys';
import { outboxPut } from '#data/outbox';
import { ConditionFailedError, transact } from '#data/transact';
import { daysLeftInWindow, lastAccreditationDay, windowClosesAt } from '#domain/calendar';
import type { Application } from '#schemas/application';
import type { Election } from '#schemas/election';
import { config } from '#runtime/config';
import { applicationsPage } from './applications';
import { type JobContext, type JobResult, pageSizeOf, runJob } from './context';
import { OrganizationCache, recipients } from './organizations';

export const REMIND_ORGANIZATIONS_JOB = 'remind-organizations';

/** Days before the close on which organizations are reminded, latest stretch last. */
export const REMINDER_DAYS = [7, 2] as const;
export type ReminderDay = (typeof REMINDER_DAYS)[number];

/** Markers are kept a while after the window closed, then DynamoDB's TTL removes them. */
const MARKER_KEEP_DAYS = 30;

/** Which reminder is due now: 7 while 3..7 days are left, 2 while 1..2 are left, otherwise none. */
export function reminderDue(e: Election, now: Date): ReminderDay | null {
  const left = daysLeftInWindow(e, now);
  if (left <= 0) return null;
  let due: ReminderDay | null = null;
  for (const day of REMINDER_DAYS) if (left <= day) due = day;
  return due;
}

/** Unfinished: not submitted yet, or sent back by the MFA for correction (3.2). */
export function isUnfinished(app: Application): boolean {
  return app.status === 'draft' || (app.status !== 'locked' && app.mfaStatus === 'returned');
}

export async function remindOrganizations(ctx: JobContext): Promise<JobResult> {
  const actor = systemActor(REMIND_ORGANIZATIONS_JOB);
  const orgs = new OrganizationCache();
  const limit = pageSizeOf(ctx);
  return runJob({
    job: REMIND_ORGANIZATIONS_JOB,
    ctx,
    due: (e) => reminderDue(e, ctx.now) !== null,
    // A new closing date (the calendar changed) is a new deadline: its reminders go out again.
    scopeOf: (e) => `${e.id}#${windowClosesAt(e).toISOString()}#D${reminderDue(e, ctx.now)}`,
    plan: (e, scope) => {
      const day = reminderDue(e, ctx.now)!;
      const daysLeft = daysLeftInWindow(e, ctx.now);
      const lastDay = lastAccreditationDay(e);
      const ttl = Math.floor(windowClosesAt(e).getTime() / 1000) + MARKER_KEEP_DAYS * 86_400;
      return {
        phases: [
          {
            name: 'applications',
            async page(cursor) {
              const page = await applicationsPage(e.id, limit, cursor);
              const unfinished = page.items.filter(isUnfinished);
              await orgs.load(unfinished.map((a) => a.organizationId));
              let changed = 0;
              for (const app of unfinished) {
                const org = orgs.get(app.organizationId);
                const to = recipients(org.contactEmail);
                if (to.length === 0) continue;
                try {
                  await transact([
                    {
                      Put: {
                        TableName: config().tableName,
                        Item: {
                          ...keys.jobMarker(REMIND_ORGANIZATIONS_JOB, scope, app.id),
                          entity: 'job-marker',
                          schemaVersion: 1,
                          at: ctx.now.toISOString(),
                          ttl,
                        },
                        ConditionExpression: 'attribute_not_exists(pk)',
                      },
                    },
                    outboxPut(
                      {
                        kind: 'email',
                        template: 'reminder',
                        to,
                        electionId: e.id,
                        entityId: app.id,
                        payload: {
                          lang: org.lang,
                          electionId: e.id,
                          organizationId: app.organizationId,
                          applicationId: app.id,
                          daysLeft,
                          lastAccreditationDay: lastDay,
                        },
                      },
                      ctx.now,
                    ),
                    auditPut({
                      at: ctx.now,
                      actor,
                      entityType: 'application',
                      entityId: app.id,
                      action: 'remind',
                      clause: '3.6',
                      detail: { reminderDay: day, daysLeft, lastAccreditationDay: lastDay, to },
                    }),
                  ]);
                  changed++;
                } catch (err) {
                  // The marker exists: this reminder went out already (a re-run, or a crash after it).
                  if (!(err instanceof ConditionFailedError)) throw err;
                }
              }
              return { nextCursor: page.nextCursor, changed, skipped: 0 };
            },
          },
        ],
      };
    },
  });
}
