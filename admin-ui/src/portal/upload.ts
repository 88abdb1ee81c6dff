/**
 * Uploads go straight to storage: the API signs a POST policy (size, type, key prefix, expiry) and the
 * browser sends the form to S3 with XMLHttpRequest, whose upload events give a progress bar.
 */
import type { DocumentView } from '../api/types';
import type { PresignedUpload } from './portal-api';
import { rejectionText } from '../i18n/rejection';
import type { Translate } from './portal-i18n';

export class UploadError extends Error {
  override name = 'UploadError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The form S3 expects: every signed field first, the file last (as `file`). */
export function uploadForm(upload: PresignedUpload, file: Blob, filename = 'upload'): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(upload.fields)) form.append(k, v);
  if (!('Content-Type' in upload.fields) && file.type) form.append('Content-Type', file.type);
  form.append('file', file, filename);
  return form;
}

export function postToStorage(
  upload: PresignedUpload,
  file: File,
  onProgress: (fraction: number) => void,
  XHR: typeof XMLHttpRequest = XMLHttpRequest,
): Promise<void> {
  if (file.size > upload.maxBytes) {
    return Promise.reject(
      new UploadError(`cec.portal.upload_too_large|${Math.round(upload.maxBytes / 1024 / 1024)}`, 413),
    );
  }
  return new Promise((resolve, reject) => {
    const xhr = new XHR();
    xhr.open('POST', upload.url);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve();
      } else {
        // S3 answers XML: <Error><Code>EntityTooLarge</Code><Message>...</Message></Error>
        const m = /<Message>([^<]*)<\/Message>/.exec(xhr.responseText ?? '');
        reject(new UploadError(m?.[1] ?? `HTTP ${xhr.status}`, xhr.status));
      }
    };
    xhr.onerror = () => reject(new UploadError('cec.errors.network', 0));
    xhr.send(uploadForm(upload, file, file.name));
  });
}

/**
 * What to show beside a slot after the upload check: a file that seems to belong to the other slot is
 * named for it, in the organization's language (received with a warning, or rejected); otherwise the
 * check's reason for a rejection, or nothing.
 */
export function documentNote(
  d:
    | (Pick<DocumentView, 'state' | 'rejectionReason' | 'looksLike'> & { rejectionCode?: string | null })
    | null
    | undefined,
  t: Translate,
): { severity: 'warning' | 'error'; text: string } | null {
  if (!d) return null;
  if (d.looksLike) {
    return { severity: d.state === 'received' ? 'warning' : 'error', text: t(`cec.portal.looks_like.${d.looksLike}`) };
  }
  const reason = rejectionText(d, t);
  return reason ? { severity: 'error', text: reason } : null;
}
