/**
 * The public pages in Chromium against the twin: a resolution accredits two people and refuses one;
 * the outbox renders their certificates; the QR code decoded out of each certificate PDF opens the
 * verification page, which says VALID with the name, number, organization and photo. A forged
 * signature says UNKNOWN; a person whose mandate ended says EXPIRED; a revocation adopted while the
 * page is open says REVOKED on the next check, at once. The published list page shows the names; the
 * resolution's document, fetched through the admin route, reads back its number, clauses and every
 * name with its ground.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screen } from './browser';
import { twin, until } from './helpers';

// The twin's environment first: the repositories below reach the twin's table and buckets.
const info = inject('twinInfo');
Object.assign(process.env, inject('twinEnv'), {
  TWIN_API_URL: info.internal.api,
  TWIN_OIDC_URL: info.internal.oidc,
});

const dir = mkdtempSync(join(tmpdir(), 'public-pages-'));
let browser: Browser;
let page: Page;
let electionId: string;
let resolutionNumber: string;
let resolutionId: string;
const links: Record<'first' | 'second' | 'expired', string> = { first: '', second: '', expired: '' };
const people: Record<string, { latin: string; cyrillic: string; number?: string; id: string }> = {};

async function adminToken(): Promise<string> {
  const { tokenFor } = await import('#local/oidc');
  return tokenFor('admin@cec.local', { issuerUrl: info.internal.oidc });
}

/** The certificate PDF the outbox rendered, page 1 as an image, its QR code decoded. */
async function qrOfCertificate(electionId: string, number: string): Promise<string> {
  const { getCertificate } = await import('#data/certificates');
  const { GetObjectCommand } = await import('@aws-sdk/client-s3');
  const { s3 } = await import('#runtime/clients');
  const { config } = await import('#runtime/config');
  const key = await until(
    `certificate ${number} rendered`,
    async () => (await getCertificate(electionId, number))?.objectKey,
    60_000,
  );
  const out = await s3().send(new GetObjectCommand({ Bucket: config().certificatesBucket, Key: key }));
  const file = join(dir, `${number}.pdf`);
  writeFileSync(file, await out.Body!.transformToByteArray());
  execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', file, join(dir, number)]);
  const png = PNG.sync.read(readFileSync(join(dir, `${number}-1.png`)));
  const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!qr?.data) throw new Error(`no QR code found on certificate ${number}`);
  return qr.data;
}

beforeAll(async () => {
  const { adminActor, personOf, reviewerActor, seedElection, seedOrganization, seedPeople } = await import(
    '../data/decisions-fixtures'
  );
  const { seedPhoto } = await import('../data/publication-fixtures');
  const { createDraft, setItems } = await import('#decisions/composition');
  const { adoptResolution } = await import('#decisions/adoption');
  const { fixedClock } = await import('#domain/clock');
  const { addDays, bishkekDate } = await import('#domain/time');
  const { getPeople } = await import('#data/persons');
  const { ulid } = await import('ulid');

  const clock = await fetch(`${info.internal.api}/local/clock`, {
    headers: { authorization: `Bearer ${await adminToken()}` },
  });
  const now = new Date(((await clock.json()) as { now: string }).now);
  const today = bishkekDate(now);
  // Voting before the demo election's (30 days), so the staff screens' default election stays the demo's.
  const e = await seedElection({ calledOn: addDays(today, -20), votingDay: addDays(today, 25) });
  electionId = e.id;
  const org = await seedOrganization(`Public Pages Mission ${ulid().slice(-6)}`, 'PL', 'en');
  const first = personOf(e, org, 0, {
    familyNameLatin: 'Ongarbaeva',
    givenNamesLatin: 'Umut',
    familyNameCyrillic: 'Өңгарбаева',
    givenNamesCyrillic: 'Үмүт',
    email: `first-${ulid().toLowerCase()}@example.net`,
  });
  const second = personOf(e, org, 1, { email: `second-${ulid().toLowerCase()}@example.net` });
  const refused = personOf(e, org, 2, {
    familyNameCyrillic: 'Ңурланов',
    givenNamesCyrillic: 'Бакыт',
    email: `refused-${ulid().toLowerCase()}@example.net`,
  });
  const expired = personOf(e, org, 3, { email: `expired-${ulid().toLowerCase()}@example.net` });
  await seedPeople([first, second, refused, expired]);
  for (const p of [first, second, expired]) await seedPhoto(p);

  resolutionNumber = `PP-${ulid().slice(-5)}/1`;
  const r = await createDraft(
    e.id,
    { number: resolutionNumber, adoptedOn: today, kind: 'accreditation' },
    reviewerActor,
    now,
  );
  resolutionId = r.id;
  await setItems(
    r.id,
    [
      { personId: first.id, decision: 'accredit' },
      { personId: second.id, decision: 'accredit' },
      { personId: expired.id, decision: 'accredit' },
      {
        personId: refused.id,
        decision: 'refuse',
        ground: 'DOCUMENTS_MISSING_OR_INACCURATE',
        reason: 'The passport copy is unreadable',
      },
    ],
    reviewerActor,
    now,
  );
  await adoptResolution(r.id, adminActor, fixedClock(now));
  const after = await getPeople([first.id, second.id, refused.id, expired.id]);
  for (const [name, p] of [
    ['first', first],
    ['second', second],
    ['refused', refused],
    ['expired', expired],
  ] as const) {
    const stored = after.find((x) => x.id === p.id)!;
    people[name] = {
      id: p.id,
      latin: `${p.familyNameLatin} ${p.givenNamesLatin}`,
      cyrillic: `${p.familyNameCyrillic} ${p.givenNamesCyrillic}`,
      number: stored.certificateNumber ?? undefined,
    };
  }
  links.first = await qrOfCertificate(e.id, people.first!.number!);
  links.second = await qrOfCertificate(e.id, people.second!.number!);
  // 3.7: this person's mandate ended (the change the expire-mandates job makes, for one person).
  const { transitionPerson } = await import('#data/persons');
  await transitionPerson(after.find((x) => x.id === expired.id)!, 'expire', adminActor, now);

  // An election whose results are published: accredited while it ran, then its calendar moved into
  // the past as time would (the check derives expiry from the calendar, 3.7, as the job does).
  const ended = await seedElection({ calledOn: addDays(today, -20), votingDay: addDays(today, 24) });
  const late = personOf(ended, org, 0, { email: `ended-${ulid().toLowerCase()}@example.net` });
  await seedPeople([late]);
  await seedPhoto(late);
  const r2 = await createDraft(
    ended.id,
    { number: `PP-${ulid().slice(-5)}/2`, adoptedOn: today, kind: 'accreditation' },
    reviewerActor,
    now,
  );
  await setItems(r2.id, [{ personId: late.id, decision: 'accredit' }], reviewerActor, now);
  await adoptResolution(r2.id, adminActor, fixedClock(now));
  const [lateStored] = await getPeople([late.id]);
  links.expired = await qrOfCertificate(ended.id, lateStored!.certificateNumber!);
  const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
  const { ddb } = await import('#runtime/clients');
  const { config } = await import('#runtime/config');
  const { keys } = await import('#data/keys');
  await ddb.send(
    new UpdateCommand({
      TableName: config().tableName,
      Key: keys.election(ended.id),
      UpdateExpression: 'SET calledOn = :called, votingDay = :voting, resultsPublishedOn = :results',
      ExpressionAttributeValues: {
        ':called': addDays(today, -60),
        ':voting': addDays(today, -20),
        ':results': addDays(today, -10),
      },
    }),
  );

  browser = await launchChromium();
  // A small phone screen.
  page = await (await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'ky-KG' })).newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

const statusShown = async () => (await page.waitForSelector('[data-status]')).getAttribute('data-status');

describe('the verification page a certificate QR code opens', () => {
  it('the QR code points at the page on the site, not at the API', () => {
    const url = new URL(links.first);
    expect(url.origin).toBe(new URL(twin().ui).origin);
    expect(url.pathname).toBe(`/verify/${electionId}/${people.first!.number}`);
    expect(url.searchParams.get('sig')).toBeTruthy();
  });

  it('says VALID in Kyrgyz first, with the number, the name, the organization and the photo', async () => {
    await page.goto(links.first);
    expect(await statusShown()).toBe('valid');
    const text = await page.locator('main').textContent();
    expect(text).toContain('ЖАРАКТУУ');
    expect(text).toContain(people.first!.number!);
    expect(text).toContain('Өңгарбаева Үмүт');
    expect(text).toContain('Public Pages Mission');
    // The photo printed on the card, through a 5-minute presigned link to the person's photo object.
    // (Its bytes are not fetched here: the twin's upload checker removes photos written straight to the
    // bucket, as these seeded ones are, rather than uploaded through the portal.)
    const src = new URL((await page.locator('img').getAttribute('src'))!);
    expect(src.pathname).toContain(`/${people.first!.id}/photo/`);
    expect(src.searchParams.get('X-Amz-Expires')).toBe('300');
    await screen(page, 'public-verify-valid');
    await page.click('nav.langs a[lang=en]');
    expect(await page.locator('.status strong').textContent()).toBe('VALID');
  });

  it('says UNKNOWN for a signature that does not match, and shows nothing about the person', async () => {
    const forged = new URL(links.first);
    const sig = forged.searchParams.get('sig')!;
    forged.searchParams.set('sig', `${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`);
    await page.goto(forged.toString());
    expect(await statusShown()).toBe('unknown');
    const text = await page.locator('main').textContent();
    expect(text).not.toContain('Өңгарбаева');
    expect(await page.locator('img').count()).toBe(0);
    await screen(page, 'public-verify-unknown');
  });

  it('says EXPIRED once the mandate ended (3.7)', async () => {
    await page.goto(links.expired);
    expect(await statusShown()).toBe('expired');
  });

  it('says REVOKED at once after a revocation (4.7), from the very same QR link', async () => {
    await page.goto(links.second);
    expect(await statusShown()).toBe('valid');
    const { createDraft, setItems } = await import('#decisions/composition');
    const { adoptResolution } = await import('#decisions/adoption');
    const { adminActor, reviewerActor } = await import('../data/decisions-fixtures');
    const { fixedClock } = await import('#domain/clock');
    const { bishkekDate } = await import('#domain/time');
    const now = new Date();
    const r = await createDraft(
      electionId,
      { number: `PP-R-${Date.now() % 100000}`, adoptedOn: bishkekDate(now), kind: 'revocation' },
      reviewerActor,
      now,
    );
    await setItems(
      r.id,
      [
        {
          personId: people.second!.id,
          decision: 'revoke',
          revocationReason: 'ORGANIZATION_REQUEST',
          gross: false,
          reason: 'Letter of the mission',
        },
      ],
      reviewerActor,
      now,
    );
    await adoptResolution(r.id, adminActor, fixedClock(now));
    await page.reload();
    expect(await statusShown()).toBe('revoked');
    // In the language chosen on the first page (English), kept for the next ones.
    expect(await page.locator('.status strong').textContent()).toBe('REVOKED');
    await screen(page, 'public-verify-revoked');
  });
});

describe('the published list page', () => {
  it('lists the published names with their numbers, counts them and filters by name', async () => {
    await page.goto(`${twin().ui}/list/${electionId}?lang=en`);
    await page.waitForSelector('tbody tr td');
    const text = await page.locator('main').textContent();
    expect(text).toContain('Өңгарбаева Үмүт');
    expect(text).toContain(people.first!.number!);
    expect(text).toContain('Total: 3');
    expect(text).not.toContain(people.refused!.latin);
    await page.fill('input[type=search]', 'ongarb');
    await until('the filter applied', async () => (await page.locator('tbody tr').count()) === 1);
    expect(await page.locator('a.button').getAttribute('href')).toContain(
      `/v1/public/elections/${electionId}/observers.csv`,
    );
    await screen(page, 'public-list');
  });
});

describe('the resolution document (3.3)', () => {
  it('is a PDF whose text holds its number, the clauses it applies and every name with its ground', async () => {
    const token = await adminToken();
    // The consumer renders the act from the adoption's stream record; until then the route says 409.
    const res = await until(
      'the resolution document stored',
      async () => {
        const r = await fetch(`${info.internal.api}/v1/admin/resolutions/${resolutionId}/document`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return r.status === 200 ? r : undefined;
      },
      60_000,
    );
    const { url, sha256 } = (await res.json()) as { url: string; sha256: string };
    const pdf = Buffer.from(await (await fetch(url)).arrayBuffer());
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(sha256);
    const file = join(dir, 'resolution.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(`№ ${resolutionNumber}`);
    for (const clause of ['3.3, 3.4 жана 3.9', 'пунктами 3.3, 3.4 и 3.9', 'статьёй 10']) expect(text).toContain(clause);
    for (const name of ['first', 'second', 'expired'] as const) {
      expect(text).toContain(people[name]!.cyrillic);
      expect(text).toContain(people[name]!.latin);
      expect(text).toContain(people[name]!.number!);
    }
    const refusedAt = text.indexOf(people.refused!.cyrillic);
    expect(refusedAt).toBeGreaterThan(-1);
    expect(text.slice(refusedAt)).toContain('Документы отсутствуют, неполны или недостоверны (пункт 3.9 Положения)');
    expect(text.slice(refusedAt)).toContain('The passport copy is unreadable');
  });

  it('its SHA-256 is in the audit entry written when it was stored', async () => {
    const token = await adminToken();
    const res = await fetch(
      `${info.internal.api}/v1/admin/audit?entityType=resolution&entityId=${resolutionId}&limit=50`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const entries = ((await res.json()) as { data: { action: string; detail: { sha256?: string } | null }[] }).data;
    const stored = entries.find((a) => a.action === 'resolution-document-stored');
    expect(stored?.detail?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers 409 for a draft', async () => {
    const { createDraft } = await import('#decisions/composition');
    const { reviewerActor } = await import('../data/decisions-fixtures');
    const { bishkekDate } = await import('#domain/time');
    const now = new Date();
    const draft = await createDraft(
      electionId,
      { number: `PP-D-${Date.now() % 100000}`, adoptedOn: bishkekDate(now), kind: 'accreditation' },
      reviewerActor,
      now,
    );
    const res = await fetch(`${info.internal.api}/v1/admin/resolutions/${draft.id}/document`, {
      headers: { authorization: `Bearer ${await adminToken()}` },
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('RESOLUTION_NOT_ADOPTED');
  });
});
