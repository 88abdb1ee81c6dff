/**
 * What an uploaded file really is (3.1: copies of identity documents; a photo for the certificate).
 * The declared content type and file name are not trusted: the type comes from the magic bytes, an
 * image must decode (a photo at least 300×400), a PDF must parse and must not be encrypted. Sizes and
 * pixel counts are bounded before anything is decoded.
 *
 * A file put into the wrong slot is named for the slot it seems to belong to (`looksLike`), from what
 * can honestly be measured: its type and its pixel dimensions. Nothing here reads a face or a text.
 * - Photo slot: a PDF is a document, never a photo (it is refused, as any PDF here always was, now with
 *   the slot it fits). A landscape image shaped like an identity document (width/height from 1.35 to
 *   1.65: a passport data page is 125×88 mm, 1.42; an ID card 85.6×54 mm, 1.59) is refused: the card
 *   prints the photo in a 3:4 portrait frame (shared/pdf/certificate.ts), which would keep the middle
 *   half of such a page. An ordinary 4:3 (1.33) or 16:9 (1.78) picture is not refused for its shape.
 * - Passport slot: a copy may be a PDF or an image, scanned or photographed, in either orientation, so
 *   nothing is refused for its shape. An image that has the shape and size of a certificate photo
 *   (portrait, width/height from 0.72 to 0.82, as 35×45 mm and 3×4 photos are, where an A4 page or a
 *   passport spread is 0.71, and at most 1200 pixels on its longer side, below a page scanned at
 *   150 dpi or any phone camera's picture) is received
 *   with a notice, "looks like a photo": it may still be a small picture of a real passport, and the
 *   reviewer, who sees the file, decides (a person decides, never the software alone).
 */
import { fileTypeFromBuffer } from 'file-type';
import jpeg from 'jpeg-js';
import { EncryptedPDFError, ParseSpeeds, PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { type DocumentKindName, type RejectionCode, UPLOAD_LIMITS } from '#schemas/document';

/** A bound on decoding: 40 megapixels (an A4 page scanned at 600 dpi is about 35). */
export const MAX_IMAGE_PIXELS = 40_000_000;

export type { RejectionCode };

export type Inspection =
  | {
      ok: true;
      contentType: string;
      size: number;
      width?: number;
      height?: number;
      pages?: number;
      /** Received, but the file seems to belong to this other slot (with the notice saying so). */
      looksLike?: DocumentKindName;
      notice?: string;
    }
  | { ok: false; code: RejectionCode; reason: string; looksLike?: DocumentKindName };

/** Landscape width/height of identity documents (ID card 1.59, passport data page 1.42, A4 1.41). */
export const DOCUMENT_ASPECT = { min: 1.35, max: 1.65 } as const;
/** Portrait width/height of certificate photos (3×4 is 0.75, 35×45 mm is 0.78). */
export const PHOTO_ASPECT = { min: 0.72, max: 0.82 } as const;
/** A photo-shaped image no larger than this on its longer side is too coarse for a page scan (150 dpi). */
export const PHOTO_MAX_LONG_SIDE = 1200;

/** Whether an image has the shape and size of a certificate photo (see the rule above). */
export function photoShaped(width: number, height: number): boolean {
  const ratio = width / height;
  return ratio >= PHOTO_ASPECT.min && ratio <= PHOTO_ASPECT.max && Math.max(width, height) <= PHOTO_MAX_LONG_SIDE;
}

/** Whether an image has the landscape shape of a passport page or an identity card. */
export function documentShaped(width: number, height: number): boolean {
  const ratio = width / height;
  return ratio >= DOCUMENT_ASPECT.min && ratio <= DOCUMENT_ASPECT.max;
}

const MB = 1024 * 1024;

function reject(code: RejectionCode, reason: string): Inspection {
  return { ok: false, code, reason };
}

/** Width and height from a PNG's IHDR chunk (bytes 16..23), read before inflating anything. */
function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 24) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Width and height from a JPEG's first start-of-frame marker, read before decoding. */
function jpegSize(bytes: Uint8Array): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1]!;
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (bytes[i + 5]! << 8) | bytes[i + 6]!, width: (bytes[i + 7]! << 8) | bytes[i + 8]! };
    }
    i += 2 + length;
  }
  return null;
}

function decodeImage(type: string, bytes: Uint8Array): { width: number; height: number } {
  if (type === 'image/png') {
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { width: png.width, height: png.height };
  }
  const img = jpeg.decode(bytes, {
    useTArray: true,
    tolerantDecoding: false,
    maxResolutionInMP: MAX_IMAGE_PIXELS / 1_000_000,
    maxMemoryUsageInMB: 512,
  });
  return { width: img.width, height: img.height };
}

export async function inspectUpload(
  kind: DocumentKindName,
  bytes: Uint8Array,
  declaredType?: string | null,
): Promise<Inspection> {
  const limits = UPLOAD_LIMITS[kind];
  if (bytes.length === 0) return reject('EMPTY', 'the file is empty');
  if (bytes.length > limits.maxBytes) {
    return reject('TOO_LARGE', `the file is larger than ${limits.maxBytes / MB} MB, the limit for a ${kind}`);
  }
  const detected = await fileTypeFromBuffer(bytes);
  const type = detected?.mime;
  const allowed = limits.types as readonly string[];
  if (kind === 'photo' && type === 'application/pdf') {
    return {
      ...reject(
        'NOT_ALLOWED_TYPE',
        'the file is a PDF, which looks like a document: upload it as the passport copy, and a JPEG or PNG photo here',
      ),
      looksLike: 'passport',
    };
  }
  if (!type || !allowed.includes(type)) {
    return reject(
      'NOT_ALLOWED_TYPE',
      `the file's content is ${type ?? 'of no recognised type'}, not ${allowed.join(', ')} as a ${kind} must be`,
    );
  }
  if (declaredType && declaredType !== type) {
    return reject('TYPE_MISMATCH', `the file was declared as ${declaredType} but its content is ${type}`);
  }
  if (type === 'application/pdf') {
    try {
      const pdf = await PDFDocument.load(bytes, {
        ignoreEncryption: false,
        updateMetadata: false,
        parseSpeed: ParseSpeeds.Fastest,
      });
      const pages = pdf.getPageCount();
      if (pages < 1) return reject('PDF_UNREADABLE', 'the PDF has no pages');
      return { ok: true, contentType: type, size: bytes.length, pages };
    } catch (err) {
      if (err instanceof EncryptedPDFError) {
        return reject('PDF_ENCRYPTED', 'the PDF is encrypted or password-protected; upload an unprotected copy');
      }
      return reject('PDF_UNREADABLE', 'the PDF could not be read');
    }
  }
  const header = type === 'image/png' ? pngSize(bytes) : jpegSize(bytes);
  if (!header) return reject('IMAGE_UNREADABLE', 'the image could not be read');
  if (header.width * header.height > MAX_IMAGE_PIXELS) {
    return reject('TOO_MANY_PIXELS', `the image has more than ${MAX_IMAGE_PIXELS / 1_000_000} megapixels`);
  }
  let size: { width: number; height: number };
  try {
    size = decodeImage(type, bytes);
  } catch {
    return reject('IMAGE_UNREADABLE', 'the image could not be decoded');
  }
  if (kind === 'photo') {
    const min = UPLOAD_LIMITS.photo;
    if (size.width < min.minWidth || size.height < min.minHeight) {
      return reject(
        'PHOTO_TOO_SMALL',
        `the photo is ${size.width}×${size.height} pixels; at least ${min.minWidth}×${min.minHeight} is needed for the certificate`,
      );
    }
    if (documentShaped(size.width, size.height)) {
      return {
        ...reject(
          'LOOKS_LIKE_DOCUMENT',
          `the image is ${size.width}×${size.height} pixels, landscape like a passport page or an identity card, not a portrait for the certificate: upload it as the passport copy`,
        ),
        looksLike: 'passport',
      };
    }
  }
  const ok = { ok: true as const, contentType: type, size: bytes.length, width: size.width, height: size.height };
  if (kind === 'passport' && photoShaped(size.width, size.height)) {
    return {
      ...ok,
      looksLike: 'photo',
      notice: `the image is ${size.width}×${size.height} pixels, the shape and size of a certificate photo rather than a passport page: if it is the photo, upload it as the photo`,
    };
  }
  return ok;
}
