import { z } from 'zod';
import {
  DEFAULT_WINDOW_OFFSET_DAYS,
  MAX_WINDOW_OFFSET_DAYS,
  MIN_WINDOW_OFFSET_DAYS,
  electionDateFieldIssues,
  electionDateOrderIssues,
  windowOffsetIssues,
} from '#domain/calendar';
import { auditStamp, id, isoDate, localizedName } from './common';

export const electionKind = z.enum(['presidential', 'parliamentary', 'local', 'referendum']);
export type ElectionKind = z.infer<typeof electionKind>;

export const repeatVoting = z.strictObject({
  votingDay: isoDate,
  resultsPublishedOn: isoDate.nullable().optional(),
});

const electionBase = z.strictObject({
  kind: electionKind,
  name: localizedName,
  /** 2.2: the day the calling was officially published. */
  calledOn: isoDate,
  votingDay: isoDate,
  /** 3.6: days before voting day on which the window ends. */
  windowOffsetDays: z
    .number()
    .int('must be a whole number of days (3.6)')
    .min(
      MIN_WINDOW_OFFSET_DAYS,
      `must be at least ${MIN_WINDOW_OFFSET_DAYS}: accreditation ends before voting day (3.6)`,
    )
    .max(MAX_WINDOW_OFFSET_DAYS, `must be at most ${MAX_WINDOW_OFFSET_DAYS} days (3.6)`),
  resultsPublishedOn: isoDate.nullable(),
  repeatVoting: repeatVoting.nullable(),
});

/**
 * The rules between the dates (2.2, 3.6, 3.7). They apply only once every date is readable: the field
 * schemas have already reported the others, and comparing what is not a date would prove nothing.
 */
function datesConsistent(value: z.infer<typeof electionBase>, ctx: z.RefinementCtx) {
  if (electionDateFieldIssues(value).length > 0 || windowOffsetIssues(value).length > 0) return;
  for (const issue of electionDateOrderIssues(value)) {
    ctx.addIssue({ code: 'custom', path: issue.field.split('.'), message: issue.rule });
  }
}

export const electionInput = electionBase
  .extend({
    windowOffsetDays: electionBase.shape.windowOffsetDays.default(DEFAULT_WINDOW_OFFSET_DAYS),
    resultsPublishedOn: electionBase.shape.resultsPublishedOn.default(null),
    repeatVoting: electionBase.shape.repeatVoting.default(null),
  })
  .superRefine(datesConsistent);
export type ElectionInput = z.infer<typeof electionInput>;

/**
 * A change carries the version it read (optimistic concurrency); the merged election is checked
 * with `checkElectionDates` again before it is written.
 */
export const electionPatch = electionBase.partial().extend({ version: z.number().int().min(1) });
export type ElectionPatch = z.infer<typeof electionPatch>;

export const electionCalendar = z.object({
  invitationsFrom: z.string(),
  windowOpensAt: z.string(),
  lastAccreditationDay: isoDate,
  windowClosesAt: z.string(),
  mandateEndsOn: isoDate.nullable(),
  mandateExpiresAt: z.string().nullable(),
  passportMustBeValidOn: isoDate,
});

export const election = z.object({
  id,
  kind: electionKind,
  name: localizedName,
  calledOn: isoDate,
  votingDay: isoDate,
  windowOffsetDays: z.number().int(),
  resultsPublishedOn: isoDate.nullable(),
  repeatVoting: repeatVoting.nullable(),
  ...auditStamp,
});
export type Election = z.infer<typeof election>;

export const electionView = election.extend({
  calendar: electionCalendar,
  phase: z.enum(['not-called', 'called', 'window-closed', 'mandates-ended']),
});
export type ElectionView = z.infer<typeof electionView>;

/** What the public sees of an election: no audit fields. */
export const publicElection = electionView.omit({ createdAt: true, updatedAt: true, version: true });
export type PublicElection = z.infer<typeof publicElection>;
