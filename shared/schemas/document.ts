import { z } from 'zod';
import { id, instant } from './common';
import { documentState } from './person';

/** The application letter belongs to an application; passport copy and photo to a person (3.1). */
export const documentKind = z.enum(['letter', 'passport', 'photo']);
export type DocumentKindName = z.infer<typeof documentKind>;

export const uploadContentType = z.enum(['application/pdf', 'image/jpeg', 'image/png']);

/** Upload limits: documents ≤ 10 MB, photos ≤ 2 MB, a photo at least 300×400 pixels. */
export const UPLOAD_LIMITS = {
  letter: { maxBytes: 10 * 1024 * 1024, types: ['application/pdf', 'image/jpeg', 'image/png'] },
  passport: { maxBytes: 10 * 1024 * 1024, types: ['application/pdf', 'image/jpeg', 'image/png'] },
  photo: { maxBytes: 2 * 1024 * 1024, types: ['image/jpeg', 'image/png'], minWidth: 300, minHeight: 400 },
} as const;
/** Why the upload check refuses a file (shared/uploads/inspect.ts); screens say each in the reader's language. */
export const REJECTION_CODES = [
  'EMPTY',
  'TOO_LARGE',
  'NOT_ALLOWED_TYPE',
  'TYPE_MISMATCH',
  'TOO_MANY_PIXELS',
  'IMAGE_UNREADABLE',
  'PHOTO_TOO_SMALL',
  'PDF_UNREADABLE',
  'PDF_ENCRYPTED',
  'LOOKS_LIKE_DOCUMENT',
  'NOT_ACCEPTING',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];
export const UPLOAD_URL_TTL_SECONDS = 600;
export const VIEW_URL_TTL_SECONDS = 300;

export const uploadRequest = z.strictObject({
  kind: documentKind,
  personId: id.optional(),
  contentType: uploadContentType,
});

export const document = z.object({
  ownerId: id,
  kind: documentKind,
  state: documentState,
  objectKey: z.string(),
  contentType: uploadContentType.nullable(),
  size: z.number().int().nullable(),
  rejectionReason: z.string().nullable(),
  uploadedAt: instant.nullable(),
  checkedAt: instant.nullable(),
  /** Scope of the document, so a check never trusts the object key alone. */
  electionId: id.optional(),
  organizationId: id.optional(),
  applicationId: id.optional(),
  personId: id.nullable().optional(),
  /** The upload in flight: the key the last presigned POST allows, its declared type and expiry. */
  pendingKey: z.string().nullable().optional(),
  pendingContentType: uploadContentType.nullable().optional(),
  pendingExpiresAt: instant.nullable().optional(),
  /** A code for the rejection reason (for translated messages), e.g. NOT_ALLOWED_TYPE, PHOTO_TOO_SMALL. */
  rejectionCode: z.string().nullable().optional(),
  /**
   * The slot the latest file seems to belong to (shared/uploads/inspect.ts), with `notice` when it was
   * received all the same (a passport copy shaped like a photo), or its rejection when it was not.
   */
  looksLike: documentKind.nullable().optional(),
  notice: z.string().nullable().optional(),
  /** When the latest upload was rejected while an earlier accepted file stays in force. */
  lastRejectedAt: instant.nullable().optional(),
  version: z.number().int().min(1).optional(),
});
export type DocumentRecord = z.infer<typeof document>;
