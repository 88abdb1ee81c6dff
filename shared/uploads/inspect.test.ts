import { describe, expect, it } from 'vitest';
import { fixture, makeJpeg, makePng } from '#test/fixtures/documents';
import { MAX_IMAGE_PIXELS, documentShaped, inspectUpload, photoShaped } from './inspect';

describe('inspectUpload: what a file really is (3.1)', () => {
  it('accepts a real PDF, JPEG and PNG for the kinds that allow them', async () => {
    await expect(inspectUpload('letter', await fixture('letter.pdf'), 'application/pdf')).resolves.toMatchObject({
      ok: true,
      contentType: 'application/pdf',
      pages: 1,
    });
    await expect(inspectUpload('photo', await fixture('photo.jpg'), 'image/jpeg')).resolves.toMatchObject({
      ok: true,
      width: 300,
      height: 400,
    });
    await expect(inspectUpload('passport', await fixture('passport.png'), 'image/png')).resolves.toMatchObject({
      ok: true,
      contentType: 'image/png',
    });
  });

  it('rejects an executable renamed .pdf by its magic bytes', async () => {
    const result = await inspectUpload('passport', await fixture('executable.pdf'), 'application/pdf');
    expect(result).toMatchObject({ ok: false, code: 'NOT_ALLOWED_TYPE' });
    expect(!result.ok && result.reason).toMatch(/application\/x-elf/);
  });

  it('rejects a file whose content differs from the declared type', async () => {
    await expect(inspectUpload('passport', await fixture('photo.jpg'), 'image/png')).resolves.toMatchObject({
      ok: false,
      code: 'TYPE_MISMATCH',
    });
  });

  it('rejects a PDF as a photo, and a photo smaller than 300×400', async () => {
    await expect(inspectUpload('photo', await fixture('letter.pdf'))).resolves.toMatchObject({
      ok: false,
      code: 'NOT_ALLOWED_TYPE',
    });
    await expect(inspectUpload('photo', makeJpeg(300, 399))).resolves.toMatchObject({
      ok: false,
      code: 'PHOTO_TOO_SMALL',
    });
    // The same small image is fine as a passport copy: the minimum is the certificate photo's.
    await expect(inspectUpload('passport', await fixture('small-photo.png'))).resolves.toMatchObject({ ok: true });
  });

  it('rejects empty, oversized, truncated and unparseable files', async () => {
    await expect(inspectUpload('letter', new Uint8Array())).resolves.toMatchObject({ code: 'EMPTY' });
    await expect(inspectUpload('photo', new Uint8Array(2 * 1024 * 1024 + 1))).resolves.toMatchObject({
      code: 'TOO_LARGE',
    });
    const png = makePng();
    await expect(inspectUpload('passport', png.subarray(0, png.length - 200))).resolves.toMatchObject({
      ok: false,
      code: 'IMAGE_UNREADABLE',
    });
    const broken = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(64, 0x20)]);
    await expect(inspectUpload('letter', broken)).resolves.toMatchObject({ ok: false, code: 'PDF_UNREADABLE' });
  });

  it('refuses to decode an image with more pixels than the bound, reading only its header', async () => {
    const png = makePng(10, 10);
    // Forge the IHDR dimensions: the file is tiny, the claimed picture enormous (a decompression bomb).
    png.writeUInt32BE(20_000, 16);
    png.writeUInt32BE(20_000, 20);
    const result = await inspectUpload('passport', png);
    expect(result).toMatchObject({ ok: false, code: 'TOO_MANY_PIXELS' });
    expect(20_000 * 20_000).toBeGreaterThan(MAX_IMAGE_PIXELS);
  });

  it('names the slot a file seems to belong to, and refuses no legitimate passport scan for its shape', async () => {
    // A face photo (300×400 JPEG) in the passport slot: received, with a notice naming the photo slot.
    await expect(inspectUpload('passport', await fixture('photo.jpg'), 'image/jpeg')).resolves.toMatchObject({
      ok: true,
      looksLike: 'photo',
      notice: expect.stringContaining('upload it as the photo'),
    });
    // Passport copies as they come, even coarse ones: a data page at 150 dpi (landscape), an A4 page
    // at 75 dpi, a two-page spread at 200 dpi; no notice for any of them (larger ones: the bounds below).
    for (const [w, h] of [
      [740, 520],
      [620, 877],
      [690, 976],
    ] as const) {
      const result = await inspectUpload('passport', makeJpeg(w, h));
      expect(result, `${w}×${h}`).toMatchObject({ ok: true });
      expect(result.ok && result.looksLike, `${w}×${h}`).toBeUndefined();
    }
    // A PDF is never a photo; a landscape page shaped like a passport in the photo slot is refused.
    await expect(inspectUpload('photo', await fixture('letter.pdf'))).resolves.toMatchObject({
      ok: false,
      looksLike: 'passport',
      reason: expect.stringContaining('upload it as the passport copy'),
    });
    await expect(inspectUpload('photo', makeJpeg(710, 500))).resolves.toMatchObject({
      ok: false,
      code: 'LOOKS_LIKE_DOCUMENT',
      looksLike: 'passport',
    });
    // An ordinary landscape or portrait picture is still a photo; the certificate's frame crops it.
    await expect(inspectUpload('photo', makeJpeg(800, 600))).resolves.toMatchObject({ ok: true });
    await expect(inspectUpload('photo', makeJpeg(600, 800))).resolves.not.toHaveProperty('looksLike');
  }, 30_000);

  it('draws the shape rules at their stated bounds', () => {
    expect(photoShaped(350, 450)).toBe(true);
    expect(photoShaped(300, 400)).toBe(true);
    expect(photoShaped(900, 1200)).toBe(true);
    expect(photoShaped(930, 1240)).toBe(false);
    expect(photoShaped(400, 400)).toBe(false);
    expect(photoShaped(300, 450)).toBe(false);
    // A4 (0.707) and a passport spread (0.71) at any resolution, and any phone camera's picture.
    expect(photoShaped(620, 877)).toBe(false);
    expect(photoShaped(1240, 1754)).toBe(false);
    expect(photoShaped(1476, 2078)).toBe(false);
    expect(photoShaped(3024, 4032)).toBe(false);
    expect(photoShaped(1200, 1600)).toBe(false);
    expect(documentShaped(1250, 880)).toBe(true);
    expect(documentShaped(856, 540)).toBe(true);
    expect(documentShaped(400, 300)).toBe(false);
    expect(documentShaped(1600, 900)).toBe(false);
  });
});
