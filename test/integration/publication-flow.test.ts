/**
 * Publication against the running twin: an adopted resolution reaches the twin's outbox consumer
 * through the table's stream; certificates are rendered into S3 and mailed with the accreditation;
 * refusals and revocations are mailed in the organization's language, Russian and Kyrgyz; the public
 * list (JSON, CSV) and verification show no personal field; a revoked certificate stops verifying;
 * the organization downloads its certificate; staff see the outbox. Records are put straight into the
 * twin's table with the same repositories the handlers use (this file has the twin's environment).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { getCertificate } from '#data/certificates';
import { getPeople } from '#data/persons';
import { adoptResolution } from '#decisions/adoption';
import { createDraft, setItems } from '#decisions/composition';
import { fixedClock } from '#domain/clock';
import { addDays, bishkekDate } from '#domain/time';
import { issuePortalSession } from '#http/auth';
import { type StoredMail, storedMails } from '#local/ses';
import type { Election } from '#schemas/election';
import type { Organization } from '#schemas/organization';
import type { Person } from '#schemas/person';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';
import {
  adminActor,
  personOf,
  reviewerActor,
  seedElection,
  seedOrganization,
  seedPeople,
} from '../data/decisions-fixtures';
import { seedPerson, seedPhoto } from '../data/publication-fixtures';
import { api } from '../twin/fixtures/twin-client';

const ADMIN = 'admin@cec.local';

let now: Date;
let today: string;
let e: Election;
let org: Organization;
let other: Organization;
let kyrgyzName: Person;
let second: Person;
let refused: Person;
let otherPerson: Person;

interface Verification {
  status: string;
  number: string;
  certificate: { name: { latin: string; cyrillic: string }; organization: string; mandateEndedOn: string | null };
}

/** Fields the public must never see (design principle 7), by name and by value. */
const PRIVATE_FIELDS = ['passportNumber', 'passportExpiresOn', 'dateOfBirth', 'email', 'phone', 'sex', 'citizenship'];

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** The API's check behind a verification page link (`/verify/…` → `/v1/public/certificates/…`). */
const apiPathOf = (link: URL) => `${link.pathname.replace(/^\/verify\//, '/v1/public/certificates/')}${link.search}`;

const mailsTo = async (address: string) =>
  (await storedMails(process.env.TWIN_SES_URL!)).filter((m) => m.destination.to.join(', ').includes(address));

async function mailTo(address: string, subject: RegExp): Promise<StoredMail> {
  return until(`a mail to ${address} matching ${subject}`, async () =>
    (await mailsTo(address)).find((m) => subject.test(m.subject)),
  );
}

async function portalToken(o: Organization, electionId: string) {
  return (await issuePortalSession({ organizationId: o.id, electionId, invitationId: ulid(), sessionId: ulid() }, now))
    .token;
}

function keysDeep(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysDeep(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysDeep(v, out);
    }
  }
  return out;
}

function expectNoPersonalData(body: string, people: Person[]) {
  for (const p of people) {
    for (const v of [p.passportNumber, p.email, p.phone, p.dateOfBirth, p.passportExpiresOn]) {
      expect(body, `the public body must not hold ${v}`).not.toContain(v);
    }
  }
}

beforeAll(async () => {
  const clock = await api('/local/clock', { as: ADMIN });
  now = new Date(((await clock.json()) as { now: string }).now);
  today = bishkekDate(now);
  e = await seedElection({ calledOn: addDays(today, -20), votingDay: addDays(today, 40) });
  org = await seedOrganization(`Publication Mission ${ulid().slice(-6)}`, 'PL', 'en');
  other = await seedOrganization(`Other Mission ${ulid().slice(-6)}`, 'DE', 'ru');
  kyrgyzName = personOf(e, org, 0, {
    familyNameLatin: 'Ongarbaeva',
    givenNamesLatin: 'Umut',
    familyNameCyrillic: 'Өңгарбаева',
    givenNamesCyrillic: 'Үмүт Ңуровна',
    email: `umut-${ulid().toLowerCase()}@example.net`,
    phone: '+48 22 555 0101',
    dateOfBirth: '1979-11-23',
  });
  second = personOf(e, org, 1, { email: `second-${ulid().toLowerCase()}@example.net`, phone: '+48 22 555 0102' });
  refused = personOf(e, org, 2, { email: `refused-${ulid().toLowerCase()}@example.net` });
  otherPerson = personOf(e, other, 3, { email: `other-${ulid().toLowerCase()}@example.net` });
  await seedPeople([kyrgyzName, second, refused, otherPerson]);
  for (const p of [kyrgyzName, second, otherPerson]) await seedPhoto(p);

  const r = await createDraft(
    e.id,
    { number: `P-${ulid().slice(-6)}`, adoptedOn: today, kind: 'accreditation' },
    reviewerActor,
    now,
  );
  await setItems(
    r.id,
    [
      { personId: kyrgyzName.id, decision: 'accredit' },
      { personId: second.id, decision: 'accredit' },
      { personId: otherPerson.id, decision: 'accredit' },
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
  [kyrgyzName, second, refused, otherPerson] = await getPeople([
    kyrgyzName.id,
    second.id,
    refused.id,
    otherPerson.id,
  ]).then((list) => [kyrgyzName, second, refused, otherPerson].map((p) => list.find((x) => x.id === p.id)!));
}, 180_000);

describe('certificates and accreditation letters', () => {
  it('mails the certificate with the accreditation; the PDF holds the names with Ң Ө Ү and its QR verifies', async () => {
    const number = kyrgyzName.certificateNumber!;
    expect(number).toBeTruthy();
    const mail = await mailTo(kyrgyzName.email, /^Accreditation granted: /);
    expect(mail.subject).toContain(`certificate No. ${number}`);
    expect(mail.subject).toContain('/ Аккредитация предоставлена');
    expect(mail.destination.to.join(', ')).toContain(org.contactEmail);
    const pdfAttachment = mail.attachments.find((a) => a.contentType === 'application/pdf');
    expect(pdfAttachment?.filename).toBe(`certificate-${number}.pdf`);

    const dir = mkdtempSync(join(tmpdir(), 'pub-cert-'));
    const file = join(dir, 'certificate.pdf');
    writeFileSync(file, Buffer.from(pdfAttachment!.content, 'base64'));
    // Reading order, white space folded: the layout mode may set columns side by side on one line.
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('ӨҢГАРБАЕВА Үмүт Ңуровна');
    expect(text).toContain('ONGARBAEVA Umut');
    expect(text).toContain(`№ ${number}`);
    expect(text).toContain(org.name.original);
    expect(text).toContain('Польша / Poland');
    expect(text).toContain(e.name.ky);
    expect(text).toContain('Valid until the official publication of the results');

    execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', file, join(dir, 'page')]);
    const png = PNG.sync.read(readFileSync(join(dir, 'page-1.png')));
    const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(qr?.data).toBeTruthy();
    const link = new URL(qr!.data);
    // The QR code opens the verification page; the page (and machines) ask the API with the same signature.
    expect(link.pathname).toBe(`/verify/${e.id}/${number}`);
    const res = await api(apiPathOf(link));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Verification;
    expect(body.status).toBe('valid');
    expect(body.certificate.name).toEqual({ latin: 'Ongarbaeva Umut', cyrillic: 'Өңгарбаева Үмүт Ңуровна' });
    expect(body.certificate.organization).toBe(org.name.original);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect([...keysDeep(body)].filter((k) => PRIVATE_FIELDS.includes(k))).toEqual([]);
    expectNoPersonalData(res.text, [kyrgyzName]);

    // The PDF sits in the certificates bucket under the agreed key, and the certificate item says so.
    expect((await getCertificate(e.id, number))?.objectKey).toBe(`certificates/${e.id}/${number}.pdf`);
  });

  it('mails a refusal in the organization language, Russian and Kyrgyz, citing the ground, its clause and the reason', async () => {
    const mail = await mailTo(refused.email, /^Accreditation refused: /);
    const text = mail.body.text ?? '';
    expect(mail.subject).toMatch(/^Accreditation refused: .* \/ Отказ в аккредитации: /);
    expect(text.indexOf('Notice of refusal')).toBeLessThan(text.indexOf('Уведомление об отказе'));
    expect(text.indexOf('Уведомление об отказе')).toBeLessThan(text.indexOf('баш тартуу жөнүндө'));
    expect(text).toContain('Ground of refusal: Documents are missing, incomplete or inaccurate');
    expect(text).toContain('Provision: clause 3.9 of the Regulation');
    expect(text).toContain('Основание отказа: Документы отсутствуют, неполны или недостоверны');
    expect(text).toContain('Норма: пункт 3.9 Положения');
    expect(text).toContain('Ченем: Жобонун 3.9-пункту');
    expect(text).toContain('Reasons: The passport copy is unreadable');
    expect(mail.attachments).toHaveLength(0);
  });
});

describe('the published list', () => {
  it('lists accredited observers with public fields only, never the refused', async () => {
    const res = await api(`/v1/public/elections/${e.id}/observers?limit=2`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/^public/);
    const first = (await res.json()) as { data: Record<string, unknown>[]; nextCursor: string | null; total: number };
    expect(first.total).toBe(3);
    expect(first.data).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const rest = (await (
      await api(`/v1/public/elections/${e.id}/observers?limit=2&cursor=${first.nextCursor}`)
    ).json()) as typeof first;
    const rows = [...first.data, ...rest.data];
    expect(rows.map((r) => r.certificateNumber).sort()).toEqual(
      [kyrgyzName, second, otherPerson].map((p) => p.certificateNumber).sort(),
    );
    const umut = rows.find((r) => r.certificateNumber === kyrgyzName.certificateNumber)!;
    expect(umut).toEqual({
      name: { latin: 'Ongarbaeva Umut', cyrillic: 'Өңгарбаева Үмүт Ңуровна' },
      organization: { id: org.id, name: org.name.en, names: { original: org.name.original, en: org.name.en } },
      country: 'PL',
      countryName: 'Poland',
      certificateNumber: kyrgyzName.certificateNumber,
      status: 'accredited',
    });
    expect([...keysDeep(rows)].filter((k) => PRIVATE_FIELDS.includes(k))).toEqual([]);
    expectNoPersonalData(res.text + JSON.stringify(rest), [kyrgyzName, second, refused, otherPerson]);
    expect(res.text + JSON.stringify(rest)).not.toContain(refused.familyNameLatin + ' ');
  });

  it('gives the same as CSV: UTF-8 with BOM, RFC 4180, headings in the asked language', async () => {
    const res = await fetch(`${process.env.TWIN_API_URL}/v1/public/elections/${e.id}/observers.csv?lang=ru`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('attachment; filename="observers-');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('ФИО (латиница),ФИО (кириллица),Организация,Страна,Код страны,Номер удостоверения,Статус');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(5);
    expect(csv).toContain(
      `Ongarbaeva Umut,Өңгарбаева Үмүт Ңуровна,${org.name.original},Польша,PL,${kyrgyzName.certificateNumber},аккредитован`,
    );
    expectNoPersonalData(csv, [kyrgyzName, second, refused, otherPerson]);
  });

  it('answers 404 for an unknown election and 400 for a cursor of another list', async () => {
    expect((await api(`/v1/public/elections/${ulid()}/observers`)).status).toBe(404);
    const bad = await api(
      `/v1/public/elections/${e.id}/observers?cursor=${Buffer.from('{"s":9,"c":null}').toString('base64url')}`,
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { issues: { field: string }[] } }).error.issues[0]?.field).toBe('cursor');
  });
});

describe('verification', () => {
  it('says unknown, and nothing else, for a wrong signature or a number that does not exist', async () => {
    const number = second.certificateNumber!;
    const forged = await api(`/v1/public/certificates/${e.id}/${number}?sig=${'A'.repeat(43)}`);
    expect(forged.status).toBe(200);
    const body = (await forged.json()) as Record<string, unknown>;
    expect(body).toEqual({ status: 'unknown', number, checkedAt: expect.any(String) });
    const missing = await api(`/v1/public/certificates/${e.id}/2099-XX-0000-99999?sig=${'A'.repeat(43)}`);
    expect(((await missing.json()) as { status: string }).status).toBe('unknown');
  });

  it('needs the signature: a missing sig is a 400 that names it', async () => {
    const res = await api(`/v1/public/certificates/${e.id}/${second.certificateNumber}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { issues: { field: string }[] } }).error.issues[0]?.field).toBe('query.sig');
  });

  it('says expired once the results are published (3.7)', async () => {
    const past = await seedElection({
      calledOn: addDays(today, -120),
      votingDay: addDays(today, -60),
      resultsPublishedOn: addDays(today, -50),
    });
    const number = `2026-PR-TEST-${ulid().slice(-5)}`;
    await seedPerson({ electionId: past.id, organizationId: org.id, certificateNumber: number });
    const { verificationUrl } = await import('#pdf/verification');
    const link = new URL(verificationUrl(past.id, number));
    const body = (await (await api(apiPathOf(link))).json()) as Verification;
    expect(body.status).toBe('expired');
    expect(body.certificate.mandateEndedOn).toBe(addDays(today, -50));
  });

  it('a revoked certificate stops verifying (4.7), the list shows it revoked and the letter cites 4.7 (b)', async () => {
    const number = second.certificateNumber!;
    const mail = await mailTo(second.email, /^Accreditation granted: /);
    const pdf = Buffer.from(mail.attachments[0]!.content, 'base64');
    const dir = mkdtempSync(join(tmpdir(), 'pub-rev-'));
    writeFileSync(join(dir, 'c.pdf'), pdf);
    execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', join(dir, 'c.pdf'), join(dir, 'p')]);
    const png = PNG.sync.read(readFileSync(join(dir, 'p-1.png')));
    const link = new URL(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)!.data);
    expect(((await (await api(apiPathOf(link))).json()) as { status: string }).status).toBe('valid');

    const r = await createDraft(
      e.id,
      { number: `R-${ulid().slice(-6)}`, adoptedOn: today, kind: 'revocation' },
      reviewerActor,
      now,
    );
    await setItems(
      r.id,
      [
        {
          personId: second.id,
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

    const after = (await (await api(apiPathOf(link))).json()) as Verification;
    expect(after.status).toBe('revoked');
    expect(after.number).toBe(number);
    const list = (await (await api(`/v1/public/elections/${e.id}/observers?status=revoked`)).json()) as {
      data: { certificateNumber: string; status: string }[];
    };
    expect(list.data).toEqual([expect.objectContaining({ certificateNumber: number, status: 'revoked' })]);
    const letter = await mailTo(second.email, /^Accreditation revoked: /);
    expect(letter.body.text).toContain('clause 4.7 (b) of the Regulation');
    expect(letter.body.text).toContain(`Certificate No. ${number} is no longer valid`);
  });
});

describe('the organization downloads its certificates', () => {
  it('gets a short-lived link to its own representative’s PDF, and the link is audited', async () => {
    const token = await portalToken(org, e.id);
    await until('the certificate rendered', async () =>
      (await getCertificate(e.id, kyrgyzName.certificateNumber!))?.objectKey ? true : undefined,
    );
    const res = await api(`/v1/portal/people/${kyrgyzName.id}/certificate`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { url: string; expiresAt: string; number: string; filename: string };
    expect(body.number).toBe(kyrgyzName.certificateNumber);
    const pdf = await fetch(body.url);
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const audit = await ddb.send(
      new QueryCommand({
        TableName: config().tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `AUDIT#certificate#${e.id}#${kyrgyzName.certificateNumber}` },
      }),
    );
    expect(audit.Items?.map((i) => i.action)).toEqual(expect.arrayContaining(['render', 'download-link']));
  });

  it('gets nothing of another organization, nor of a refused or revoked representative', async () => {
    const token = await portalToken(org, e.id);
    const foreign = await api(`/v1/portal/people/${otherPerson.id}/certificate`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(foreign.status).toBe(404);
    const wrongElection = await portalToken(org, ulid());
    const scoped = await api(`/v1/portal/people/${kyrgyzName.id}/certificate`, {
      headers: { authorization: `Bearer ${wrongElection}` },
    });
    expect(scoped.status).toBe(404);
    const notAccredited = await api(`/v1/portal/people/${refused.id}/certificate`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(notAccredited.status).toBe(409);
  });
});

describe('the outbox for staff', () => {
  it('lists sent mail with its SES message id, never the payload; a sent item is not sent twice', async () => {
    const res = await api('/v1/admin/outbox?status=sent&limit=200', { as: ADMIN });
    expect(res.status).toBe(200);
    const page = (await res.json()) as { data: Record<string, unknown>[] };
    const mine = page.data.filter((i) => i.entityId === refused.id);
    expect(mine).toEqual([expect.objectContaining({ template: 'decision-refused', status: 'sent', attempts: 1 })]);
    expect(mine[0]!.sesMessageId).toBeTruthy();
    expect([...keysDeep(page.data)]).not.toContain('payload');
    const again = await api(`/v1/admin/outbox/${mine[0]!.id}/retry`, { method: 'POST', as: ADMIN });
    expect(again.status).toBe(409);
    expect((await api(`/v1/admin/outbox/${ulid()}/retry`, { method: 'POST', as: ADMIN })).status).toBe(404);
    expect((await mailsTo(refused.email)).length).toBe(1);
  });

  it('refuses a status that does not exist, naming the field', async () => {
    const res = await api('/v1/admin/outbox?status=lost', { as: ADMIN });
    expect(res.status).toBe(400);
    expect(res.text).toContain('status');
  });
});
