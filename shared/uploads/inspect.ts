/**
 * What an uploaded file really is (3.1: copies of identity documents; a photo for the certificate).
 * The declared content type and file name are not trusted: the type comes from the magic bytes, an
 * image must decode (a photo at least 300×400), a PDF must parse and must not be encrypted. Sizes and
 * pixel counts are bounded before anything is decoded.
 */
import { fileTypeFromBuffer } from 'file-type';
import jpeg from 'jpeg-js';
import { EncryptedPDFError, ParseSpeeds, PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { type DocumentKindName, UPLOAD_LIMITS } from '#schemas/document';

/** A bound on decoding: 40 megapixels (an A4 page scanned at 600 dpi is about 35). */
export const MAX_IMAGE_PIXELS = 40_000_000;

export type RejectionCode =
  | 'EMPTY'
  | 'TOO_LARGE'
  | 'NOT_ALLOWED_TYPE'
  | 'TYPE_MISMATCH'
  | 'TOO_MANY_PIXELS'
  | 'IMAGE_UNREADABLE'
  | 'PHOTO_TOO_SMALL'
  | 'PDF_UNREADABLE'
  | 'PDF_ENCRYPTED'
  | 'NOT_ACCEPTING';

export type Inspection =
  | { ok: true; contentType: string; size: number; width?: number; height?: number; pages?: number }
  | { ok: false; code: RejectionCode; reason: string };

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
  }
  return { ok: true, contentType: type, size: bytes.length, width: size.width, height: size.height };
}
