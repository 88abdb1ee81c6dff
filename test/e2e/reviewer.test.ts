/**
 * A CEC reviewer at the triage grid, in Chromium against the running twin: signs in, filters to the
 * flagged people (citizens of the Kyrgyz Republic, Art. 10), selects three with the keyboard, refuses
 * them into a draft resolution with the ground of Art. 10, adopts it (cec-admin), sees the statuses
 * change in the grid, and the refusal letters arrive. Screens of the staff app are saved on the way.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccessCode } from '#local/seed';
import { makeJpeg, makePdf } from '../fixtures/documents';
import { launchChromium, screen } from './browser';
import { PortalClient, mailsTo, signIn, twin, until } from './helpers';

/** The seeded invitation of the CIS Executive Committee to the upcoming election. */
const CIS_INVITATION = '01JSEED3000000000000000001';
const KG_PEOPLE = [
  ['TOKTOGULOV', 'AZAMAT', 'ТОКТОГУЛОВ', 'АЗАМАТ'],
  ['USUBALIEVA', 'GULNARA', 'УСУБАЛИЕВА', 'ГУЛЬНАРА'],
  ['ZHUMABEKOV', 'ERLAN', 'ЖУМАБЕКОВ', 'ЭРЛАН'],
] as const;

let browser: Browser;
let page: Page;

/** An organization lists three citizens of the Kyrgyz Republic (flagged Art. 10) and submits, by the API. */
async function prepareFlaggedPeople() {
  const portal = new PortalClient(twin().api);
  await portal.signIn(demoAccessCode(CIS_INVITATION).code);
  const app = await portal.call<{ id: string }>('POST', '/v1/portal/applications', { channel: 'direct' });
  const pdf = await makePdf();
  const jpg = makeJpeg();
  await portal.upload(app.id, 'letter', pdf, 'application/pdf');
  for (const [i, [fl, gl, fc, gc]] of KG_PEOPLE.entries()) {
    const person = await portal.call<{ id: string }>('POST', `/v1/portal/applications/${app.id}/representatives`, {
      familyNameLatin: fl,
      givenNamesLatin: gl,
      familyNameCyrillic: fc,
      givenNamesCyrillic: gc,
      sex: i === 1 ? 'F' : 'M',
      dateOfBirth: `198${i}-03-1${i}`,
      citizenship: 'KG',
      passportNumber: `AN90000${i}`,
      passportExpiresOn: '2034-01-31',
      role: 'observer',
      email: `${fl.toLowerCase()}@cis-executive.example`,
      phone: '+7 495 555 0100',
      preferredLanguage: 'ru',
    });
    await portal.upload(app.id, 'passport', pdf, 'application/pdf', person.id);
    await portal.upload(app.id, 'photo', jpg, 'image/jpeg', person.id);
  }
  await until('the uploads checked', async () => {
    const a = await portal.call<{
      people: { documents: { passport: { state: string } | null; photo: { state: string } | null } }[];
    }>('GET', `/v1/portal/applications/${app.id}`);
    return a.people.every((p) => p.documents.passport?.state === 'received' && p.documents.photo?.state === 'received');
  });
  await portal.call('POST', `/v1/portal/applications/${app.id}/submit`);
}

beforeAll(async () => {
  await prepareFlaggedPeople();
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' })).newPage();
  page.on('dialog', (d) => void d.accept());
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const rowsShown = () => page.locator('[role=grid] [role=row][data-row-id]');

describe('triage: a reviewer decides on flagged people', () => {
  it('signs in and sees the dashboard of the election', async () => {
    const { ui } = twin();
    await page.goto(`${ui}/#/login`);
    await page.evaluate(() => localStorage.setItem('cec.lang', 'en'));
    await page.reload();
    await page.waitForSelector('input[name=username]');
    await screen(page, 'sign-in');
    await signIn(page, 'admin@cec.local');
    await page.waitForSelector('[data-testid=dashboard] [data-testid=election-calendar]');
    await until(
      'the counts',
      async () => (await page.locator('[data-testid=dashboard] [data-status=submitted]').count()) > 0,
    );
    await screen(page, 'dashboard');
  });

  it('filters the grid to the citizens of the Kyrgyz Republic (Art. 10)', async () => {
    const { ui } = twin();
    await page.goto(`${ui}/#/triage`);
    await until('the rows', async () => (await rowsShown().count()) > 5);
    await page.getByRole('combobox', { name: 'Flag' }).click();
    await page.click('li[data-value=KG_CITIZEN]');
    await until('the flagged rows', async () => (await rowsShown().count()) === KG_PEOPLE.length + 1);
    const flags = await page.locator('[role=grid] .vg-chip').allTextContents();
    expect(flags.every((f) => f === 'KG citizen')).toBe(true);
    await screen(page, 'grid');
  });

  it("opens a person's panel with the keyboard: flags explained, documents inline, history", async () => {
    await page.focus('[role=grid]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=person-panel]');
    await expect(page.textContent('[data-testid=person-panel]')).resolves.toContain('Art. 10');
    await page.waitForSelector('[data-testid=person-panel] img[alt=Photo]');
    await screen(page, 'person-panel');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=person-panel]', { state: 'detached' });
  });

  it('selects three with the keyboard and refuses them into a new draft resolution (Art. 10)', async () => {
    await page.focus('[role=grid]');
    await page.keyboard.press('Control+Home');
    await page.keyboard.press(' ');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press(' ');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press(' ');
    await expect(page.textContent('[data-testid=bulk-bar]')).resolves.toContain('3 selected');
    await page.keyboard.press('r');
    await page.getByRole('combobox', { name: 'Ground of refusal' }).click();
    await page.click('li[data-value=KG_CITIZEN]');
    await page.fill('textarea[required]', 'Citizens of the Kyrgyz Republic cannot be international observers.');
    await page.click('button:has-text("Add to draft")');
    await page.fill('[data-testid=draft-number]', 'E2E-1');
    await page.click('[data-testid=draft-create]');
    await until(
      'the draft with three items',
      async () => (await page.textContent('[data-testid=draft-chip]').catch(() => ''))?.includes('3 items'),
      60_000,
    );
    const marks = await page.locator('[role=grid] .vg-draft-mark').allTextContents();
    expect(marks.filter((m) => m === 'Draft: refuse')).toHaveLength(3);
  });

  it('adopts the resolution after a confirmation and sees the outcome per person', async () => {
    await page.click('[data-testid=draft-chip]');
    await page.waitForSelector('[data-testid=resolution-composer]');
    await expect(page.locator('[data-testid=resolution-item]').count()).resolves.toBe(3);
    await screen(page, 'resolution-composer');
    await page.click('[data-testid=adopt]');
    await page.click('[data-testid=adopt-confirm]');
    await page.waitForSelector('[data-testid=adopt-outcome]', { timeout: 30_000 });
    await expect(page.textContent('[data-testid=resolution-status]')).resolves.toBe('Adopted');
    const outcomes = await page.locator('[data-testid=resolution-item] .MuiChip-label').allTextContents();
    expect(outcomes.filter((o) => o === 'Refused')).toHaveLength(3);
  });

  it('sees the statuses change in the grid, and the refusal letters arrive', async () => {
    const { ui } = twin();
    await page.goto(`${ui}/#/triage`);
    await until('three refused rows', async () => {
      const statuses = await page.locator('[role=grid] .vg-status').allTextContents();
      return statuses.filter((s) => s.includes('Refused')).length === 3;
    });
    const refused = await page.locator('[role=grid] [role=row]:has(.st-refused)').count();
    expect(refused).toBe(3);
    // The decision letters go to the people concerned and their organization, through the outbox.
    const person = `${KG_PEOPLE[0][0].toLowerCase()}@cis-executive.example`;
    const mail = await until(
      'the refusal letter',
      async () => {
        const found = await mailsTo(person);
        return found.length > 0 ? found : undefined;
      },
      60_000,
    );
    expect(mail[0]!.destination.to.join(',')).toContain('observers@cis-executive.example');
    expect(mail[0]!.subject).toMatch(/Accreditation refused|Отказ в аккредитации/);
    expect(mail[0]!.body.text ?? mail[0]!.body.html).toContain('10');
  });

  it("shows the elections' calendar, and the MFA officer sees the MFA queue only", async () => {
    const { ui } = twin();
    await page.goto(`${ui}/#/elections`);
    await page.click('table tbody tr >> nth=0');
    await page.waitForSelector('[data-testid=election-calendar]');
    await screen(page, 'elections-calendar');

    const mfa = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await signIn(mfa, 'mfa@cec.local');
    await mfa.goto(`${ui}/#/mfa-queue`);
    await mfa.waitForSelector('[data-testid=mfa-forward]');
    const menu = await mfa.locator('.RaSidebar-fixed, .MuiDrawer-root').first().textContent();
    expect(menu).toContain('MFA queue');
    expect(menu).not.toContain('Triage grid');
    await screen(mfa, 'mfa-queue');
    await mfa.context().close();
  });
});
