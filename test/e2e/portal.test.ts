/**
 * An organization in its portal, in Chromium against the running twin: it signs in with the access
 * code of its invitation, adds a representative, uploads a real JPEG photo and PDF passport copy
 * straight to storage (with progress), sees nothing missing any more, and submits. One passport copy
 * is a passport-photo-sized picture: it is received with a notice that it looks like a photo (3.1),
 * which the organization sees beside the slot and the reviewer sees in the person's panel.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccessCode } from '#local/seed';
import { makeJpeg, makePdf } from '../fixtures/documents';
import { launchChromium, screen } from './browser';
import { signIn, twin, until } from './helpers';

/** The seeded invitation of the Central Election Commission of Kazakhstan, whose application is a draft. */
const KZ_INVITATION = '01JSEED3000000000000000003';

let browser: Browser;
let page: Page;
const files = mkdtempSync(join(tmpdir(), 'cec-e2e-files-'));
const photo = join(files, 'photo.jpg');
const passport = join(files, 'passport.pdf');

beforeAll(async () => {
  writeFileSync(photo, makeJpeg(300, 400));
  writeFileSync(passport, await makePdf());
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })).newPage();
  page.on('dialog', (d) => void d.accept());
});

afterAll(async () => {
  await browser?.close();
});

describe('portal: an organization applies', () => {
  it('signs in with the access code from its invitation', async () => {
    const { ui } = twin();
    await page.goto(`${ui}/#/portal/sign-in`);
    await page.evaluate(() => localStorage.setItem('cec.lang', 'en'));
    await page.reload();
    await page.waitForSelector('[data-testid=portal-sign-in]');
    // A mistyped code is refused in the page, before any request.
    await page.fill('[data-testid=access-code]', 'not-a-code');
    await page.click('[data-testid=portal-sign-in-submit]');
    await expect(page.textContent('[data-testid=portal-sign-in]')).resolves.toContain('This is not an access code');
    await screen(page, 'portal-sign-in');

    await page.fill('[data-testid=access-code]', `  ${demoAccessCode(KZ_INVITATION).code.toLowerCase()} `);
    await page.click('[data-testid=portal-sign-in-submit]');
    await page.waitForSelector('[data-testid=portal-home]');
    await page.click('[data-testid=portal-application-link]');
    await page.waitForSelector('[data-testid=portal-application]');
  });

  it('adds a representative, checked in the page by the API schema first', async () => {
    const before = await page.locator('[data-testid=representative-row]').count();
    await page.click('[data-testid=add-representative]');
    await page.fill('[data-testid=rep-familyNameLatin]', 'Жолдошев');
    await page.click('[data-testid=rep-save]');
    // Cyrillic in the Latin name is refused next to the field, with the API's own rule.
    await expect(
      page.locator('text=must be written in Latin letters as in the passport').count(),
    ).resolves.toBeGreaterThan(0);

    const fill = async (field: string, value: string) => page.fill(`[data-testid=rep-${field}]`, value);
    await fill('familyNameLatin', 'OMAROVA');
    await fill('givenNamesLatin', 'DINARA');
    await fill('familyNameCyrillic', 'ОМАРОВА');
    await fill('givenNamesCyrillic', 'ДИНАРА');
    await page.getByRole('combobox', { name: 'Sex' }).click();
    await page.click('li[data-value=F]');
    await fill('dateOfBirth', '1984-05-12');
    await fill('citizenship', 'kz');
    await fill('passportNumber', 'N13370042');
    await fill('passportExpiresOn', '2033-09-30');
    await fill('email', 'omarova@election-kz.example');
    await fill('phone', '+7 717 555 0142');
    await page.click('[data-testid=rep-save]');
    await until(
      'the new representative',
      async () => (await page.locator('[data-testid=representative-row]').count()) === before + 1,
    );
    await expect(page.textContent('[data-testid=portal-application]')).resolves.toContain('OMAROVA');
    // The citizenship typed as a code reads as the country's name, the code beside it.
    await expect(
      page.locator('[data-testid=representative-row]', { hasText: 'OMAROVA' }).textContent(),
    ).resolves.toContain('Kazakhstan (KZ)');
  });

  it('uploads a real PDF and JPEG for everyone still missing them, straight to storage', async () => {
    const rows = page.locator('[data-testid=representative-row]');
    const n = await rows.count();
    for (let i = 0; i < n; i++) {
      const row = rows.nth(i);
      // The new representative's passport slot gets a photo: received, with a notice (3.1).
      const wrongSlot = (await row.textContent())?.includes('OMAROVA');
      for (const [kind, file] of [
        ['passport', wrongSlot ? photo : passport],
        ['photo', photo],
      ] as const) {
        const chip = row.locator(`[data-testid^=doc-${kind}-]`);
        if ((await chip.getAttribute('data-state')) === 'received') continue;
        await row.locator(`input[data-testid^=upload-${kind}-]`).setInputFiles(file);
      }
    }
    if ((await page.getAttribute('[data-testid=doc-letter]', 'data-state')) !== 'received') {
      const letter = page.locator('input[data-testid=upload-letter]');
      if ((await letter.count()) > 0) await letter.setInputFiles(passport);
    }
    // The storage event checks each file (type by its bytes, a readable image or PDF) and marks it received.
    // Every upload has gone to storage (no progress bar left) before the page is read again.
    await until('the uploads sent', async () => (await page.locator('[data-testid=upload-progress]').count()) === 0);
    let states: string[] = [];
    await until(
      'every document received',
      async () => {
        states = await page
          .locator('[data-testid^=doc-passport-], [data-testid^=doc-photo-]')
          .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-testid')}=${e.getAttribute('data-state')}`));
        if (states.every((s) => s.endsWith('=received'))) return true;
        await new Promise((r) => setTimeout(r, 1500));
        await page.reload();
        await page.waitForSelector('[data-testid=portal-application]');
        return false;
      },
      60_000,
    ).catch((e: Error) => {
      throw new Error(`${e.message}: ${states.join(', ')}`);
    });
    // Nothing missing any more (warnings such as a duplicate nomination may stay: the CEC decides).
    await expect(page.locator('[data-testid=portal-missing] .MuiAlert-standardError').count()).resolves.toBe(0);
    const omarova = page.locator('[data-testid=representative-row]', { hasText: 'OMAROVA' });
    await expect(omarova.locator('[data-testid^=doc-note-passport-]').textContent()).resolves.toBe(
      'This file looks like a photo: upload it as the photo (3.1).',
    );
  });

  it('submits, and every representative is then submitted to the CEC', async () => {
    await page.click('[data-testid=submit-application]');
    await until('the submitted application', async () =>
      (await page.textContent('[data-testid=application-status]'))?.includes('Submitted'),
    );
    const statuses = await page.locator('[data-testid=person-status]').allTextContents();
    expect(statuses.length).toBeGreaterThanOrEqual(3);
    expect(statuses.every((s) => s === 'Submitted')).toBe(true);
    await screen(page, 'portal-application');
  });

  it("shows the reviewer the same notice beside the passport copy in the person's panel", async () => {
    const staff = await (
      await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-GB' })
    ).newPage();
    try {
      await signIn(staff, 'reviewer@cec.local');
      await staff.goto(`${twin().ui}/#/triage`);
      await staff.waitForSelector('[role=grid] [role=row][data-row-id]');
      await staff.fill('[data-testid=filter-name]', 'OMAROVA');
      await until(
        'OMAROVA alone in the grid',
        async () => (await staff.locator('[role=grid] [role=row][data-row-id]').count()) === 1,
      );
      await staff.focus('[role=grid]');
      await staff.keyboard.press('Enter');
      const notice = staff.locator('[data-testid=person-panel] [data-testid=looks-like-passport]');
      await notice.waitFor({ timeout: 30_000 });
      await expect(notice.textContent()).resolves.toContain('this file looks like a photo');
      await expect(staff.locator('[data-testid=looks-like-photo]').count()).resolves.toBe(0);
      await screen(staff, 'person-panel-looks-like');
    } finally {
      await staff.context().close();
    }
  });
});
