/**
 * The intake, whole, against the running twin: an invitation whose access code arrives by email; the
 * organization signs in with it; an application with three people; real uploads of a PDF, a JPEG and a
 * PNG through presigned POST to the S3 server (and an executable renamed .pdf, rejected); the policy's
 * conditions decoded (the S3 server does not enforce them); the MFA gate; the flags; and submit at
 * 23:59:59 of D−3 and at 00:00 of D−2 in Bishkek on the twin's clock.
 */
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, bishkekDate, startOfBishkekDay } from '#domain/time';
import { decodePolicy } from '#uploads/policy';
import { fixture } from '#test/fixtures/documents';
import {
  ADMIN,
  type Json,
  MFA_OFFICER,
  type Presigned,
  REVIEWER,
  accessCodeMailTo,
  moveClock,
  portal,
  postFile,
  representative,
  resetClock,
  staff,
  twinNow,
  unique,
  until,
} from './intake-client';

/**
 * Dates relative to the twin's clock, so the test never makes the clock leap across months (every
 * schedule due on the way would fire): called 10 days ago, voting day D in 20 days; the last day of
 * accreditation is D−3, and the window is closed from 00:00 Bishkek of D−2.
 */
const dates = { today: '', calledOn: '', votingDay: '', lastSecond: new Date(0), closed: new Date(0) };

type Person = {
  id: string;
  status: string;
  version: number;
  flags: { code: string; clause: string }[];
  documents: Record<string, { state: string; rejectionReason: string | null } | null>;
};
type App = {
  id: string;
  status: string;
  mfaStatus: string;
  mfaNote: string | null;
  version: number;
  letterDocument: { state: string } | null;
  people: Person[];
};

interface Org {
  id: string;
  email: string;
  code: string;
  token: string;
}

let electionId = '';
const s3 = () => new S3Client({ forcePathStyle: true });

async function createOrganization(over: Json = {}): Promise<{ id: string; email: string }> {
  const email = `${unique('mission')}@observers.example`;
  const res = await staff<{ id: string }>(ADMIN, 'POST', '/v1/admin/organizations', {
    name: { original: unique('Mission'), en: 'Observation mission' },
    type: 'international_organization',
    country: 'AT',
    contactEmail: email,
    preferredLanguage: 'en',
    ...over,
  });
  expect(res.status, res.text).toBe(201);
  return { id: res.body.id, email };
}

async function invitedOrganization(over: Json = {}): Promise<Org> {
  const org = await createOrganization(over);
  const inv = await staff(ADMIN, 'POST', '/v1/admin/invitations', {
    electionId,
    organizationId: org.id,
    invitingAuthority: 'cec',
    invitedOn: addDays(dates.calledOn, 1),
    mfaDispatchRef: unique('MFA'),
  });
  expect(inv.status, inv.text).toBe(201);
  const { code } = await accessCodeMailTo(org.email);
  const session = await portal<{ token: string }>(null, 'POST', '/v1/portal/sessions', { accessCode: code });
  expect(session.status, session.text).toBe(201);
  return { ...org, code, token: session.body.token };
}

async function signInAgain(org: Org): Promise<Org> {
  const session = await portal<{ token: string }>(null, 'POST', '/v1/portal/sessions', { accessCode: org.code });
  expect(session.status, session.text).toBe(201);
  return { ...org, token: session.body.token };
}

async function application(org: Org, applicationId: string) {
  const res = await portal<App>(org.token, 'GET', `/v1/portal/applications/${applicationId}`);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

async function requestUpload(org: Org, applicationId: string, body: Json) {
  const res = await portal<Presigned>(org.token, 'POST', `/v1/portal/applications/${applicationId}/uploads`, body);
  expect(res.status, res.text).toBe(201);
  return res.body;
}

type DocState = { state: string; rejectionReason: string | null; checkedAt?: string | null };

async function documentOf(org: Org, applicationId: string, kind: string, personId?: string) {
  const app = await application(org, applicationId);
  return (personId ? app.people.find((p) => p.id === personId)?.documents[kind] : app.letterDocument) as
    | DocState
    | null
    | undefined;
}

/** Uploads one file by presigned POST and waits until the upload check has settled it. */
async function uploadAndWait(
  org: Org,
  applicationId: string,
  doc: { kind: string; personId?: string; contentType: string; bytes: Buffer; filename: string },
) {
  const before = (await documentOf(org, applicationId, doc.kind, doc.personId))?.checkedAt ?? null;
  const up = await requestUpload(org, applicationId, {
    kind: doc.kind,
    contentType: doc.contentType,
    ...(doc.personId ? { personId: doc.personId } : {}),
  });
  expect(await postFile(up, doc.bytes, doc.filename, doc.contentType)).toBeLessThan(300);
  const state = await until(`the check of ${doc.filename}`, async () => {
    const d = await documentOf(org, applicationId, doc.kind, doc.personId);
    return d?.checkedAt && d.checkedAt !== before ? d : undefined;
  });
  return { up, state };
}

async function addPeople(org: Org, applicationId: string, people: Json[]) {
  const ids: string[] = [];
  for (const p of people) {
    const res = await portal<Person>(org.token, 'POST', `/v1/portal/applications/${applicationId}/representatives`, p);
    expect(res.status, res.text).toBe(201);
    ids.push(res.body.id);
  }
  return ids;
}

async function completeDocuments(org: Org, applicationId: string, personIds: string[]) {
  await uploadAndWait(org, applicationId, {
    kind: 'letter',
    contentType: 'application/pdf',
    bytes: await fixture('letter.pdf'),
    filename: 'letter.pdf',
  });
  for (const personId of personIds) {
    await uploadAndWait(org, applicationId, {
      kind: 'passport',
      personId,
      contentType: 'image/png',
      bytes: await fixture('passport.png'),
      filename: 'passport.png',
    });
    await uploadAndWait(org, applicationId, {
      kind: 'photo',
      personId,
      contentType: 'image/jpeg',
      bytes: await fixture('photo.jpg'),
      filename: 'photo.jpg',
    });
  }
}

beforeAll(async () => {
  dates.today = bishkekDate(await twinNow());
  dates.calledOn = addDays(dates.today, -10);
  dates.votingDay = addDays(dates.today, 20);
  dates.closed = startOfBishkekDay(addDays(dates.votingDay, -2));
  dates.lastSecond = new Date(dates.closed.getTime() - 1000);
  const res = await staff<{ id: string }>(ADMIN, 'POST', '/v1/admin/elections', {
    kind: 'parliamentary',
    name: { ky: 'Жогорку Кеңешке шайлоо', ru: 'Выборы в Жогорку Кенеш', en: 'Jogorku Kenesh election' },
    calledOn: dates.calledOn,
    votingDay: dates.votingDay,
  });
  expect(res.status, res.text).toBe(201);
  electionId = res.body.id;
});

afterAll(async () => {
  await resetClock();
});

describe('intake on the twin', () => {
  it('refuses to record an election before its calling is published, naming 2.2 (no invitation can precede it)', async () => {
    const later = await staff<{ error: Json }>(ADMIN, 'POST', '/v1/admin/elections', {
      kind: 'local',
      name: { ky: 'Жергиликтүү кеңештер', ru: 'Местные кенеши', en: 'Local councils' },
      calledOn: addDays(dates.today, 30),
      votingDay: addDays(dates.today, 80),
    });
    expect(later.status).toBe(400);
    expect(later.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ field: 'body.calledOn', rule: expect.stringContaining('(2.2, Art. 10.1)') }],
    });
  });

  let direct: Org;
  let appId = '';
  let people: string[] = [];
  let mfaOrg: Org;
  let lateOrg: Org;
  let lateAppId = '';

  it('emails the access code (in the organization’s language and Russian); the code signs in', async () => {
    direct = await invitedOrganization();
    const { mail } = await accessCodeMailTo(direct.email);
    expect(mail.destination.to).toEqual([direct.email]);
    // The organization's language (English here) and Russian, in one letter.
    expect(mail.body.text).toContain('Access code to the accreditation portal');
    expect(mail.body.text).toContain('Код доступа к порталу аккредитации');
    expect(mail.body.text).toContain(direct.code);
    const session = await portal<Json>(direct.token, 'GET', '/v1/portal/session');
    expect(session.body).toMatchObject({
      organization: { id: direct.id },
      election: { id: electionId, windowOpen: true },
    });
  });

  it('drafts an application with three people and uploads real files by presigned POST', async () => {
    const app = await portal<{ id: string }>(direct.token, 'POST', '/v1/portal/applications', { channel: 'direct' });
    expect(app.status, app.text).toBe(201);
    appId = app.body.id;
    people = await addPeople(direct, appId, [
      representative({ familyNameLatin: 'Adler', givenNamesLatin: 'Eva', passportNumber: 'DUPLICATE77' }),
      representative({
        familyNameLatin: 'Berg',
        givenNamesLatin: 'Karl',
        passportExpiresOn: addDays(dates.votingDay, -4),
      }),
      representative({ familyNameLatin: 'Cerny', givenNamesLatin: 'Petr', citizenship: 'KG' }),
    ]);

    // The policy binds key, type, size and expiry; the S3 server ignores it, so it is decoded here.
    const photoUp = await requestUpload(direct, appId, {
      kind: 'photo',
      personId: people[0],
      contentType: 'image/jpeg',
    });
    const policy = decodePolicy(photoUp.fields.Policy!);
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 1, 2 * 1024 * 1024],
        ['eq', '$Content-Type', 'image/jpeg'],
        ['eq', '$key', photoUp.key],
      ]),
    );
    expect(photoUp.key).toMatch(new RegExp(`^documents/${electionId}/${direct.id}/${appId}/${people[0]}/photo/`));
    const ttl = new Date(policy.expiration).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(500_000);
    expect(ttl).toBeLessThanOrEqual(600_000);

    // An executable renamed .pdf: refused by its magic bytes, the object deleted, the reason shown.
    const exe = await uploadAndWait(direct, appId, {
      kind: 'passport',
      personId: people[0],
      contentType: 'application/pdf',
      bytes: await fixture('executable.pdf'),
      filename: 'passport.pdf',
    });
    expect(exe.state).toMatchObject({
      state: 'rejected',
      rejectionReason: expect.stringContaining('application/x-elf'),
    });
    const client = s3();
    await expect(
      client.send(new HeadObjectCommand({ Bucket: process.env.DOCUMENTS_BUCKET!, Key: exe.up.key })),
    ).rejects.toMatchObject({ name: 'NotFound' });

    await uploadAndWait(direct, appId, {
      kind: 'letter',
      contentType: 'application/pdf',
      bytes: await fixture('letter.pdf'),
      filename: 'letter.pdf',
    });
    const files = [
      ['passport', 'application/pdf', 'letter.pdf'],
      ['photo', 'image/jpeg', 'photo.jpg'],
      ['passport', 'image/png', 'passport.png'],
      ['photo', 'image/png', 'passport.png'],
      ['passport', 'image/jpeg', 'photo.jpg'],
      ['photo', 'image/jpeg', 'photo.jpg'],
    ] as const;
    const receivedKeys: string[] = [];
    for (const [i, [kind, contentType, name]] of files.entries()) {
      const { up, state } = await uploadAndWait(direct, appId, {
        kind,
        personId: people[Math.floor(i / 2)],
        contentType,
        bytes: await fixture(name),
        filename: name,
      });
      expect(state.state, `${kind} ${name}`).toBe('received');
      receivedKeys.push(up.key);
    }
    // Accepted files stay in the bucket; the URL asked for and never used left nothing behind.
    for (const key of receivedKeys) {
      const head = await client.send(new HeadObjectCommand({ Bucket: process.env.DOCUMENTS_BUCKET!, Key: key }));
      expect(head.ContentLength).toBeGreaterThan(0);
    }
    await expect(
      client.send(new HeadObjectCommand({ Bucket: process.env.DOCUMENTS_BUCKET!, Key: photoUp.key })),
    ).rejects.toMatchObject({ name: 'NotFound' });
    client.destroy();

    const app2 = await application(direct, appId);
    expect(app2.letterDocument?.state).toBe('received');
    expect(
      app2.people.every((p) => p.documents.passport?.state === 'received' && p.documents.photo?.state === 'received'),
    ).toBe(true);
  });

  it('holds an application sent through the MFA until the MFA has checked it (3.2); flags duplicates', async () => {
    mfaOrg = await invitedOrganization({ type: 'diplomatic_mission', country: 'JP' });
    const app = await portal<{ id: string }>(mfaOrg.token, 'POST', '/v1/portal/applications', { channel: 'mfa' });
    const [personId] = await addPeople(mfaOrg, app.body.id, [
      representative({ familyNameLatin: 'Tanaka', givenNamesLatin: 'Yui', passportNumber: 'DUPLICATE77' }),
    ]);
    await completeDocuments(mfaOrg, app.body.id, [personId!]);
    const submitted = await portal<App>(mfaOrg.token, 'POST', `/v1/portal/applications/${app.body.id}/submit`);
    expect(submitted.status, submitted.text).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', mfaStatus: 'pending' });
    expect(submitted.body.people[0]?.flags.map((f) => f.code)).toContain('DUPLICATE_NOMINATION');

    const queue = await staff<{ data: { id: string }[] }>(MFA_OFFICER, 'GET', '/v1/admin/mfa/queue?limit=200');
    expect(queue.body.data.map((a) => a.id)).toContain(app.body.id);

    // The CEC tries to accredit before the MFA's check: refused, and the person stays undecided.
    const resolution = await staff<{ id: string }>(ADMIN, 'POST', `/v1/admin/elections/${electionId}/resolutions`, {
      number: unique('R').slice(0, 30),
      adoptedOn: dates.today,
      kind: 'accreditation',
    });
    expect(resolution.status, resolution.text).toBe(201);
    const items = await staff(ADMIN, 'POST', `/v1/admin/resolutions/${resolution.body.id}/items`, {
      items: [{ personId, decision: 'accredit' }],
    });
    const adopt =
      items.status < 300 ? await staff(ADMIN, 'POST', `/v1/admin/resolutions/${resolution.body.id}/adopt`) : items;
    expect(adopt.status >= 400 || items.status >= 400, `${items.text} ${adopt.text}`).toBe(true);
    expect(`${items.text} ${adopt.text}`).toContain('3.2');
    const before = await staff<{ people: { id: string; status: string }[] }>(
      MFA_OFFICER,
      'GET',
      `/v1/admin/mfa/applications/${app.body.id}`,
    );
    expect(before.body.people[0]?.status).toBe('submitted');

    const returned = await staff<App>(MFA_OFFICER, 'POST', `/v1/admin/mfa/applications/${app.body.id}/decision`, {
      outcome: 'returned',
      note: 'Please attach the note verbale.',
      version: submitted.body.version,
    });
    expect(returned.status, returned.text).toBe(200);
    const seen = await application(mfaOrg, app.body.id);
    expect(seen).toMatchObject({ status: 'draft', mfaStatus: 'returned', mfaNote: 'Please attach the note verbale.' });
    const again = await portal<App>(mfaOrg.token, 'POST', `/v1/portal/applications/${app.body.id}/submit`);
    expect(again.body.mfaStatus).toBe('pending');
    const forwarded = await staff<{ people: { status: string }[] }>(
      MFA_OFFICER,
      'POST',
      `/v1/admin/mfa/applications/${app.body.id}/decision`,
      { outcome: 'forwarded', version: again.body.version },
    );
    expect(forwarded.status, forwarded.text).toBe(200);
    expect(forwarded.body.people[0]?.status).toBe('mfa_checked');
  });

  it('prepares a second direct application that will come too late', async () => {
    lateOrg = await invitedOrganization({ country: 'FI' });
    const app = await portal<{ id: string }>(lateOrg.token, 'POST', '/v1/portal/applications', { channel: 'direct' });
    lateAppId = app.body.id;
    const ids = await addPeople(lateOrg, lateAppId, [representative({ familyNameLatin: 'Virtanen' })]);
    await completeDocuments(lateOrg, lateAppId, ids);
  });

  it('submits at 23:59:59 of D−3 in Bishkek, with the flags stored on each person', async () => {
    await moveClock(dates.lastSecond);
    direct = await signInAgain(direct);
    const res = await portal<App>(direct.token, 'POST', `/v1/portal/applications/${appId}/submit`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.status).toBe('submitted');
    const byName = new Map(res.body.people.map((p) => [p.id, p]));
    expect(people.map((id) => byName.get(id)?.status)).toEqual(['submitted', 'submitted', 'submitted']);
    expect(byName.get(people[0]!)?.flags.map((f) => f.code)).toEqual(['DUPLICATE_NOMINATION']);
    expect(byName.get(people[1]!)?.flags.map((f) => f.code)).toEqual(['PASSPORT_EXPIRES_BEFORE_MANDATE_END']);
    expect(byName.get(people[2]!)?.flags).toEqual([expect.objectContaining({ code: 'KG_CITIZEN', clause: 'Art. 10' })]);

    const staffView = await staff<{ people: { id: string; flags: string[] }[] }>(
      REVIEWER,
      'GET',
      `/v1/admin/applications/${appId}`,
    );
    expect(staffView.body.people.find((p) => p.id === people[2])?.flags).toEqual(['KG_CITIZEN']);
  });

  it('refuses a submit at 00:00 of D−2 in Bishkek (409, 3.6)', async () => {
    await moveClock(dates.closed);
    lateOrg = await signInAgain(lateOrg);
    const res = await portal<{ error: Json }>(lateOrg.token, 'POST', `/v1/portal/applications/${lateAppId}/submit`);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'WINDOW_CLOSED', clause: '3.6' });
    expect((await application(lateOrg, lateAppId)).status).toBe('draft');
  });
});
