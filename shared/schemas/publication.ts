/**
 * Publication: the published list of accredited observers (3.3), certificate verification (3.4), the
 * organization's certificate download, and the staff's view of the outbox. The public shapes hold
 * names, organization, country, certificate number and status only: never passport, birth date,
 * email or phone (design principle 7).
 */
import { z } from 'zod';
import { PUBLISHED_STATUSES } from '#domain/lifecycle';
import { countryCode, id, instant, isoDate, lang, listQuery } from './common';

export const publishedStatus = z.enum(PUBLISHED_STATUSES as unknown as ['accredited', 'revoked', 'expired']);

/** Certificate numbers as the Commission writes them, e.g. `2027-PR-7QXA-00042`. */
export const certificateNumber = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a certificate number: letters, digits and hyphens, e.g. 2027-PR-7QXA-00042');

export const publicListQuery = z.strictObject({
  status: publishedStatus.optional(),
  /** Language of country names (and of the CSV's headings and statuses). */
  lang: lang.default('en'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(2048).optional(),
});
export type PublicListQuery = z.infer<typeof publicListQuery>;

export const publicCsvQuery = publicListQuery.pick({ status: true, lang: true });

export const publicObserver = z.object({
  name: z.object({ latin: z.string(), cyrillic: z.string() }),
  organization: z.object({
    id,
    name: z.string(),
    names: z.object({ original: z.string(), ru: z.string().optional(), en: z.string().optional() }),
  }),
  country: countryCode,
  countryName: z.string(),
  certificateNumber: z.string().nullable(),
  status: publishedStatus,
});
export type PublicObserver = z.infer<typeof publicObserver>;

export const publicObserverPage = z.object({
  data: z.array(publicObserver),
  nextCursor: z.string().nullable(),
  /** Published people of the election (all three statuses, or the one asked for), from the counters. */
  total: z.number().int(),
});

export const verifyParams = z.strictObject({ electionId: id, number: certificateNumber });
export const verifyQuery = z.strictObject({
  sig: z
    .string()
    .min(1, 'is required: the signature printed in the certificate QR code')
    .max(128, 'must be the signature from the certificate QR code'),
});

const labels = z.object({ ky: z.string(), ru: z.string(), en: z.string() });

export const verificationResult = z.object({
  status: z.enum(['valid', 'revoked', 'expired', 'unknown']),
  number: z.string(),
  checkedAt: instant,
  /** Absent when unknown: nothing is said about a number whose signature does not match. */
  certificate: z
    .object({
      name: z.object({ latin: z.string(), cyrillic: z.string() }),
      organization: z.string(),
      country: countryCode,
      election: z.object({ id, name: labels }),
      validUntil: labels,
      /** 3.7: the day the mandate ended, once the results are published. */
      mandateEndedOn: z.string().nullable(),
      /**
       * 3.7: the last day the certificate is valid on: the day the results (a repeat voting's, if one
       * is appointed) were published; while they are not, null, and `votingDay` / `repeatVotingDay`
       * say which voting the mandate runs through at least.
       */
      validThrough: isoDate.nullable(),
      votingDay: isoDate,
      repeatVotingDay: isoDate.nullable(),
      /**
       * A 5-minute link to the observer's photo, the one printed on the certificate, so whoever checks
       * the card can compare faces; only with a signature that verifies, and null once purged.
       */
      photoUrl: z.string().nullable(),
    })
    .optional(),
});
export type VerificationResult = z.infer<typeof verificationResult>;

export const certificateDownload = z.object({
  url: z.string(),
  expiresAt: instant,
  number: z.string(),
  filename: z.string(),
});

export const outboxStatus = z.enum(['pending', 'sending', 'sent', 'failed', 'parked']);

export const outboxListQuery = listQuery.extend({
  status: outboxStatus.optional(),
});

export const outboxView = z.object({
  id,
  kind: z.string(),
  template: z.string(),
  status: outboxStatus,
  attempts: z.number().int(),
  retries: z.number().int(),
  to: z.array(z.string()),
  electionId: z.string().nullable(),
  entityId: z.string().nullable(),
  createdAt: instant,
  updatedAt: instant,
  sentAt: instant.nullable(),
  failedAt: instant.nullable(),
  lastError: z.string().nullable(),
  /** Why a failed item was parked: the message itself (`permanent`) or retries spent in an outage. */
  failure: z.enum(['permanent', 'transient']).nullable(),
  sesMessageId: z.string().nullable(),
  objectKey: z.string().nullable(),
  /** When the redrive job sends a failed item again (null: not redriven, e.g. a permanent failure). */
  nextAttemptAt: instant.nullable(),
  /** When an item still failing a day after its first attempt was parked for staff. */
  parkedAt: instant.nullable(),
});
export type OutboxView = z.infer<typeof outboxView>;

export const outboxPage = z.object({ data: z.array(outboxView), nextCursor: z.string().nullable() });

/** Mail in trouble, for the staff dashboard: failed items waiting for the redrive, and parked ones. */
export const outboxTrouble = z.object({
  failed: z.number().int(),
  /** Of the failed: those the redrive job will send again (transient failures). */
  waiting: z.number().int(),
  /** The earliest time the redrive job sends one of them again. */
  nextAttemptAt: instant.nullable(),
  parked: z.number().int(),
  /** True when there were more items than one look counts (the numbers are then lower bounds). */
  more: z.boolean(),
});
export type OutboxTrouble = z.infer<typeof outboxTrouble>;

export const retryFailedResult = z.object({ requeued: z.number().int(), more: z.boolean() });

/** A short-lived link to a document the Commission produced (resolution act, print batch, extract). */
export const documentLink = z.object({
  url: z.string(),
  expiresAt: instant,
  filename: z.string(),
  /** SHA-256 (hex) of the file the link serves. */
  sha256: z.string(),
});
export type DocumentLink = z.infer<typeof documentLink>;

export const printBatchLink = documentLink.extend({
  /** Certificates in the file, in print order (certificate number, the order of the resolution's annex). */
  count: z.number().int(),
});

export const registerExtractQuery = z.strictObject({
  /** The register as adopted by this resolution of the election and those before it; now when absent. */
  resolutionId: id.optional(),
});

export const registerExtractLink = documentLink.extend({
  extractId: id,
  /** Observers listed: accredited (and still so) at the moment of the extract. */
  count: z.number().int(),
  asOf: instant,
});

export const publishedSummary = z.object({
  total: z.number().int(),
  counts: z.object({ accredited: z.number().int(), revoked: z.number().int(), expired: z.number().int() }),
  /**
   * The last change of the list: the latest adoption of a resolution of the election, or the end of
   * the mandates (3.7) once passed; null while nothing was adopted.
   */
  lastChangedAt: instant.nullable(),
});
export type PublishedSummary = z.infer<typeof publishedSummary>;

export const extractParams = z.strictObject({ electionId: id, extractId: id });

export const extractCheck = z.object({
  status: z.enum(['genuine', 'unknown']),
  extractId: z.string(),
  /** Absent when unknown. */
  extract: z
    .object({
      issuedAt: instant,
      asOf: instant,
      resolutionNumber: z.string().nullable(),
      count: z.number().int(),
      sha256: z.string(),
      election: z.object({ id, name: labels }),
    })
    .optional(),
});
export type ExtractCheck = z.infer<typeof extractCheck>;
