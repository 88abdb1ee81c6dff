/**
 * The intake as its users reach it on the twin: staff through the API with demo users' tokens, an
 * organization through the portal with the access code its invitation email carried, files straight
 * to the S3 server by presigned POST.
 */
import { type StoredMail, storedMails } from '#local/ses';
import { api } from '../twin/fixtures/twin-client';

export const ADMIN = 'admin@cec.local';
export const REVIEWER = 'reviewer@cec.local';
export const MFA_OFFICER = 'mfa@cec.local';

export type Json = Record<string, unknown>;

export async function staff<T = Json>(user: string, method: string, path: string, body?: unknown) {
  const res = await api(path, { method, as: user, body });
  return {
    status: res.status,
    headers: res.headers,
    body: (res.text ? JSON.parse(res.text) : {}) as T,
    text: res.text,
  };
}

export async function portal<T = Json>(token: string | null, method: string, path: string, body?: unknown) {
  const res = await api(path, {
    method,
    body,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return {
    status: res.status,
    headers: res.headers,
    body: (res.text ? JSON.parse(res.text) : {}) as T,
    text: res.text,
  };
}

export async function moveClock(at: Date | string): Promise<void> {
  const res = await api('/local/clock', { method: 'POST', as: ADMIN, body: { at: new Date(at).toISOString() } });
  if (res.status !== 200) throw new Error(`clock not moved: ${res.status} ${res.text}`);
}

/** The twin's clock (another file may have moved it). */
export async function twinNow(): Promise<Date> {
  const res = await api('/local/clock', { as: ADMIN });
  if (res.status !== 200) throw new Error(`clock not read: ${res.status} ${res.text}`);
  return new Date((JSON.parse(res.text) as { now: string }).now);
}

export async function resetClock(): Promise<void> {
  await api('/local/clock', { method: 'POST', as: ADMIN, body: { reset: true } });
}

export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const CODE = /\b[0-9A-HJKMNP-TV-Z]{26}\.[A-Z2-7]{26}\b/;

/** The access code from the newest mail to `address` whose text carries one (waits for the consumer). */
export async function accessCodeMailTo(address: string, notCode?: string): Promise<{ code: string; mail: StoredMail }> {
  return until(`an access-code email to ${address}`, async () => {
    const mails = (await storedMails(process.env.TWIN_SES_URL!)).filter((m) => m.destination.to.includes(address));
    for (const mail of mails.reverse()) {
      const code = CODE.exec(`${mail.body.text ?? ''} ${mail.body.html ?? ''}`)?.[0];
      if (code && code !== notCode) return { code, mail };
    }
    return undefined;
  });
}

export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

export function representative(over: Json = {}): Json {
  return {
    familyNameLatin: 'Novak',
    givenNamesLatin: 'Jana',
    familyNameCyrillic: 'Новак',
    givenNamesCyrillic: 'Яна',
    sex: 'F',
    dateOfBirth: '1979-09-02',
    citizenship: 'CZ',
    passportNumber: `P${Math.floor(Math.random() * 1e9)}`,
    passportExpiresOn: '2032-01-31',
    role: 'observer',
    email: 'jana.novak@example.cz',
    phone: '+420 601 123 456',
    preferredLanguage: 'en',
    ...over,
  };
}

export interface Presigned {
  url: string;
  fields: Record<string, string>;
  key: string;
  expiresAt: string;
  maxBytes: number;
}

/** Sends a file as a browser does: a multipart form with the policy's fields, then the file. */
export async function postFile(up: Presigned, bytes: Buffer, filename: string, contentType: string) {
  const form = new FormData();
  for (const [k, v] of Object.entries(up.fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: contentType }), filename);
  const res = await fetch(up.url, { method: 'POST', body: form });
  return res.status;
}
