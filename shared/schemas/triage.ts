/**
 * The CEC's triage grid (react-admin list conventions): `filter` is a JSON object, `sort` a field,
 * `order` ASC|DESC, pages by cursor. Only the indexed name order can be sorted on (design principle 4).
 */
import { z } from 'zod';
import { applicationNumber } from './application-number';
import { actor } from './audit';
import { countryCode, id, instant, listQuery, version } from './common';
import { document } from './document';
import { channel, decision, documentState, flagCode, person, personStatus } from './person';

const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

const namePrefix = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');

export const gridFilter = z.strictObject({
  /** Drafts are the organization's own until submitted (3.1): the CEC's grid never shows them. */
  status: personStatus
    .exclude(['draft'], {
      error: "must be a status the CEC works with: drafts are the organization's until submitted (3.1)",
    })
    .optional(),
  organizationId: id.optional(),
  /** The sending organization's country (3.1). */
  country: countryCode.optional(),
  citizenship: countryCode.optional(),
  flag: flagCode.optional(),
  channel: channel.optional(),
  /** Passport copy or photo not received (3.1). */
  missingDocuments: flag.optional(),
  checked: flag.optional(),
  /** Prefix of the Latin family name (then given names), as in the passport. */
  name: namePrefix.optional(),
  /** react-admin's search box: the same as `name`. */
  q: namePrefix.optional(),
});
export type GridFilter = z.infer<typeof gridFilter>;

const jsonObject = z.string().transform((s, ctx) => {
  try {
    const value: unknown = JSON.parse(s);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through to the issue below
  }
  ctx.addIssue({ code: 'custom', message: 'must be a JSON object, e.g. {"status":"submitted"}' });
  return z.NEVER;
});

/** Sortable fields: the indexes keep people in name order only. */
export const GRID_SORT_FIELDS = ['name', 'familyNameLatin'] as const;

export const gridQuery = listQuery.extend({
  filter: jsonObject.pipe(gridFilter).optional().meta({
    description:
      'JSON object with any of: status, organizationId, country (of the organization), citizenship, flag, channel, missingDocuments, checked, name (Latin prefix; q is the same)',
    example: '{"status":"submitted","missingDocuments":true}',
  }),
  sort: z
    .enum(GRID_SORT_FIELDS, {
      error: 'sorting is possible on name only (familyNameLatin, then givenNamesLatin: the indexed order)',
    })
    .optional(),
});
export type GridQuery = z.infer<typeof gridQuery>;

export const lastDecision = decision.pick({
  resolutionId: true,
  resolutionNumber: true,
  adoptedOn: true,
  outcome: true,
  ground: true,
  revocationReason: true,
});

export const gridRow = z.object({
  id,
  familyNameLatin: z.string(),
  givenNamesLatin: z.string(),
  familyNameCyrillic: z.string(),
  givenNamesCyrillic: z.string(),
  role: z.string(),
  organizationId: id,
  organizationName: z.string().nullable(),
  organizationCountry: z.string(),
  applicationId: id,
  applicationNumber,
  citizenship: z.string(),
  passportExpiresOn: z.string(),
  documents: z.object({ passport: documentState.optional(), photo: documentState.optional() }),
  flags: z.array(z.string()),
  channel,
  status: personStatus,
  reviewerNote: z.string(),
  checked: z.boolean(),
  version: z.number().int(),
  submittedAt: instant.nullable(),
  decisionCount: z.number().int(),
  lastDecision: lastDecision.nullable(),
  certificateNumber: z.string().nullable(),
});
export type GridRow = z.infer<typeof gridRow>;

export const statusCountsSchema = z.record(z.string(), z.number().int());

export const gridPage = z.object({
  data: z.array(gridRow),
  nextCursor: z.string().nullable(),
  /** Exact number of matches, when counters can tell it (no filter beyond status/organization/country). */
  total: z.number().int().optional(),
  /** People per status in the election, from counters. */
  counts: statusCountsSchema,
  /** People per status in the filtered organization or country, from counters. */
  scopeCounts: statusCountsSchema.optional(),
});

/** Reviewer's working marks (no status change): a note and a "checked" tick, with the version read. */
export const reviewPatch = z
  .strictObject({
    reviewerNote: z.string().max(4000, 'must be at most 4000 characters').optional(),
    checked: z.boolean().optional(),
    version,
  })
  .refine((v) => v.reviewerNote !== undefined || v.checked !== undefined, {
    message: 'send reviewerNote and/or checked',
    path: ['reviewerNote'],
  });
export type ReviewPatch = z.infer<typeof reviewPatch>;

export const documentView = document.extend({
  /** Presigned GET, valid 5 minutes; null when there is no object to show (pending or purged). */
  url: z.string().nullable(),
  urlExpiresAt: instant.nullable(),
});

export const personDetail = z.object({
  person,
  organization: z.object({ id, name: z.string().nullable(), country: z.string().nullable() }),
  documents: z.array(documentView),
  resolutions: z.array(
    z.object({
      resolutionId: id,
      number: z.string().nullable(),
      status: z.string().nullable(),
      decision: z.string(),
      state: z.string(),
      outcome: z.string().nullable(),
    }),
  ),
  history: z.array(
    z.object({
      id: z.string(),
      at: instant,
      actor,
      action: z.string(),
      clause: z.string().nullable(),
      changes: z.unknown(),
      detail: z.unknown(),
    }),
  ),
  historyCursor: z.string().nullable(),
});
