/**
 * Decisions: the CEC's triage grid, one person with documents, resolutions that accredit, refuse
 * (3.3, 3.4, 3.9, Art. 10) and revoke (4.7), the audit log and statistics.
 *
 * Who: cec-admin and cec-reviewer read everything here and compose draft resolutions; only cec-admin
 * adopts (the act of the Commission). MFA officers work the MFA queue (3.2) and have no access here.
 */
import { z } from 'zod';
import { namedAuditEntry } from '#schemas/audit';
import { id, isoDate, listQuery, nonEmpty, page } from '#schemas/common';
import {
  adoptionResult,
  itemsResult,
  resolution,
  resolutionDetail,
  resolutionInput,
  resolutionItemsInput,
  resolutionKind,
  resolutionPatch,
  resolutionStatus,
} from '#schemas/resolution';
import { gridPage, gridQuery, gridRow, personDetail, reviewPatch, statusCountsSchema } from '#schemas/triage';
import { CEC_ADMIN, CEC_STAFF, defineRoute } from '../route';

const TAG = 'decisions';
const electionParams = z.strictObject({ electionId: id });
const resolutionParams = z.strictObject({ resolutionId: id });

export const listPeopleGrid = defineRoute({
  method: 'GET',
  path: '/v1/admin/elections/{electionId}/people',
  handler: 'http/admin/people/list',
  access: { kind: 'staff', groups: CEC_STAFF },
  summary:
    'The triage grid: representatives of an election filtered by status, organization, country, citizenship, flag, channel, missing documents, checked and name prefix; name order; cursor pages; counts per status',
  tag: TAG,
  params: electionParams,
  query: gridQuery,
  response: gridPage,
});

export const getPersonDetail = defineRoute({
  method: 'GET',
  path: '/v1/admin/people/{personId}',
  handler: 'http/admin/people/get',
  access: { kind: 'staff', groups: CEC_STAFF },
  summary: 'One representative with documents (presigned GET links valid 5 minutes; each view audited) and history',
  tag: TAG,
  params: z.strictObject({ personId: id }),
  response: personDetail,
});

export const reviewPersonRoute = defineRoute({
  method: 'PATCH',
  path: '/v1/admin/people/{personId}',
  handler: 'http/admin/people/review',
  access: { kind: 'staff', groups: CEC_STAFF },
  summary: 'Reviewer\'s note and "checked" mark, with the version read (a stale version is 409)',
  tag: TAG,
  params: z.strictObject({ personId: id }),
  body: reviewPatch,
  response: gridRow,
});

export const createResolutionRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/elections/{electionId}/resolutions',
  handler: 'http/admin/resolutions/create',
  access: { kind: 'staff', groups: CEC_STAFF },
  summary: 'A draft resolution: number (unique per election), date, kind accreditation (3.3) or revocation (4.7)',
  tag: TAG,
  params: electionParams,
  body: resolutionInput,
  response: resolution,
});

const resolutionListFilter = z.strictObject({ status: resolutionStatus.optional(), kind: resolutionKind.optional() });

export const listResolutionsRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/elections/{electionId}/resolutions',
  handler: 'http/admin/resolutions/list',
  access: { kind: 'staff', groups: CEC_STAFF },
  summary: 'Resolutions of an election, newest first; filter {"status":..., "kind":...}',
  tag: TAG,
  params: electionParams,
  query: listQuery.omit({ sort: true, order: true }).extend({
    filter: z
      .string()
      .transform((s, ctx) => {
        try {
          return JSON.parse(s) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'must be a JSON object, e.g. {"status":"draft"}' });
          return z.NEVER;
        }
      })
      .pipe(resolutionListFilter)
      .optional(),
  }),
  response: page(resolution),
});

export const getResolutionRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/resolutions/{resolutionId}',
  handler: 'http/admin/resolutions/get',
  access: { kind: 'staff', groups: CEC_STAFF },
  summary: 'One resolution with its items (paged by cursor, in person-id order) and adoption progress',
  tag: TAG,
  params: resolutionParams,
  query: listQuery.pick({ limit: true, cursor: true }),
  response: resolutionDetail,
});

export const updateResolutionRoute = defineRoute({
  method: 'PATCH',
  path: '/v1/admin/resolutions/{resolutionId}',
  handler: 'http/admin/resolutions/update',
  access: { kind: 'staff', groups: CEC_STAFF },
  summary: "A draft's number, date or title, with the version read",
  tag: TAG,
  params: resolutionParams,
  body: resolutionPatch,
  response: resolution,
});

export const discardResolutionRoute = defineRoute({
  method: 'DELETE',
  path: '/v1/admin/resolutions/{resolutionId}',
  handler: 'http/admin/resolutions/discard',
  access: { kind: 'staff', groups: CEC_STAFF },
  summary: 'Discards a draft (its number becomes free again); adopted resolutions stay',
  tag: TAG,
  params: resolutionParams,
  response: resolution,
});

export const putResolutionItemsRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/resolutions/{resolutionId}/items',
  handler: 'http/admin/resolutions/put-items',
  access: { kind: 'staff', groups: CEC_STAFF },
  summary:
    'Adds or replaces items of a draft, up to 2,000 at once: accredit, or refuse with a ground of 3.9 and a reason (3.4); revoke with a reason of 4.7',
  tag: TAG,
  params: resolutionParams,
  body: resolutionItemsInput,
  response: itemsResult,
  maxBodyBytes: 1024 * 1024,
});

export const removeResolutionItemRoute = defineRoute({
  method: 'DELETE',
  path: '/v1/admin/resolutions/{resolutionId}/items/{personId}',
  handler: 'http/admin/resolutions/remove-item',
  access: { kind: 'staff', groups: CEC_STAFF },
  summary:
    "Removes a person's item from a draft; from an adoption that stopped part-way, a cec-admin may drop a pending item",
  tag: TAG,
  params: z.strictObject({ resolutionId: id, personId: id }),
  response: resolution,
});

export const adoptResolutionRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/resolutions/{resolutionId}/adopt',
  handler: 'http/admin/resolutions/adopt',
  access: { kind: 'staff', groups: CEC_ADMIN },
  summary:
    'Adopts the resolution: every decision or none (3.3); resumes an adoption that stopped part-way; an adopted resolution is returned as it is',
  tag: TAG,
  params: resolutionParams,
  response: adoptionResult,
});

export const auditQuery = z
  .strictObject({
    entityType: nonEmpty(40).optional(),
    entityId: nonEmpty(200).optional(),
    actor: nonEmpty(200).optional(),
    /** A UTC calendar day; alone, or narrowing the entity or actor view. */
    day: isoDate.optional(),
    /** A calendar day in Bishkek (00:00 to 24:00 UTC+6), as people read days; alone, for the day view. */
    bishkekDay: isoDate.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(2048).optional(),
  })
  .superRefine((q, ctx) => {
    if (!!q.entityType !== !!q.entityId) {
      ctx.addIssue({
        code: 'custom',
        path: [q.entityType ? 'entityId' : 'entityType'],
        message: 'entityType and entityId go together',
      });
    }
    if (q.entityType && q.actor) {
      ctx.addIssue({ code: 'custom', path: ['actor'], message: 'choose the entity or the actor, not both' });
    }
    if (!q.entityType && !q.actor && !q.day && !q.bishkekDay) {
      ctx.addIssue({
        code: 'custom',
        path: ['entityType'],
        message: 'give entityType+entityId, actor, day or bishkekDay',
      });
    }
    if (q.bishkekDay && (q.day || q.entityType || q.actor)) {
      ctx.addIssue({ code: 'custom', path: ['bishkekDay'], message: 'bishkekDay goes alone (the day view)' });
    }
  });

export const listAuditRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/audit',
  handler: 'http/admin/audit/list',
  access: { kind: 'staff', groups: CEC_STAFF },
  summary:
    'The audit log by entity, by actor, or by day (UTC or Bishkek), newest first, by cursor; with the names of what each entry is about',
  tag: TAG,
  query: auditQuery,
  response: page(namedAuditEntry),
});

const countsBlock = z.object({ total: z.number().int(), counts: statusCountsSchema });

export const electionStatisticsRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/elections/{electionId}/statistics',
  handler: 'http/admin/statistics/get',
  access: { kind: 'staff', groups: CEC_STAFF },
  summary: 'People per status, per organization and per country of an election, from counters; the window (3.6)',
  tag: TAG,
  params: electionParams,
  response: z.object({
    electionId: id,
    total: z.number().int(),
    byStatus: statusCountsSchema,
    byOrganization: z.array(
      countsBlock.extend({ organizationId: z.string(), name: z.string().nullable(), country: z.string().nullable() }),
    ),
    byCountry: z.array(countsBlock.extend({ country: z.string() })),
    window: z.object({
      phase: z.string(),
      daysLeft: z.number().int(),
      lastAccreditationDay: isoDate,
      windowClosesAt: z.string(),
      mandateEndsOn: isoDate.nullable(),
    }),
  }),
});

export const adminDecisionsRoutes = [
  listPeopleGrid,
  getPersonDetail,
  reviewPersonRoute,
  createResolutionRoute,
  listResolutionsRoute,
  getResolutionRoute,
  updateResolutionRoute,
  discardResolutionRoute,
  putResolutionItemsRoute,
  removeResolutionItemRoute,
  adoptResolutionRoute,
  listAuditRoute,
  electionStatisticsRoute,
];
