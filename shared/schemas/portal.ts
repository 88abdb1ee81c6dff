/**
 * Schemas of the organizations' portal (/v1/portal): the access code exchange, applications and their
 * representatives (3.1), uploads, withdrawals and written revocation requests (4.7 b).
 */
import { z } from 'zod';
import { application } from './application';
import { applicationNumber } from './application-number';
import { id, instant, isoDate, lang, localizedName, nonEmpty, version } from './common';
import { documentKind, uploadContentType } from './document';
import { electionCalendar, electionKind } from './election';
import { invitingAuthority } from './invitation';
import { organizationName, organizationType } from './organization';
import { channel, documentState, personStatus, representativeInput } from './person';

/**
 * `<invitation id>.<secret>`: the invitation's ULID, a dot, and 26 base32 characters (128 random bits).
 * Case and surrounding spaces are forgiven: people copy codes out of emails.
 */
export const ACCESS_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}\.[A-Z2-7]{26}$/;
export const accessCode = z
  .string()
  .max(100, 'must be the access code from the invitation email')
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.string().regex(ACCESS_CODE_PATTERN, 'must be the access code from the invitation email'));

export const sessionInput = z.strictObject({ accessCode });

export const sessionIssued = z.object({
  token: z.string(),
  expiresAt: instant,
  organizationId: id,
  electionId: id,
});

export const portalSessionView = z.object({
  organization: z.object({
    id,
    name: organizationName,
    type: organizationType,
    country: z.string(),
    contactEmail: z.string(),
    preferredLanguage: lang,
  }),
  election: z.object({
    id,
    kind: electionKind,
    name: localizedName,
    calledOn: isoDate,
    votingDay: isoDate,
    calendar: electionCalendar,
    phase: z.string(),
    windowOpen: z.boolean(),
  }),
  invitation: z.object({ id, invitingAuthority, invitedOn: isoDate, mfaDispatchRef: z.string() }),
});

export const applicationParams = z.strictObject({ applicationId: id });
export const representativeParams = z.strictObject({ applicationId: id, personId: id });
export const personParams = z.strictObject({ personId: id });

export const applicationCreateInput = z.strictObject({ channel });
export const applicationPatchInput = z.strictObject({ channel, version });

/** PUT replaces the representative's fields; the version is the one the organization read. */
export const representativeUpdateInput = representativeInput.extend({ version });

export const portalUploadInput = z.strictObject({
  kind: documentKind,
  /** Required for a passport copy or a photo; absent for the application letter. */
  personId: id.optional(),
  contentType: uploadContentType,
});

export const presignedUpload = z.object({
  /** POST the form here: every field of `fields`, then the file as the last field `file`. */
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  key: z.string(),
  expiresAt: instant,
  maxBytes: z.number().int(),
});

export const revocationRequestInput = z.strictObject({
  /** 4.7 b: the organization's written request, in its own words. */
  text: nonEmpty(4000),
});

export const documentView = z.object({
  state: documentState,
  contentType: z.string().nullable(),
  size: z.number().nullable(),
  rejectionReason: z.string().nullable(),
  /** The rejection's code (shared/uploads/inspect.ts), so screens say it in the reader's language. */
  rejectionCode: z.string().nullable(),
  /** The slot the file seems to belong to, shown beside this one: refused, or received with `notice`. */
  looksLike: documentKind.nullable(),
  notice: z.string().nullable(),
  uploadedAt: instant.nullable(),
  checkedAt: instant.nullable(),
});
export type DocumentView = z.infer<typeof documentView>;

const labels = z.object({ ky: z.string(), ru: z.string(), en: z.string() });

export const portalPerson = representativeInput.extend({
  id,
  applicationId: id,
  applicationNumber,
  status: personStatus,
  flags: z.array(z.object({ code: z.string(), clause: z.string(), blocking: z.boolean(), label: labels })),
  documents: z.object({ passport: documentView.nullable(), photo: documentView.nullable() }),
  decisions: z.array(
    z.object({
      outcome: z.string(),
      resolutionNumber: z.string(),
      adoptedOn: isoDate,
      ground: z.string().nullable(),
      revocationReason: z.string().nullable(),
      clause: z.string().nullable(),
      label: labels.nullable(),
      reason: z.string(),
    }),
  ),
  certificateNumber: z.string().nullable(),
  submittedAt: instant.nullable(),
  editable: z.boolean(),
  canWithdraw: z.boolean(),
  canRequestRevocation: z.boolean(),
  version,
});
export type PortalPerson = z.infer<typeof portalPerson>;

/** The answer to a submit: the application, and each person's new status and flags (3.1). */
export const submittedApplication = application.extend({
  submitted: z.number().int().min(0),
  people: z.array(
    portalPerson.pick({
      id: true,
      familyNameLatin: true,
      givenNamesLatin: true,
      status: true,
      flags: true,
      submittedAt: true,
      version: true,
    }),
  ),
});

export const portalApplication = application.extend({
  letterDocument: documentView.nullable(),
  people: z.array(portalPerson),
});
