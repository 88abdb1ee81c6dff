/**
 * Every presigned GET link the product hands out (design principle 7): identity documents shown to
 * reviewers and the MFA, the photo behind a certificate check, certificate PDFs, resolution acts,
 * print batches, register extracts and the public list's CSV.
 *
 * S3 serves an object with the Content-Type it was stored with, and a stored type is whatever the
 * uploader's request said. A link made here states the type and the disposition itself, in the signed
 * URL (`response-content-type`, `response-content-disposition`, `response-cache-control`), from what
 * the system knows: the type the upload check measured, or the type of a file the system wrote. So an
 * object that reached a bucket as `text/html` is still delivered as the PDF or image its record says,
 * or as a download, and never opens as a page on the bucket's origin. Inline is given only to PDFs and
 * images (a browser shows them and runs nothing); anything else is an attachment of
 * `application/octet-stream`. The file name is sent twice: a plain ASCII one for old clients and the
 * full UTF-8 one as `filename*` (RFC 6266 with RFC 5987 encoding).
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { s3 } from '#runtime/clients';
import { config } from '#runtime/config';

/** Links live 5 minutes: long enough to open, short enough not to be passed around. */
export const LINK_TTL_SECONDS = 300;

/** Types a link may serve as they are; every other type is served as a download of bytes. */
const SERVED_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'text/csv; charset=utf-8'] as const;
const INLINE_TYPES: ReadonlySet<string> = new Set(['application/pdf', 'image/jpeg', 'image/png']);
export const FALLBACK_TYPE = 'application/octet-stream';

export type ServedType = (typeof SERVED_TYPES)[number] | typeof FALLBACK_TYPE;

export interface LinkRequest {
  bucket: 'documents' | 'certificates';
  key: string;
  /** The type the system knows the file to be (never the object's own); null when it knows none. */
  contentType: string | null | undefined;
  /** Shown in the browser (PDFs and images only), or saved as a file. */
  disposition: 'inline' | 'attachment';
  filename: string;
  expiresInSeconds?: number;
}

export function servedType(contentType: string | null | undefined): ServedType {
  const t = (contentType ?? '').trim().toLowerCase();
  if (t === 'text/csv' || t.startsWith('text/csv;')) return 'text/csv; charset=utf-8';
  return (SERVED_TYPES as readonly string[]).includes(t) ? (t as ServedType) : FALLBACK_TYPE;
}

/** The name as plain ASCII letters, digits, dot, dash and underscore (at most 100), for `filename=`. */
export function asciiFilename(name: string): string {
  const plain = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[._]+/, '')
    .slice(-100);
  return plain.replace(/^[._]+/, '') || 'download';
}

/** RFC 5987 value: UTF-8, percent-encoded, nothing left that a header parser could misread. */
function rfc5987(name: string): string {
  return encodeURIComponent(name.replace(/[\r\n"\\]/g, '_')).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function contentDisposition(disposition: 'inline' | 'attachment', filename: string): string {
  return `${disposition}; filename="${asciiFilename(filename)}"; filename*=UTF-8''${rfc5987(filename)}`;
}

/** The headers a link forces: its type, its disposition, and no caching of personal data. */
export function linkHeaders(req: Pick<LinkRequest, 'contentType' | 'disposition' | 'filename'>) {
  const type = servedType(req.contentType);
  const disposition = INLINE_TYPES.has(type) ? req.disposition : 'attachment';
  return {
    ResponseContentType: type,
    ResponseContentDisposition: contentDisposition(disposition, req.filename),
    ResponseCacheControl: 'private, no-store',
  };
}

/** A presigned GET of one object, with its type and disposition set by the link. */
export function presignedGet(req: LinkRequest): Promise<string> {
  const bucket = req.bucket === 'documents' ? config().documentsBucket : config().certificatesBucket;
  return getSignedUrl(s3(), new GetObjectCommand({ Bucket: bucket, Key: req.key, ...linkHeaders(req) }), {
    expiresIn: req.expiresInSeconds ?? LINK_TTL_SECONDS,
  });
}

/** A stored PDF of the certificates bucket (certificate, act, print batch, extract), downloaded. */
export function pdfDownloadLink(objectKey: string, filename: string): Promise<string> {
  return presignedGet({
    bucket: 'certificates',
    key: objectKey,
    contentType: 'application/pdf',
    disposition: 'attachment',
    filename,
  });
}

const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

/**
 * An identity document or photo of the documents bucket, shown inline with the type its upload check
 * measured (a file never checked, or rejected, has none and is only a download of bytes).
 */
export function identityDocumentLink(d: {
  objectKey: string;
  kind: string;
  ownerId: string;
  contentType: string | null | undefined;
}): Promise<string> {
  const ext = EXTENSIONS[servedType(d.contentType)] ?? 'bin';
  return presignedGet({
    bucket: 'documents',
    key: d.objectKey,
    contentType: d.contentType,
    disposition: 'inline',
    filename: `${d.kind}-${d.ownerId}.${ext}`,
  });
}
