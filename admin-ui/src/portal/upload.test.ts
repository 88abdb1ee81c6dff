/** Uploads straight to storage: the form S3 expects, progress, and S3's refusals in its words. */
import { describe, expect, it } from 'vitest';
import { documentNote, postToStorage, uploadForm, UploadError } from './upload';
import { en } from '../i18n/en';
import { ky } from '../i18n/ky';
import { ru } from '../i18n/ru';

const signed = {
  url: 'http://s3.local/cec-documents',
  fields: {
    key: 'documents/e/o/a/p/photo/01J',
    Policy: 'eyJ...',
    'X-Amz-Signature': 'sig',
    'Content-Type': 'image/jpeg',
  },
  key: 'documents/e/o/a/p/photo/01J',
  expiresAt: '2027-01-01T00:00:00Z',
  maxBytes: 2 * 1024 * 1024,
};

class FakeXhr {
  static last: FakeXhr;
  method = '';
  url = '';
  status = 0;
  responseText = '';
  body: FormData | null = null;
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  send(body: FormData) {
    this.body = body;
  }
}

describe('presigned POST', () => {
  it('sends every signed field first and the file last, as S3 requires', () => {
    const form = uploadForm(signed, new Blob(['x'], { type: 'image/jpeg' }), 'me.jpg');
    const names = [...form.keys()];
    expect(names).toEqual(['key', 'Policy', 'X-Amz-Signature', 'Content-Type', 'file']);
  });

  it('posts to the signed URL, reports progress and resolves on 2xx', async () => {
    const progress: number[] = [];
    const file = new File([new Uint8Array(10)], 'me.jpg', { type: 'image/jpeg' });
    const done = postToStorage(signed, file, (f) => progress.push(f), FakeXhr as unknown as typeof XMLHttpRequest);
    const xhr = FakeXhr.last;
    expect([xhr.method, xhr.url]).toEqual(['POST', signed.url]);
    xhr.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 });
    xhr.status = 204;
    xhr.onload?.();
    await done;
    expect(progress).toEqual([0.5, 1]);
  });

  it("rejects with S3's message when the policy refuses the file", async () => {
    const file = new File([new Uint8Array(10)], 'me.jpg', { type: 'image/jpeg' });
    const done = postToStorage(signed, file, () => {}, FakeXhr as unknown as typeof XMLHttpRequest);
    const xhr = FakeXhr.last;
    xhr.status = 400;
    xhr.responseText =
      '<Error><Code>EntityTooLarge</Code><Message>Your proposed upload exceeds the maximum allowed size</Message></Error>';
    xhr.onload?.();
    await expect(done).rejects.toThrow('Your proposed upload exceeds the maximum allowed size');
  });

  it('refuses a file larger than the signed limit without sending it', async () => {
    const big = new File([new Uint8Array(signed.maxBytes + 1)], 'big.jpg', { type: 'image/jpeg' });
    await expect(
      postToStorage(signed, big, () => {}, FakeXhr as unknown as typeof XMLHttpRequest),
    ).rejects.toBeInstanceOf(UploadError);
  });
});

describe('documentNote: what the portal shows beside a slot', () => {
  const dict = (root: unknown) => (key: string) =>
    key.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown>)?.[k], root) as string;

  it('names the slot a file seems to belong to, Kyrgyz first, instead of a plain “received”', () => {
    const face = { state: 'received', rejectionReason: null, looksLike: 'photo' } as const;
    expect(documentNote(face, dict(ky))).toEqual({
      severity: 'warning',
      text: 'Бул файл сүрөткө окшойт: аны сүрөт катары жүктөңүз (3.1).',
    });
    expect(documentNote(face, dict(ru))?.text).toBe('Этот файл похож на фотографию: загрузите его как фото (3.1).');
    expect(documentNote(face, dict(en))?.text).toBe('This file looks like a photo: upload it as the photo (3.1).');
    const page = { state: 'rejected', rejectionReason: 'the image is 710×500 pixels…', looksLike: 'passport' } as const;
    expect(documentNote(page, dict(en))).toEqual({
      severity: 'error',
      text: 'This file looks like a passport copy: upload it as the passport copy (3.1).',
    });
  });

  it('shows a rejection’s own reason otherwise, and nothing for a plain received file', () => {
    expect(
      documentNote({ state: 'rejected', rejectionReason: 'the PDF could not be read', looksLike: null }, dict(en)),
    ).toEqual({
      severity: 'error',
      text: 'the PDF could not be read',
    });
    expect(documentNote({ state: 'received', rejectionReason: null, looksLike: null }, dict(en))).toBeNull();
    expect(documentNote(null, dict(en))).toBeNull();
  });
});
