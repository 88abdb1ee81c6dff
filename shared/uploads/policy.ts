/**
 * Presigned POST uploads straight to the private bucket (design principle 7). The policy binds the
 * upload to one server-chosen key (organization / application / person / kind), one content type, a
 * size range (documents ≤ 10 MB, photos ≤ 2 MB) and 10 minutes. S3 enforces these in AWS; the local
 * S3 server does not, so tests decode the policy, and the upload check measures everything again.
 */
import { type PresignedPostOptions, createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { type DocumentKindName, UPLOAD_LIMITS, UPLOAD_URL_TTL_SECONDS } from '#schemas/document';
import { s3 } from '#runtime/clients';
import { config } from '#runtime/config';

type Conditions = NonNullable<PresignedPostOptions['Conditions']>[number];

export type UploadContentType = 'application/pdf' | 'image/jpeg' | 'image/png';

export function maxBytesOf(kind: DocumentKindName): number {
  return UPLOAD_LIMITS[kind].maxBytes;
}

export function allowedTypesOf(kind: DocumentKindName): readonly UploadContentType[] {
  return UPLOAD_LIMITS[kind].types;
}

/** The conditions of an upload's policy (pure, so a unit test can compare them with a decoded policy). */
export function uploadConditions(kind: DocumentKindName, contentType: UploadContentType, key: string): Conditions[] {
  return [
    ['content-length-range', 1, maxBytesOf(kind)],
    ['eq', '$Content-Type', contentType],
    ['eq', '$key', key],
  ];
}

export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
  key: string;
  expiresAt: string;
  maxBytes: number;
}

export interface DecodedPolicy {
  expiration: string;
  conditions: unknown[];
}

export function decodePolicy(policyBase64: string): DecodedPolicy {
  return JSON.parse(Buffer.from(policyBase64, 'base64').toString('utf8')) as DecodedPolicy;
}

export async function presignUpload(
  kind: DocumentKindName,
  contentType: UploadContentType,
  key: string,
): Promise<PresignedUpload> {
  const { url, fields } = await createPresignedPost(s3(), {
    Bucket: config().documentsBucket,
    Key: key,
    Conditions: uploadConditions(kind, contentType, key),
    Fields: { 'Content-Type': contentType },
    Expires: UPLOAD_URL_TTL_SECONDS,
  });
  // The policy's own expiry (signed on the real clock, as S3 checks it) is what the caller is told.
  const expiresAt = new Date(decodePolicy(fields.Policy ?? '').expiration).toISOString();
  return { url, fields, key, expiresAt, maxBytes: maxBytesOf(kind) };
}
