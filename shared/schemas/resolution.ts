/**
 * CEC resolutions (3.3): a numbered, dated act that accredits some representatives and refuses others
 * (3.4, 3.9, Art. 10), or withdraws accreditations (4.7). A draft is composed item by item and is freely
 * editable; adoption applies every item or none (see shared/decisions/adoption.ts).
 */
import { z } from 'zod';
import { REVIEWER_REFUSAL_GROUNDS } from '#domain/grounds';
import { actor } from './audit';
import { auditStamp, id, instant, isoDate, nonEmpty, version } from './common';
import { refusalGround, revocationReason } from './person';

export const resolutionKind = z.enum(['accreditation', 'revocation']);
export type ResolutionKind = z.infer<typeof resolutionKind>;

export const resolutionStatus = z.enum(['draft', 'adopting', 'adopted', 'discarded']);
export type ResolutionStatus = z.infer<typeof resolutionStatus>;

/** The number as the CEC writes it, e.g. `123/4` or `45-р`; unique within an election. */
export const resolutionNumber = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(40, 'must be at most 40 characters')
  .regex(/^[0-9A-Za-z\u0400-\u04FF№/.\- ]+$/, 'may hold letters, digits, "№", "/", "-", "." and spaces')
  .meta({ example: '123/4' });

export const resolutionInput = z.strictObject({
  number: resolutionNumber,
  /** The date the CEC adopted the resolution; for accreditation it must lie in the window (3.6). */
  adoptedOn: isoDate,
  title: nonEmpty(300).optional(),
  kind: resolutionKind,
});
export type ResolutionInput = z.infer<typeof resolutionInput>;

export const resolutionPatch = z.strictObject({
  number: resolutionNumber.optional(),
  adoptedOn: isoDate.optional(),
  title: nonEmpty(300).nullable().optional(),
  version,
});
export type ResolutionPatch = z.infer<typeof resolutionPatch>;

/** 3.9, Art. 10: the grounds a reviewer may choose (3.6 lateness is applied by the system). */
export const reviewerGround = z.enum(REVIEWER_REFUSAL_GROUNDS as [string, ...string[]], {
  error: `must be one of ${REVIEWER_REFUSAL_GROUNDS.join(', ')} (3.9, Art. 10)`,
});

const reasonText = nonEmpty(2000);

export const accreditItemInput = z.strictObject({
  personId: id,
  decision: z.literal('accredit'),
  /** Optional note for the record; accreditation needs no reasons (3.3). */
  reason: z.string().trim().max(2000).optional(),
});

export const refuseItemInput = z.strictObject({
  personId: id,
  decision: z.literal('refuse'),
  /** 3.4: a refusal is reasoned: a ground of 3.9 (or Art. 10) and the reason in words. */
  ground: reviewerGround,
  reason: reasonText,
});

export const revokeItemInput = z
  .strictObject({
    personId: id,
    decision: z.literal('revoke'),
    /** 4.7 (a) violation, (b) the organization's written request, (c) the observer's own application. */
    revocationReason,
    /** 4.7 a, 3.9: only a violation can be marked gross (it then grounds later refusals). */
    gross: z.boolean().default(false),
    reason: reasonText,
  })
  .superRefine((v, ctx) => {
    if (v.gross && v.revocationReason !== 'VIOLATION') {
      ctx.addIssue({
        code: 'custom',
        path: ['gross'],
        message: 'may be true only with revocationReason VIOLATION (4.7 a, 3.9)',
      });
    }
  });

export const resolutionItemInput = z.discriminatedUnion(
  'decision',
  [accreditItemInput, refuseItemInput, revokeItemInput],
  {
    error:
      'decision must be accredit or refuse (3.3, 3.4) in an accreditation resolution, revoke (4.7) in a revocation one',
  },
);
export type ResolutionItemInput = z.infer<typeof resolutionItemInput>;

/** Largest number of items one request may add or replace (a whole election fits in one resolution). */
export const MAX_ITEMS_PER_REQUEST = 2000;

export const resolutionItemsInput = z
  .strictObject({
    items: z.array(resolutionItemInput).min(1, 'must hold at least one item').max(MAX_ITEMS_PER_REQUEST),
  })
  .superRefine((v, ctx) => {
    const seen = new Map<string, number>();
    v.items.forEach((item, i) => {
      const first = seen.get(item.personId);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', i, 'personId'],
          message: `names the same representative as items.${first}; one decision per person`,
        });
      } else seen.set(item.personId, i);
    });
  });
export type ResolutionItemsInput = z.infer<typeof resolutionItemsInput>;

export const itemDecision = z.enum(['accredit', 'refuse', 'revoke']);
export type ItemDecision = z.infer<typeof itemDecision>;
export const itemOutcome = z.enum(['accredited', 'refused', 'revoked']);
export type ItemOutcome = z.infer<typeof itemOutcome>;

/** An item as stored: what the resolution says about one person. */
export const resolutionItemRecord = z.object({
  resolutionId: id,
  personId: id,
  electionId: id,
  organizationId: id,
  /** Denormalised for the resolution's list of people. */
  familyNameLatin: z.string(),
  givenNamesLatin: z.string(),
  citizenship: z.string(),
  decision: itemDecision,
  ground: refusalGround.nullable(),
  revocationReason: revocationReason.nullable(),
  gross: z.boolean(),
  reason: z.string(),
  createdAt: instant,
  updatedAt: instant,
});
export type StoredResolutionItem = z.infer<typeof resolutionItemRecord>;

/**
 * An item as shown: what was applied is read from the person's own record (their `decisions` hold
 * one entry per resolution that decided them, written in the same transaction as the status change),
 * so the item and the person can never disagree.
 */
export const resolutionItem = resolutionItemRecord.extend({
  /** `applied` once the person carries this resolution's decision. */
  state: z.enum(['pending', 'applied']),
  outcome: itemOutcome.nullable(),
  /** The ground actually applied (Art. 10 overrides what was selected for a citizen of the Kyrgyz Republic). */
  appliedGround: refusalGround.nullable(),
  /** True when the system overrode the selected decision (Art. 10). */
  forced: z.boolean(),
  certificateNumber: z.string().nullable(),
  /** The person's current status (they may have been revoked since, say). */
  personStatus: z.string().nullable(),
});
export type ResolutionItem = z.infer<typeof resolutionItem>;

export const decisionCounts = z.object({
  accredit: z.number().int(),
  refuse: z.number().int(),
  revoke: z.number().int(),
});

/** Where an adoption is in the order people are applied: organization by organization, then by person. */
export const adoptionCheckpoint = z.object({ organizationId: id, personId: id });
export type AdoptionCheckpoint = z.infer<typeof adoptionCheckpoint>;

export const adoptionProgress = z.object({
  /** Each adopt call that starts or resumes the adoption takes the next attempt number. */
  attempt: z.number().int(),
  startedAt: instant,
  startedBy: actor,
  /** Items to apply, items applied, and chunks (transactions) committed. */
  total: z.number().int(),
  done: z.number().int(),
  chunks: z.number().int(),
  /** The election version the window check read; each chunk is conditional on it (3.6). */
  electionVersion: z.number().int(),
  /**
   * The last person applied, in the order people are applied (organization, then person): written by
   * each chunk with its progress, so a resumption reads only the people after it. Null before the
   * first chunk; absent from a progress recorded before it was kept (the resumption then reads all).
   */
  checkpoint: adoptionCheckpoint.nullable().optional(),
  finishedAt: instant.nullable(),
});
export type AdoptionProgress = z.infer<typeof adoptionProgress>;

export const adoptionOutcome = z.object({
  accredited: z.number().int(),
  refused: z.number().int(),
  revoked: z.number().int(),
  /** Refusals the system imposed (Art. 10) whatever was selected. */
  forcedRefusals: z.number().int(),
});
export type AdoptionOutcome = z.infer<typeof adoptionOutcome>;

export const resolution = z.object({
  id,
  electionId: id,
  number: z.string(),
  adoptedOn: isoDate,
  title: z.string().nullable(),
  kind: resolutionKind,
  status: resolutionStatus,
  itemCount: z.number().int(),
  counts: decisionCounts,
  /** Bumped by every change of the items; adoption starts only on the revision it validated. */
  itemsRevision: z.number().int(),
  adoption: adoptionProgress.nullable(),
  outcome: adoptionOutcome.nullable(),
  createdBy: actor,
  ...auditStamp,
});
export type Resolution = z.infer<typeof resolution>;

/** What a draft's composer is told about each item now; adoption re-checks everything (3.3). */
export const itemWarning = z.object({ personId: id, field: z.string(), rule: z.string() });
export type ItemWarning = z.infer<typeof itemWarning>;

export const resolutionDetail = resolution.extend({
  items: z.array(resolutionItem),
  nextCursor: z.string().nullable(),
});

export const itemsResult = z.object({ resolution, warnings: z.array(itemWarning) });

export const adoptionResult = z.object({
  resolution,
  /** True when the resolution had been adopted before this call (the call changed nothing). */
  alreadyAdopted: z.boolean(),
});
