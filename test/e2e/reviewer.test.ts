/**
 * A CEC reviewer at the triage grid, in Chromium against the running twin: signs in, filters to the
 * flagged people (citizens of the Kyrgyz Republic, Art. 10), selects three with the keyboard, refuses
 * them into a draft resolution with the ground of Art. 10, adopts it (cec-admin), sees the statuses
 * change in the grid, and the refusal letters arrive. Screens of the staff app are saved on the way.
 * Then the grid on a 1366×768 laptop in Kyrgyz, Russian and English, with long names and long official
 * names of organizations: no filter label, column header or key cell is cut off, and an organization's
 * name too long for its lines is read whole in the grid's tooltip, by pointer and by keyboard.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoAccessCode } from '#local/seed';
import { makeJpeg, makePdf } from '../fixtures/documents';
import { launchChromium, screen } from './browser';
import { PortalClient, mailsTo, signIn, twin, until } from './helpers';
import { axeFindings, isSerious, truncated } from './screen-checks';

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

/** Long official names, as organizations write them (the grid shows the name in English where given). */
const LONG_ORGS = [
  {
    name: 'Office for Democratic Institutions and Human Rights of the Organization for Security and Co-operation in Europe',
    country: 'PL',
    person: ['ABERCROMBIE-FITZGERALD', 'Christopher Alexander', 'АБЕРКРОМБИ-ФИЦДЖЕРАЛЬД', 'Кристофер Александр'],
  },
  {
    name: 'Межпарламентская Ассамблея государств — участников Содружества Независимых Государств',
    country: 'RU',
    person: ['ABRAMOVA-SHCHERBAKOVA', 'Ekaterina Aleksandrovna', 'АБРАМОВА-ЩЕРБАКОВА', 'Екатерина Александровна'],
  },
  {
    name: 'Көз карандысыз мамлекеттердин шериктештигинин аткаруу комитетинин байкоочулар миссиясы',
    country: 'BY',
    person: ['ABDYKADYROVA', 'Aizhamal Bakytbekovna', 'АБДЫКАДЫРОВА', 'Айжамал Бакытбековна'],
  },
] as const;

/** The columns a reviewer decides on, shown by default (the organization's country is added by the test). */
const KEY_COLUMNS = [
  'nameLatin',
  'nameCyrillic',
  'organization',
  'application',
  'citizenship',
  'passportExpiresOn',
  'documents',
  'flags',
  'mfa',
  'status',
  'decision',
];

/** The long-named organizations and one submitted representative of each, in the demo election. */
async function seedLongNames() {
  const info = inject('twinInfo');
  Object.assign(process.env, inject('twinEnv'), { TWIN_API_URL: info.internal.api, TWIN_OIDC_URL: info.internal.oidc });
  const { getInvitation } = await import('#data/invitations');
  const { createOrganization } = await import('#data/organizations');
  const { adminActor, seedPeople } = await import('../data/decisions-fixtures');
  const { makePerson } = await import('../data/fixtures');
  const { electionId } = await getInvitation(CIS_INVITATION);
  const now = new Date();
  const people = [];
  for (const [i, o] of LONG_ORGS.entries()) {
    const org = await createOrganization(
      {
        name: { original: o.name, en: o.name },
        type: 'international_organization',
        country: o.country,
        contactEmail: `long-name-${i}@observers.example`,
        preferredLanguage: 'ru',
      },
      adminActor,
      now,
    );
    const [fl, gl, fc, gc] = o.person;
    people.push(
      makePerson({
        electionId,
        organizationId: org.id,
        organizationCountry: o.country,
        familyNameLatin: fl,
        givenNamesLatin: gl,
        familyNameCyrillic: fc,
        givenNamesCyrillic: gc,
        citizenship: o.country,
        email: `long-name-${i}@observers.example`,
        applicationNumber: `PR26-A-09${i}7`,
        createdAt: now.toISOString(),
        submittedAt: now.toISOString(),
      }),
    );
  }
  await seedPeople(people);
}

/** The text of the grid's tooltip while it shows, or '' when it does not. */
async function tooltipText(p: Page): Promise<string> {
  const tip = p.locator('[data-testid=grid-tooltip]');
  return (await tip.isVisible()) ? ((await tip.textContent()) ?? '') : '';
}

describe('the grid on a 1366×768 laptop: nothing a reviewer decides on is cut off', () => {
  beforeAll(async () => {
    await seedLongNames();
  }, 60_000);

  for (const lang of ['ky', 'ru', 'en'] as const) {
    it(`in ${lang}: filter labels, column headers and key cells whole; long organization names in the tooltip`, async () => {
      const { ui } = twin();
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const p = await context.newPage();
      try {
        await signIn(p, 'admin@cec.local', lang);
        await p.goto(`${ui}/#/triage`);
        await until(
          'the long-named rows',
          async () => (await p.locator('.vg-row [data-full^="ABERCROMBIE"]').count()) > 0,
        );
        await screen(p, `${lang}-grid-1366`);

        // Every filter's label, whole.
        const labels = '[data-testid=triage-filters] .MuiInputLabel-root';
        expect(await p.locator(labels).count()).toBe(9);
        expect(await truncated(p, labels), 'filter labels cut off').toEqual([]);
        // Every column header, whole, and the key columns inside the grid's visible width (no scrolling sideways).
        expect(await truncated(p, '[role=grid] [role=columnheader]'), 'column headers cut off').toEqual([]);
        const outside = await p.$$eval(
          '[role=grid] .vg-row[aria-rowindex="2"] [data-col]',
          (els, keys) => {
            const grid = document.querySelector('[role=grid]') as HTMLElement;
            const right = grid.getBoundingClientRect().left + grid.clientWidth;
            return els
              .filter(
                (e) => keys.includes(e.getAttribute('data-col') ?? '') && e.getBoundingClientRect().right > right + 1,
              )
              .map((e) => e.getAttribute('data-col'));
          },
          KEY_COLUMNS,
        );
        expect(outside, 'key columns past the right edge at 1366 px').toEqual([]);

        // Key cells: whole, except names cut to the row's lines, which end in "…" and carry their full text.
        const cells = KEY_COLUMNS.map((c) => `[role=grid] .vg-row [data-col=${c}]`).join(', ');
        const inner = KEY_COLUMNS.map((c) => `[role=grid] .vg-row [data-col=${c}] > :not(.vg-clamp)`).join(', ');
        expect(await truncated(p, inner), 'key cells cut off').toEqual([]);
        expect(await truncated(p, cells), 'key cells cut off at the cell').toEqual([]);
        const clamped = await p.$$eval('[role=grid] .vg-row .vg-clamp', (els) =>
          els
            .filter((e) => e.scrollHeight > e.clientHeight + 1)
            .map((e) => ({
              full: e.getAttribute('data-full'),
              text: e.textContent,
              col: e.parentElement?.dataset.col,
            })),
        );
        for (const c of clamped) expect(c.full, `${c.col}: the full text of a cut name`).toBe(c.text);
        const longest = LONG_ORGS[0].name;
        expect(clamped.map((c) => c.full)).toContain(longest);

        // The organization's country (hidden by default; the column chooser shows it): whole too.
        await p.click('[data-testid=grid-columns]');
        await p.click('[data-testid=grid-columns-menu] [data-column=country]');
        await p.keyboard.press('Escape');
        await p.waitForSelector('[data-testid=grid-columns-menu]', { state: 'hidden' });
        await p.waitForSelector('[role=grid] .vg-row [data-col=country]');
        expect(await truncated(p, '[role=grid] [role=columnheader], [role=grid] .vg-row [data-col=country]')).toEqual(
          [],
        );
        await p.click('[data-testid=grid-columns]');
        await p.click('[data-testid=grid-columns-menu] [data-column=country]');
        await p.keyboard.press('Escape');
        await p.waitForSelector('[data-testid=grid-columns-menu]', { state: 'hidden' });
        await until('the default columns', async () => (await p.locator('.vg-row [data-col=country]').count()) === 0);

        // The pointer over the long name: the tooltip says it whole, and is not cut itself.
        const org = p.locator(`.vg-row [data-col=organization] [data-full="${longest}"]`).first();
        await org.hover();
        await until('the tooltip on hover', async () => (await tooltipText(p)) === longest, 5_000);
        expect(await truncated(p, '[data-testid=grid-tooltip]')).toEqual([]);
        await p.mouse.move(0, 0);
        await until('the tooltip gone', async () => (await tooltipText(p)) === '', 5_000);

        // The keyboard: the active cell on the long name shows the same tooltip; Escape hides it.
        const rowIndex =
          Number(await org.evaluate((e) => e.closest('[aria-rowindex]')?.getAttribute('aria-rowindex'))) - 2;
        const orgCol = await p
          .locator('[role=grid] .vg-row[aria-rowindex="2"] [data-col]')
          .evaluateAll((cs) => cs.findIndex((c) => c.getAttribute('data-col') === 'organization'));
        await p.focus('[role=grid]');
        await p.keyboard.press('Control+Home');
        await p.keyboard.press('Home');
        for (let i = 0; i < rowIndex; i++) await p.keyboard.press('ArrowDown');
        for (let i = 0; i <= orgCol; i++) await p.keyboard.press('ArrowRight');
        await until('the tooltip on the active cell', async () => (await tooltipText(p)) === longest, 5_000);
        const described = await p.evaluate(() => {
          const grid = document.querySelector('[role=grid]');
          const cell = document.getElementById(grid?.getAttribute('aria-activedescendant') ?? '');
          return document.getElementById(cell?.getAttribute('aria-describedby') ?? '')?.textContent;
        });
        expect(described, 'the active cell is described by the tooltip').toBe(longest);
        await screen(p, `${lang}-grid-1366-tooltip`);
        const serious = (await axeFindings(p)).filter(isSerious);
        expect(serious.map((f) => `${f.id}: ${f.help} — ${f.nodes.map((n) => n.target).join(' | ')}`)).toEqual([]);
        await p.keyboard.press('Escape');
        await until('the tooltip hidden by Escape', async () => (await tooltipText(p)) === '', 5_000);
      } finally {
        await context.close();
      }
    });
  }
});
