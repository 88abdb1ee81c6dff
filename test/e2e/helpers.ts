/**
 * What the browser tests share: the twin's addresses (from the global setup), a staff sign-in through
 * the UI, the portal's API for preparing data as an organization would, and waiting for mail.
 */
import { inject } from 'vitest';
import type { Page } from 'playwright-core';
import { totpOf } from '#local/cognito-idp';
import { DEMO_PASSWORD, DEMO_USERS } from '#local/oidc';
import { storedMails, type StoredMail } from '#local/ses';

export function twin() {
  const info = inject('twinInfo');
  return { ui: info.urls.ui!, api: info.internal.api, mail: info.urls.mail, info };
}

export async function signIn(page: Page, user: string, lang: 'en' | 'ru' | 'ky' = 'en') {
  const { ui } = twin();
  await page.goto(`${ui}/#/login`);
  await page.evaluate((l) => localStorage.setItem('cec.lang', l), lang);
  await page.reload();
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await page.click('button[type=submit]');
  // The pool's second factor: the code the user's authenticator app shows now.
  await page.fill('input[name=code]', demoCode(user));
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=election-select]', { state: 'attached', timeout: 30_000 });
}

/** The current TOTP code of a demo user's authenticator (the demo secrets of infra/local/oidc.ts). */
export function demoCode(user: string): string {
  const secret = DEMO_USERS.find((u) => u.username === user)?.totpSecret;
  if (!secret) throw new Error(`${user} has no authenticator yet: sign in through the first-time set-up`);
  return totpOf(secret).generate();
}

export async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Mail whose recipients include `address` (the store may keep several recipients in one string). */
export function mailsTo(address: string): Promise<StoredMail[]> {
  return storedMails(twin().mail).then((all) =>
    all.filter((m) => m.destination.to.flatMap((to) => to.split(',')).some((to) => to.trim() === address)),
  );
}

type Json = Record<string, unknown>;

/** The portal API as an organization's browser calls it (used to prepare data for the staff tests). */
export class PortalClient {
  token = '';
  constructor(readonly api: string) {}

  async call<T = Json>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.api}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  async signIn(accessCode: string) {
    const s = await this.call<{ token: string }>('POST', '/v1/portal/sessions', { accessCode });
    this.token = s.token;
  }

  /** Presigned POST straight to storage, as the portal page does it. */
  async upload(
    applicationId: string,
    kind: 'letter' | 'passport' | 'photo',
    file: Buffer,
    type: string,
    personId?: string,
  ) {
    const signed = await this.call<{ url: string; fields: Record<string, string> }>(
      'POST',
      `/v1/portal/applications/${applicationId}/uploads`,
      { kind, contentType: type, ...(personId ? { personId } : {}) },
    );
    const form = new FormData();
    for (const [k, v] of Object.entries(signed.fields)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(file)], { type }), `${kind}`);
    const res = await fetch(signed.url, { method: 'POST', body: form });
    if (res.status >= 300) throw new Error(`upload of ${kind} refused: ${res.status} ${await res.text()}`);
  }
}
