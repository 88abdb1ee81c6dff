/**
 * Staff sign-in with the pool's TOTP MFA, in a browser against the twin's issuer (which answers as
 * Cognito does): a wrong code is refused and said so; a new account replaces its temporary password,
 * scans the QR code of its new authenticator key (decoded here from a screenshot), confirms a code and
 * reaches the dashboard; the next sign-in asks for the new password and a code of that key.
 */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpOf } from '#local/cognito-idp';
import { DEMO_PASSWORD } from '#local/oidc';
import { launchChromium, screen } from './browser';
import { demoCode, twin } from './helpers';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function freshPage(): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })).newPage();
  await page.goto(`${twin().ui}/#/login`);
  await page.evaluate(() => localStorage.setItem('cec.lang', 'en'));
  await page.reload();
  await page.waitForSelector('input[name=username]');
  return page;
}

async function password(page: Page, user: string, pw: string) {
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', pw);
  await page.click('button[type=submit]');
}

/** A six-digit code that is not the secret's code of this step or the steps either side. */
function wrongCodeFor(secret: string): string {
  const totp = totpOf(secret);
  const near = new Set([-30_000, 0, 30_000].map((d) => totp.generate({ timestamp: Date.now() + d })));
  for (let n = 123_456; ; n = (n + 111_111) % 1_000_000) {
    const code = String(n).padStart(6, '0');
    if (!near.has(code)) return code;
  }
}

const alertText = (page: Page) =>
  page
    .locator('[data-testid=sign-in-error]')
    .textContent()
    .then((t) => t ?? '');

describe('staff sign-in with an authenticator app', () => {
  it('refuses a wrong code, says so in an alert, and takes the right one', async () => {
    const page = await freshPage();
    await password(page, 'reviewer@cec.local', DEMO_PASSWORD);
    const code = page.locator('input[name=code]');
    await code.waitFor();
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    await code.fill(wrongCodeFor('C2DCOGJABP56FBCQPDIFCMRQQW6VBAYX'));
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=sign-in-error]');
    expect(await page.locator('[data-testid=sign-in-error]').getAttribute('role')).toBe('alert');
    expect(await alertText(page)).toMatch(/code is not right/);
    await screen(page, 'sign-in-wrong-code');
    await code.fill(demoCode('reviewer@cec.local'));
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=election-select]', { state: 'attached', timeout: 30_000 });
    await page.context().close();
  });

  it('refuses a wrong password before any code', async () => {
    const page = await freshPage();
    await password(page, 'reviewer@cec.local', 'not-the-password');
    await page.waitForSelector('[data-testid=sign-in-error]');
    expect(await alertText(page)).toMatch(/Incorrect e-mail or password/);
    expect(await page.locator('input[name=code]').count()).toBe(0);
    await page.context().close();
  });

  it('sets up a new account: new password, QR code of a new key, first code; later sign-ins ask for that key', async () => {
    const page = await freshPage();
    await password(page, 'new@cec.local', DEMO_PASSWORD);
    await page.waitForSelector('input[name=new-password]');
    const newPassword = 'Naryn-Region 2027!';
    await page.fill('input[name=new-password]', 'too-short');
    await page.fill('input[name=new-password-repeat]', 'too-short');
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=sign-in-error]');
    expect(await alertText(page)).toMatch(/does not meet the rules/);
    await page.fill('input[name=new-password]', newPassword);
    await page.fill('input[name=new-password-repeat]', newPassword);
    await page.click('button[type=submit]');

    // The QR code, as a phone's camera would read it from the screen.
    const qr = page.locator('[data-testid=totp-qr]');
    await qr.waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector('[data-testid=totp-qr]') as HTMLImageElement | null;
      return Boolean(img?.complete && img.naturalWidth > 0);
    });
    await screen(page, 'sign-in-totp-setup');
    const png = PNG.sync.read(await qr.screenshot());
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded, 'the QR code decodes').not.toBeNull();
    const uri = new URL(decoded!.data);
    expect(uri.protocol).toBe('otpauth:');
    expect(decodeURIComponent(uri.pathname)).toContain('new@cec.local');
    const secret = uri.searchParams.get('secret')!;
    // The same key as text, for typing by hand.
    const shown = ((await page.locator('[data-testid=totp-secret]').textContent()) ?? '').replace(/\s+/g, '');
    expect(shown).toBe(secret);

    await page.fill('input[name=code]', wrongCodeFor(secret));
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=sign-in-error]');
    expect(await alertText(page)).toMatch(/code is not right/);
    await page.fill('input[name=code]', totpOf(secret).generate());
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=election-select]', { state: 'attached', timeout: 30_000 });
    await page.context().close();

    // From now on: the new password, then a code of the key just set up.
    const later = await freshPage();
    await password(later, 'new@cec.local', DEMO_PASSWORD);
    await later.waitForSelector('[data-testid=sign-in-error]');
    await later.fill('input[name=password]', newPassword);
    await later.click('button[type=submit]');
    await later.fill('input[name=code]', totpOf(secret).generate());
    await later.click('button[type=submit]');
    await later.waitForSelector('[data-testid=election-select]', { state: 'attached', timeout: 30_000 });
    await later.context().close();
  });
});
