/**
 * Every main screen of both apps, as reviewers and organizations see them on a 1366×768 laptop, in
 * Kyrgyz and in Russian: a screenshot of each (test-artifacts/screens, git-ignored), and on each
 * 0 axe-core violations of moderate, serious or critical impact (landmarks and heading order
 * included), exactly one h1, no code or id where a person reads (names and numbers are marked
 * `translate="no"`), and the grid's key columns not cut off.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccessCode } from '#local/seed';
import { SCREENS_DIR, launchChromium, screen } from './browser';
import { signIn, twin, until } from './helpers';
import { type AxeFinding, axeFindings, isSerious, rawCodesShown, truncated } from './screen-checks';

/** The seeded invitation of the OSCE/ODIHR to the upcoming election (its application is submitted). */
const PORTAL_INVITATION = '01JSEED3000000000000000002';
/** The seeded invitation of the Central Election Commission of Kazakhstan (its application is a draft). */
const DRAFT_INVITATION = '01JSEED3000000000000000003';
const VIEWPORT = { width: 1366, height: 768 };
/**
 * The grid's columns a reviewer decides on: never cut off (a name longer than a row's lines ends in
 * "…" and is read whole in the grid's tooltip: test/e2e/reviewer.test.ts checks those).
 */
const KEY_CELLS = ['nameLatin', 'passportExpiresOn', 'status', 'decision', 'flags']
  .map((c) => `[role=grid] .vg-row [data-col=${c}] > :not(.vg-clamp)`)
  .join(', ');

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

interface ScreenReport {
  name: string;
  serious: AxeFinding[];
  moderate: string[];
  /** The page's h1 elements (visible or read out): exactly one. */
  h1s: number;
  codes: string[];
  cut: string[];
}
const reports: ScreenReport[] = [];

/** Waits until nothing is loading any more (spinners, progress bars, react-admin's skeletons). */
async function settled(page: Page, selector: string) {
  await page.waitForSelector(selector, { timeout: 30_000 });
  await until(
    'the screen to settle',
    async () =>
      (await page
        // Determinate bars (the window's progress above the grid) are figures, not loading.
        .locator(
          '.MuiCircularProgress-root:visible, .MuiLinearProgress-indeterminate:visible, .MuiSkeleton-root:visible',
        )
        .count()) === 0,
    20_000,
  ).catch(() => undefined);
  await page.waitForTimeout(250);
}

async function check(page: Page, name: string, extra: { cells?: string } = {}) {
  await screen(page, name);
  const findings = await axeFindings(page);
  const report: ScreenReport = {
    name,
    serious: findings.filter(isSerious),
    moderate: findings
      .filter((f) => f.impact === 'moderate')
      .map((f) => `${f.id} ${f.nodes.map((n) => n.target).join(' | ')}`),
    h1s: await page.locator('h1').count(),
    codes: await rawCodesShown(page),
    cut: extra.cells ? await truncated(page, extra.cells) : [],
  };
  reports.push(report);
  return report;
}

/** SCREENS_SURVEY=true lists every finding in test-artifacts/screens/findings.json instead of failing. */
const SURVEY = process.env.SCREENS_SURVEY === 'true';

function expectClean(r: ScreenReport) {
  if (SURVEY) return;
  expect(
    r.serious.map((f) => `${f.id} (${f.impact}): ${f.help} — ${f.nodes.map((n) => n.target).join(' | ')}`),
    `${r.name}: serious axe-core violations`,
  ).toEqual([]);
  expect(r.moderate, `${r.name}: moderate axe-core violations`).toEqual([]);
  expect(r.h1s, `${r.name}: h1 elements`).toBe(1);
  expect(r.codes, `${r.name}: codes shown to people`).toEqual([]);
  expect(r.cut, `${r.name}: key cells cut off`).toEqual([]);
}

async function newPage(lang: 'ky' | 'ru'): Promise<[BrowserContext, Page]> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: lang === 'ky' ? 'ky-KG' : 'ru-RU' });
  const page = await context.newPage();
  page.on('dialog', (d) => void d.dismiss());
  return [context, page];
}

for (const lang of ['ky', 'ru'] as const) {
  describe(`every screen at 1366×768 in ${lang === 'ky' ? 'Kyrgyz' : 'Russian'}`, () => {
    let context: BrowserContext;
    let page: Page;
    const go = async (hash: string, selector: string) => {
      await page.goto(`${twin().ui}/#${hash}`);
      await settled(page, selector);
    };

    beforeAll(async () => {
      [context, page] = await newPage(lang);
    });
    afterAll(async () => {
      await context?.close();
    });

    it('the sign-in page', async () => {
      await page.goto(`${twin().ui}/#/login`);
      await page.evaluate((l) => localStorage.setItem('cec.lang', l), lang);
      await page.reload();
      await settled(page, 'input[name=username]');
      expectClean(await check(page, `${lang}-staff-sign-in`));
    });

    it('the dashboard, with the window and the counts', async () => {
      await signIn(page, 'admin@cec.local', lang);
      await go('/', '[data-testid=dashboard] [data-testid=election-calendar]');
      await page.waitForSelector('[data-testid=dashboard] [data-status]');
      expectClean(await check(page, `${lang}-dashboard`));
    });

    it('the triage grid: key columns whole, the window and progress above it', async () => {
      await go('/triage', '[role=grid] [role=row][data-row-id]');
      await page.waitForSelector('[data-testid=window-progress]');
      const r = await check(page, `${lang}-triage-grid`, { cells: KEY_CELLS });
      expect(await truncated(page, 'h1')).toEqual([]);
      expectClean(r);
    });

    it("a person's panel: flags explained, history in sentences", async () => {
      await page.focus('[role=grid]');
      await page.keyboard.press('Enter');
      await settled(page, '[data-testid=person-panel] [data-testid=person-history]');
      expectClean(await check(page, `${lang}-person-panel`));
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid=person-panel]', { state: 'detached' });
    });

    it('the keys of the grid', async () => {
      await page.focus('[role=grid]');
      await page.keyboard.press('?');
      await settled(page, '[role=dialog]');
      expectClean(await check(page, `${lang}-grid-shortcuts`));
      await page.keyboard.press('Escape');
    });

    it('the columns and density of the grid', async () => {
      await page.click('[data-testid=grid-columns]');
      await settled(page, '[data-testid=grid-columns-menu]');
      expectClean(await check(page, `${lang}-grid-columns`));
      await page.keyboard.press('Escape');
      // The menu fades out: the next screen's check must not read its half-transparent items.
      await page.waitForSelector('[data-testid=grid-columns-menu]', { state: 'hidden' });
    });

    it('a column resized from the keyboard: a focusable handle, its width read out and kept', async () => {
      const handle = () => page.locator('[role=grid] [role=separator][aria-orientation=vertical]').nth(1);
      const width = async () => Number(await handle().getAttribute('aria-valuenow'));
      const before = await width();
      await handle().focus();
      await page.keyboard.press('ArrowRight');
      await until('the column to widen', async () => (await width()) === before + 8, 5_000);
      expectClean(await check(page, `${lang}-grid-resize-focus`));
      await page.reload();
      await settled(page, '[role=grid] [role=row][data-row-id]');
      expect(await width(), 'the width is kept for this user').toBe(before + 8);
      await handle().focus();
      await page.keyboard.press('Enter');
      await until('the default width back', async () => (await width()) === before, 5_000);
    });

    it('the resolutions and one resolution', async () => {
      await go('/resolutions', '.RaList-main');
      expectClean(await check(page, `${lang}-resolutions`));
      await page.click('.RaList-main tbody tr >> nth=0');
      await settled(page, '[data-testid=resolution-composer]');
      expectClean(await check(page, `${lang}-resolution`));
    });

    it('the elections and one election', async () => {
      await go('/elections', '.RaList-main tbody tr');
      expectClean(await check(page, `${lang}-elections`));
      await page.click('.RaList-main tbody tr >> nth=0');
      await settled(page, '[data-testid=election-calendar]');
      expectClean(await check(page, `${lang}-election`));
    });

    it('organizations, invitations and proposals', async () => {
      await go('/organizations', '.RaList-main tbody tr');
      expectClean(await check(page, `${lang}-organizations`));
      await go('/invitations', '.RaList-main');
      expectClean(await check(page, `${lang}-invitations`));
      await go('/proposals', '.RaList-main');
      expectClean(await check(page, `${lang}-proposals`));
    });

    it('the audit log in sentences', async () => {
      await go('/audit', '.RaList-main');
      // The log names everyone it mentions, which takes a while on a busy machine: check the rows, not the skeleton.
      await page.waitForSelector('[data-testid=audit-line]', { timeout: 60_000 });
      await settled(page, '[data-testid=audit-line]');
      const lines = await page.locator('[data-testid=audit-line]').allTextContents();
      // Every line says who or what it is about: no stand-in word where a name should be.
      const standIn = lang === 'ky' ? /(?<!\p{L})жазуу(?!\p{L})/u : /(?<!\p{L})запись(?!\p{L})/u;
      expect(lines.filter((l) => standIn.test(l))).toEqual([]);
      expectClean(await check(page, `${lang}-audit`));
    }, 120_000);

    it('the outbox: sent, failed and parked mail in words', async () => {
      await go('/outbox', '.RaList-main');
      expectClean(await check(page, `${lang}-outbox-failed`));
      await go(`/outbox?filter=${encodeURIComponent(JSON.stringify({ status: 'sent' }))}`, '.RaList-main tbody tr');
      expectClean(await check(page, `${lang}-outbox-sent`));
    });

    it('the MFA queue, and a route the MFA officer may not use says so in one line', async () => {
      const [mfaContext, mfa] = await newPage(lang);
      try {
        await signIn(mfa, 'mfa@cec.local', lang);
        await mfa.goto(`${twin().ui}/#/mfa-queue`);
        await settled(mfa, '.RaList-main');
        expectClean(await check(mfa, `${lang}-mfa-queue`));
        await mfa.goto(`${twin().ui}/#/triage`);
        await settled(mfa, '[data-testid=not-allowed]');
        const text = await mfa.textContent('[data-testid=not-allowed]');
        expect(text?.length).toBeGreaterThan(10);
        expectClean(await check(mfa, `${lang}-mfa-not-allowed`));
      } finally {
        await mfaContext.close();
      }
    });

    it('the portal: sign-in, home and a submitted application', async () => {
      const [portalContext, portal] = await newPage(lang);
      try {
        await portal.goto(`${twin().ui}/#/portal/sign-in`);
        await portal.evaluate((l) => localStorage.setItem('cec.lang', l), lang);
        await portal.reload();
        await settled(portal, '[data-testid=portal-sign-in]');
        expectClean(await check(portal, `${lang}-portal-sign-in`));
        await portal.fill('[data-testid=access-code]', demoAccessCode(PORTAL_INVITATION).code);
        await portal.click('[data-testid=portal-sign-in-submit]');
        await settled(portal, '[data-testid=portal-home]');
        expectClean(await check(portal, `${lang}-portal-home`));
        await portal.click('[data-testid=portal-application-link] >> nth=0');
        await settled(portal, '[data-testid=portal-application]');
        expectClean(await check(portal, `${lang}-portal-application`));
      } finally {
        await portalContext.close();
      }
    });

    it('the portal: a draft application and the representative form', async () => {
      const [portalContext, portal] = await newPage(lang);
      try {
        await portal.goto(`${twin().ui}/#/portal/sign-in`);
        await portal.evaluate((l) => localStorage.setItem('cec.lang', l), lang);
        await portal.reload();
        await settled(portal, '[data-testid=portal-sign-in]');
        await portal.fill('[data-testid=access-code]', demoAccessCode(DRAFT_INVITATION).code);
        await portal.click('[data-testid=portal-sign-in-submit]');
        await settled(portal, '[data-testid=portal-home]');
        await portal.click('[data-testid=portal-application-link] >> nth=0');
        await settled(portal, '[data-testid=add-representative]');
        expectClean(await check(portal, `${lang}-portal-draft`));
        await portal.click('[data-testid=add-representative]');
        await settled(portal, '[role=dialog] [data-testid=rep-save]');
        expectClean(await check(portal, `${lang}-portal-representative-form`));
        await portal.keyboard.press('Escape');
      } finally {
        await portalContext.close();
      }
    });
  });
}

describe('the figures', () => {
  it('lists what was checked', () => {
    const nodes = (fs: AxeFinding[]) => fs.reduce((n, f) => n + f.nodes.length, 0);
    const serious = reports.reduce((s, r) => s + nodes(r.serious), 0);
    const moderate = reports.reduce((s, r) => s + r.moderate.length, 0);
    console.log(
      `${reports.length} screens checked; serious/critical axe-core findings: ${serious}; moderate (rule × screen): ${moderate}`,
    );
    // The moderate ones (best practices: landmarks, heading order) per screen, rule by rule.
    for (const r of reports.filter((x) => x.moderate.length > 0)) {
      console.log(`  ${r.name}: ${r.moderate.length} moderate — ${r.moderate.join('; ')}`);
    }
    mkdirSync(SCREENS_DIR, { recursive: true });
    writeFileSync(join(SCREENS_DIR, 'findings.json'), JSON.stringify(reports, null, 2));
    expect(reports.length).toBeGreaterThan(0);
  });
});
