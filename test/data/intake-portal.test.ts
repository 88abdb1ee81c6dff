/**
 * The organizations' portal through its handlers, on DynamoDB Local: signing in with the access code,
 * drafting an application, uploads and their check (objects in memory, the check itself real), flags,
 * submit at the edge of the window (3.6), scope between organizations and elections, withdrawal and the
 * written revocation request (4.7 b).
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as listRevocationRequestsFn from '#functions/http/admin/revocation-requests/list';
import * as deleteRepresentativeFn from '#functions/http/portal/delete-representative';
import * as getApplicationFn from '#functions/http/portal/get-application';
import * as getSessionFn from '#functions/http/portal/get-session';
import * as listApplicationsFn from '#functions/http/portal/list-applications';
import * as requestRevocationFn from '#functions/http/portal/request-revocation';
import * as requestUploadFn from '#functions/http/portal/request-upload';
import * as submitFn from '#functions/http/portal/submit-application';
import * as updateRepresentativeFn from '#functions/http/portal/update-representative';
import * as withdrawFn from '#functions/http/portal/withdraw-representative';
import * as addRepresentativeFn from '#functions/http/portal/add-representative';
import { findDocument } from '#data/documents';
import { keys } from '#data/keys';
import { queryPage } from '#data/paging';
import { getPeople, getPerson, putPeopleBatch, transitionPerson } from '#data/persons';
import { applicationLetterUpdate } from '#data/applications';
import { counterMoves } from '#data/counters';
import { transact } from '#data/transact';
import { systemActor } from '#data/audit';
import { adminListRevocationRequests } from '#http/routes/admin-intake';
import {
  addPortalRepresentative,
  deletePortalRepresentative,
  getPortalApplication,
  getPortalSession,
  listPortalApplications,
  requestPortalRevocation,
  requestPortalUpload,
  submitPortalApplication,
  updatePortalRepresentative,
  withdrawPortalRepresentative,
} from '#http/routes/portal';
import { ddb } from '#runtime/clients';
import { setNow } from '#runtime/clock';
import { config } from '#runtime/config';
import { fixture, makeJpeg } from '#test/fixtures/documents';
import { makePerson, newId } from './fixtures';
import {
  ADMIN,
  ANONYMOUS,
  type Invited,
  MemoryStore,
  REVIEWER,
  addPerson,
  call,
  completeApplication,
  createElectionAs,
  invitedOrganization,
  newApplication,
  representative,
  signIn,
  upload,
} from './intake-fixtures';

type ErrorBody = {
  error: { code: string; message: string; clause?: string; issues?: { field: string; rule: string }[] };
};
type PortalApp = {
  id: string;
  status: string;
  letter?: string;
  letterDocument: { state: string } | null;
  people: {
    id: string;
    status: string;
    flags: { code: string; clause: string; label: { en: string } }[];
    documents: Record<string, { state: string; rejectionReason: string | null } | null>;
    version: number;
  }[];
};

const NOW = new Date('2027-02-24T06:00:00Z');
/** Voting day 2027-03-14: the last day is D−3 = 11 March; closed from 00:00 Bishkek of 12 March. */
const LAST_SECOND_OF_D_MINUS_3 = new Date('2027-03-11T17:59:59Z');
const MIDNIGHT_OF_D_MINUS_2 = new Date('2027-03-11T18:00:00Z');

const store = new MemoryStore();

beforeAll(() => setNow(NOW));
beforeEach(() => setNow(NOW));

/** Sets the person count of a draft seeded in bulk (as adding them one by one would have). */
function applicationCountAdd(applicationId: string, n: number) {
  return {
    Update: {
      TableName: config().tableName,
      Key: keys.application(applicationId),
      UpdateExpression: 'ADD personCount :n',
      ExpressionAttributeValues: { ':n': n },
    },
  };
}

/** Sessions last 2 hours: after moving the clock, the organization signs in again with its code. */
async function signInAgain(who: Invited): Promise<Invited> {
  const res = await signIn(who.code);
  if (res.status !== 201) throw new Error(`sign-in failed: ${JSON.stringify(res.body)}`);
  return { ...who, token: res.body.token, portal: { portal: res.body.token } };
}

async function view(who: Invited, applicationId: string) {
  return call<PortalApp>(getApplicationFn, getPortalApplication, who.portal, { params: { applicationId } });
}

describe('signing in with the access code (2.5)', () => {
  it('answers an unknown invitation and a wrong secret alike, audits each wrong code, and limits them per invitation', async () => {
    const who = await invitedOrganization();
    const [invitationId] = who.code.split('.');
    const wrong = `${invitationId}.${'A'.repeat(26)}`;
    const unknown = await signIn(`${newId()}.${'A'.repeat(26)}`);
    const first = await signIn(wrong);
    expect(unknown.status).toBe(401);
    expect(first.status).toBe(401);
    expect((first.body as unknown as ErrorBody).error.message).toBe(
      (unknown.body as unknown as ErrorBody).error.message,
    );

    for (let i = 0; i < 4; i++) expect((await signIn(wrong)).status).toBe(401);
    const limited = await signIn(wrong);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Other people's wrong guesses never lock out the holder of the right code.
    expect((await signIn(who.code)).status).toBe(201);

    const audit = await queryPage<Record<string, unknown>>({
      partition: `AUDIT#invitation#${invitationId}`,
      limit: 50,
    });
    const rejected = audit.items.filter((a) => a.action === 'access-code-rejected');
    expect(rejected).toHaveLength(5);
    expect(rejected[0]).toMatchObject({ clause: '2.5', actor: { kind: 'public' } });

    // The window passes: wrong codes are evaluated again.
    setNow(new Date(NOW.getTime() + 16 * 60_000));
    expect((await signIn(wrong)).status).toBe(401);
  });

  it('refuses a malformed code naming the field, and an anonymous caller everywhere else', async () => {
    const res = await signIn('not-a-code');
    expect(res.status).toBe(400);
    expect((res.body as unknown as ErrorBody).error.issues?.[0]?.field).toBe('body.accessCode');
    expect((await call(getSessionFn, getPortalSession, ANONYMOUS)).status).toBe(401);
  });

  it('shows the session’s organization, election calendar and invitation', async () => {
    const who = await invitedOrganization();
    const res = await call<Record<string, Record<string, unknown>>>(getSessionFn, getPortalSession, who.portal);
    expect(res.status).toBe(200);
    expect(res.body.organization?.id).toBe(who.organizationId);
    expect(res.body.election).toMatchObject({
      id: who.electionId,
      windowOpen: true,
      calendar: { lastAccreditationDay: '2027-03-11' },
    });
    expect(res.body.invitation?.id).toBe(who.invitationId);
  });
});

describe('drafting an application (3.1)', () => {
  it('adds, changes and deletes representatives; every body is checked field by field', async () => {
    const who = await invitedOrganization();
    const app = await newApplication(who);
    const anna = await addPerson(who, app.id);
    expect(anna.flags.map((f) => f.code)).toEqual(['DOCUMENTS_MISSING']);

    const bad = await call<ErrorBody>(addRepresentativeFn, addPortalRepresentative, who.portal, {
      params: { applicationId: app.id },
      body: representative({ familyNameLatin: 'Шмидт', citizenship: 'de', nickname: 'Ann' }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues?.map((i) => i.field).sort()).toEqual([
      'body.citizenship',
      'body.familyNameLatin',
      'body.nickname',
    ]);
    const huge = await call<ErrorBody>(addRepresentativeFn, addPortalRepresentative, who.portal, {
      params: { applicationId: app.id },
      body: representative({ phone: `+${'1'.repeat(20)}`, email: `${'a'.repeat(9000)}@example.org` }),
    });
    expect(huge.status).toBe(413);
    const future = await call<ErrorBody>(addRepresentativeFn, addPortalRepresentative, who.portal, {
      params: { applicationId: app.id },
      body: representative({ dateOfBirth: '2030-01-01' }),
    });
    expect(future.status).toBe(400);
    expect(future.body.error.issues?.[0]?.field).toBe('dateOfBirth');

    const changed = await call<{ version: number; flags: { code: string }[]; familyNameLatin: string }>(
      updateRepresentativeFn,
      updatePortalRepresentative,
      who.portal,
      {
        params: { applicationId: app.id, personId: anna.id },
        body: { ...representative({ familyNameLatin: 'Schmitt', citizenship: 'KG' }), version: anna.version },
      },
    );
    expect(changed.status).toBe(200);
    expect(changed.body.familyNameLatin).toBe('Schmitt');
    // Art. 10: a citizen of the Kyrgyz Republic is flagged at once.
    expect(changed.body.flags.map((f) => f.code)).toContain('KG_CITIZEN');
    const stale = await call<ErrorBody>(updateRepresentativeFn, updatePortalRepresentative, who.portal, {
      params: { applicationId: app.id, personId: anna.id },
      body: { ...representative(), version: anna.version },
    });
    expect(stale.status).toBe(409);

    const deleted = await call(deleteRepresentativeFn, deletePortalRepresentative, who.portal, {
      params: { applicationId: app.id, personId: anna.id },
    });
    expect(deleted.status).toBe(204);
    const after = await view(who, app.id);
    expect(after.body.people).toEqual([]);
    const counter = await ddb.send(
      new GetCommand({ TableName: config().tableName, Key: keys.orgCounter(who.electionId, who.organizationId) }),
    );
    expect(counter.Item?.draft).toBe(0);
  });

  it('lists the organization’s own applications only', async () => {
    const a = await invitedOrganization();
    const b = await invitedOrganization({ electionId: a.electionId });
    const appA = await newApplication(a);
    await newApplication(b);
    const list = await call<{ data: { id: string }[] }>(listApplicationsFn, listPortalApplications, a.portal);
    expect(list.body.data.map((x) => x.id)).toEqual([appA.id]);
  });
});

describe('uploads and their check', () => {
  it('receives a real PDF, PNG and JPEG; rejects an executable renamed .pdf with a reason and deletes it', async () => {
    const who = await invitedOrganization();
    const app = await newApplication(who);
    const p = await addPerson(who, app.id);
    const letter = await upload(who, store, app.id, {
      kind: 'letter',
      contentType: 'application/pdf',
      bytes: await fixture('letter.pdf'),
    });
    expect(letter.outcome).toBe('received');
    const exe = await upload(who, store, app.id, {
      kind: 'passport',
      personId: p.id,
      contentType: 'application/pdf',
      bytes: await fixture('executable.pdf'),
    });
    expect(exe.outcome).toBe('rejected');
    expect(store.objects.has(exe.key)).toBe(false);
    let v = await view(who, app.id);
    expect(v.body.letterDocument?.state).toBe('received');
    expect(v.body.people[0]?.documents.passport).toMatchObject({
      state: 'rejected',
      rejectionReason: expect.stringContaining('application/x-elf'),
    });
    expect(v.body.people[0]?.flags.map((f) => f.code)).toEqual(['DOCUMENTS_MISSING', 'DOCUMENTS_REJECTED']);

    const small = await upload(who, store, app.id, {
      kind: 'photo',
      personId: p.id,
      contentType: 'image/png',
      bytes: await fixture('small-photo.png'),
    });
    expect(small.outcome).toBe('rejected');
    await upload(who, store, app.id, {
      kind: 'passport',
      personId: p.id,
      contentType: 'image/png',
      bytes: await fixture('passport.png'),
    });
    const photo = await upload(who, store, app.id, {
      kind: 'photo',
      personId: p.id,
      contentType: 'image/jpeg',
      bytes: await fixture('photo.jpg'),
    });
    expect(photo.outcome).toBe('received');
    v = await view(who, app.id);
    expect(v.body.people[0]?.flags).toEqual([]);
    expect(v.body.people[0]?.documents.photo).toMatchObject({ state: 'received', rejectionReason: null });

    // S3 may deliver the same event twice: the second finds the record settled and changes nothing.
    const { checkUploadedObject } = await import('#uploads/checker');
    expect(await checkUploadedObject(photo.key, new Date(), store)).toBe('already-checked');
    expect(store.objects.has(photo.key)).toBe(true);

    // A rejected replacement leaves the accepted photo in force, with the reason shown.
    const bad = await upload(who, store, app.id, {
      kind: 'photo',
      personId: p.id,
      contentType: 'image/jpeg',
      bytes: await fixture('executable.pdf'),
    });
    expect(bad.outcome).toBe('rejected');
    const doc = await findDocument('photo', p.id);
    expect(doc).toMatchObject({ state: 'received', objectKey: photo.key, rejectionCode: 'NOT_ALLOWED_TYPE' });
    expect(store.objects.has(photo.key)).toBe(true);
  });

  it('rejects JPEG bytes stored with Content-Type text/html, naming both types', async () => {
    const who = await invitedOrganization();
    const app = await newApplication(who);
    const p = await addPerson(who, app.id);
    const html = await upload(who, store, app.id, {
      kind: 'photo',
      personId: p.id,
      contentType: 'image/jpeg',
      storedAs: 'text/html',
      bytes: await fixture('photo.jpg'),
    });
    expect(html.outcome).toBe('rejected');
    expect(store.objects.has(html.key)).toBe(false);
    const v = await view(who, app.id);
    expect(v.body.people[0]?.documents.photo).toMatchObject({
      state: 'rejected',
      rejectionReason: 'the file was stored as text/html but its content is image/jpeg',
    });
  });

  it('names the slot a file seems to belong to: a face photo as the passport copy, a passport page as the photo', async () => {
    const who = await invitedOrganization();
    const app = await newApplication(who);
    const p = await addPerson(who, app.id);
    const face = await upload(who, store, app.id, {
      kind: 'passport',
      personId: p.id,
      contentType: 'image/jpeg',
      bytes: await fixture('photo.jpg'),
    });
    // Received (a small picture of a real passport has that shape too; the reviewer decides), with a notice.
    expect(face.outcome).toBe('received');
    const page = await upload(who, store, app.id, {
      kind: 'photo',
      personId: p.id,
      contentType: 'image/jpeg',
      bytes: makeJpeg(710, 500),
    });
    expect(page.outcome).toBe('rejected');
    const v = await view(who, app.id);
    expect(v.body.people[0]?.documents.passport).toMatchObject({
      state: 'received',
      looksLike: 'photo',
      notice: expect.stringContaining('upload it as the photo'),
    });
    expect(v.body.people[0]?.documents.photo).toMatchObject({
      state: 'rejected',
      looksLike: 'passport',
      rejectionReason: expect.stringContaining('upload it as the passport copy'),
    });
    expect(await findDocument('photo', p.id)).toMatchObject({ rejectionCode: 'LOOKS_LIKE_DOCUMENT' });
    // The right file in the right slot clears the notice.
    await upload(who, store, app.id, {
      kind: 'passport',
      personId: p.id,
      contentType: 'image/jpeg',
      bytes: makeJpeg(740, 520),
    });
    expect(await findDocument('passport', p.id)).toMatchObject({ state: 'received', looksLike: null, notice: null });
  });

  it('deletes an object no upload was asked for', async () => {
    const who = await invitedOrganization();
    const app = await newApplication(who);
    const { checkUploadedObject } = await import('#uploads/checker');
    const stray = `documents/${who.electionId}/${who.organizationId}/${app.id}/letter/letter/${newId()}`;
    store.put(stray, await fixture('letter.pdf'));
    expect(await checkUploadedObject(stray, new Date(), store)).toBe('unexpected');
    expect(store.objects.has(stray)).toBe(false);
    store.put('documents/anything/else.pdf', await fixture('letter.pdf'));
    expect(await checkUploadedObject('documents/anything/else.pdf', new Date(), store)).toBe('unexpected');
    expect(store.objects.has('documents/anything/else.pdf')).toBe(false);
  });

  it('names the rule when an upload request does not fit the kind', async () => {
    const who = await invitedOrganization();
    const app = await newApplication(who);
    const p = await addPerson(who, app.id);
    const pdfPhoto = await call<ErrorBody>(requestUploadFn, requestPortalUpload, who.portal, {
      params: { applicationId: app.id },
      body: { kind: 'photo', personId: p.id, contentType: 'application/pdf' },
    });
    expect(pdfPhoto.status).toBe(400);
    expect(pdfPhoto.body.error.issues?.[0]).toMatchObject({ field: 'contentType' });
    const noPerson = await call<ErrorBody>(requestUploadFn, requestPortalUpload, who.portal, {
      params: { applicationId: app.id },
      body: { kind: 'passport', contentType: 'image/png' },
    });
    expect(noPerson.body.error.issues?.[0]).toMatchObject({ field: 'personId' });
    const exe = await call<ErrorBody>(requestUploadFn, requestPortalUpload, who.portal, {
      params: { applicationId: app.id },
      body: { kind: 'letter', contentType: 'application/x-msdownload' },
    });
    expect(exe.status).toBe(400);
  });
});

describe('submit (3.1, 3.6)', () => {
  it('lists what is missing per person and writes nothing', async () => {
    const who = await invitedOrganization();
    const app = await newApplication(who);
    const p = await addPerson(who, app.id, { familyNameLatin: 'Dupont', givenNamesLatin: 'Marie' });
    await upload(who, store, app.id, {
      kind: 'passport',
      personId: p.id,
      contentType: 'image/png',
      bytes: await fixture('passport.png'),
    });
    const res = await call<ErrorBody>(submitFn, submitPortalApplication, who.portal, {
      params: { applicationId: app.id },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.issues?.map((i) => i.field)).toEqual(['letter', `representatives.${p.id}.photo`]);
    expect(res.body.error.message).toContain('Dupont Marie');
    const v = await view(who, app.id);
    expect(v.body.status).toBe('draft');
    expect(v.body.people[0]?.status).toBe('draft');
  });

  it('accepts a submit at 23:59:59 of D−3 in Bishkek and refuses one at 00:00 of D−2 (409, 3.6)', async () => {
    const early = await invitedOrganization();
    const late = await invitedOrganization({ electionId: early.electionId });
    const a = await completeApplication(early, store);
    const b = await completeApplication(late, store, 1);

    setNow(MIDNIGHT_OF_D_MINUS_2);
    const lateAgain = await signInAgain(late);
    const refused = await call<ErrorBody>(submitFn, submitPortalApplication, lateAgain.portal, {
      params: { applicationId: b.app.id },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'WINDOW_CLOSED', clause: '3.6' });
    expect(refused.body.error.message).toContain('2027-03-11');
    expect((await view(lateAgain, b.app.id)).body.status).toBe('draft');

    setNow(LAST_SECOND_OF_D_MINUS_3);
    const earlyAgain = await signInAgain(early);
    const ok = await call<PortalApp>(submitFn, submitPortalApplication, earlyAgain.portal, {
      params: { applicationId: a.app.id },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('submitted');
    expect(ok.body.people.map((p) => p.status)).toEqual(['submitted', 'submitted', 'submitted']);
    expect(ok.body.people.every((p) => p.flags.length === 0)).toBe(true);

    // A retried submit changes nothing and answers the same.
    const again = await call<PortalApp>(submitFn, submitPortalApplication, earlyAgain.portal, {
      params: { applicationId: a.app.id },
    });
    expect(again.status).toBe(200);
    const counter = await ddb.send(
      new GetCommand({ TableName: config().tableName, Key: keys.orgCounter(early.electionId, early.organizationId) }),
    );
    expect(counter.Item).toMatchObject({ draft: 0, submitted: 3 });
    // Submitted people are no longer edited by the organization.
    const edit = await call<ErrorBody>(updateRepresentativeFn, updatePortalRepresentative, earlyAgain.portal, {
      params: { applicationId: a.app.id, personId: a.persons[0]!.id },
      body: { ...representative(), version: ok.body.people[0]!.version },
    });
    expect(edit.status).toBe(409);
  });
});

describe('submit of a long list (chunked transactions)', () => {
  it('submits 60 people in transactions of ≤ 100 actions, and a retry after an interruption completes it', async () => {
    const who = await invitedOrganization();
    const app = await newApplication(who);
    const scope = { electionId: who.electionId, organizationId: who.organizationId, organizationCountry: 'DE' };
    const people = Array.from({ length: 60 }, (_, i) =>
      makePerson({
        ...scope,
        applicationId: app.id,
        status: 'draft',
        familyNameLatin: `Long${String.fromCharCode(65 + (i % 26))}`,
        passportNumber: `LONG${newId().slice(-8)}${i}`,
      }),
    );
    await putPeopleBatch(people);
    await transact([...counterMoves(scope, null, 'draft', 60), applicationCountAdd(app.id, 60)]);
    await transact([applicationLetterUpdate(app.id, 'received', new Date())]);
    const res = await call<PortalApp>(submitFn, submitPortalApplication, who.portal, {
      params: { applicationId: app.id },
    });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    expect(res.body.people.filter((p) => p.status === 'submitted')).toHaveLength(60);

    // An interruption between transactions leaves the application locked and some people still drafts.
    const back = (await getPeople(people.slice(0, 5).map((p) => p.id))).map((p) => ({
      ...p,
      status: 'draft' as const,
      version: p.version + 1,
    }));
    await putPeopleBatch(back);
    await transact(counterMoves(scope, 'submitted', 'draft', 5));
    const retry = await call<PortalApp>(submitFn, submitPortalApplication, who.portal, {
      params: { applicationId: app.id },
    });
    expect(retry.status).toBe(200);
    expect(retry.body.people.every((p) => p.status === 'submitted')).toBe(true);
    const counter = await ddb.send(
      new GetCommand({ TableName: config().tableName, Key: keys.orgCounter(who.electionId, who.organizationId) }),
    );
    expect(counter.Item).toMatchObject({ draft: 0, submitted: 60 });
  });
});

describe('flags stored on each person (3.9, Art. 10, 3.7, 2.2)', () => {
  it('flags a passport nominated twice in the election, on both people, and clears it when one is withdrawn', async () => {
    const a = await invitedOrganization();
    const b = await invitedOrganization({ electionId: a.electionId });
    const appA = await newApplication(a);
    const appB = await newApplication(b);
    const first = await addPerson(a, appA.id, { passportNumber: 'DUP 123456', citizenship: 'FR' });
    expect(first.flags.map((f) => f.code)).not.toContain('DUPLICATE_NOMINATION');
    const second = await addPerson(b, appB.id, { passportNumber: 'dup-123456', citizenship: 'FR' });
    expect(second.flags.map((f) => f.code)).toContain('DUPLICATE_NOMINATION');
    expect((await getPerson(first.id)).flags).toContain('DUPLICATE_NOMINATION');

    const withdrawn = await call(withdrawFn, withdrawPortalRepresentative, b.portal, {
      params: { personId: second.id },
    });
    expect(withdrawn.status).toBe(200);
    expect((await getPerson(first.id)).flags).not.toContain('DUPLICATE_NOMINATION');
  });

  it('flags an earlier gross revocation and a passport expiring before the mandate ends', async () => {
    const who = await invitedOrganization();
    const earlier = makePerson({
      electionId: newId(),
      citizenship: 'US',
      passportNumber: 'REV778899',
      status: 'revoked',
      decisions: [
        {
          resolutionId: newId(),
          resolutionNumber: '12/3',
          adoptedOn: '2025-11-20',
          outcome: 'revoked',
          ground: null,
          revocationReason: 'VIOLATION',
          gross: true,
          reason: 'Interfered with the count',
        },
      ],
    });
    const mild = makePerson({
      electionId: newId(),
      citizenship: 'US',
      passportNumber: 'REV000111',
      status: 'revoked',
      decisions: [{ ...earlier.decisions[0]!, revocationReason: 'ORGANIZATION_REQUEST', gross: false }],
    });
    await putPeopleBatch([earlier, mild]);
    const app = await newApplication(who);
    const revoked = await addPerson(who, app.id, { citizenship: 'US', passportNumber: 'REV778899' });
    expect(revoked.flags.map((f) => f.code)).toContain('PREVIOUSLY_REVOKED_GROSS');
    const notGross = await addPerson(who, app.id, { citizenship: 'US', passportNumber: 'REV000111' });
    expect(notGross.flags.map((f) => f.code)).not.toContain('PREVIOUSLY_REVOKED_GROSS');
    const expiring = await addPerson(who, app.id, { passportExpiresOn: '2027-03-10' });
    expect(expiring.flags).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'PASSPORT_EXPIRES_BEFORE_MANDATE_END',
          clause: '3.7',
          label: expect.any(Object),
        }),
      ]),
    );
  });
});

describe('flags recomputed at submit', () => {
  it('finds at submit what changed since the person was added: an earlier gross revocation (3.9)', async () => {
    const who = await invitedOrganization();
    const { app, persons } = await completeApplication(who, store, 2);
    const target = await getPerson(persons[1]!.id);
    expect(target.flags).toEqual([]);
    // Recorded after the list was drafted: the same passport, revoked for a gross violation elsewhere.
    await putPeopleBatch([
      makePerson({
        electionId: newId(),
        citizenship: target.citizenship,
        passportNumber: target.passportNumber,
        status: 'revoked',
        decisions: [
          {
            resolutionId: newId(),
            resolutionNumber: '3/9',
            adoptedOn: '2026-06-01',
            outcome: 'revoked',
            ground: null,
            revocationReason: 'VIOLATION',
            gross: true,
            reason: 'Obstructed the work of a precinct commission',
          },
        ],
      }),
    ]);
    const res = await call<PortalApp>(submitFn, submitPortalApplication, who.portal, {
      params: { applicationId: app.id },
    });
    expect(res.status).toBe(200);
    const answered = res.body.people.find((p) => p.id === target.id);
    expect(answered?.flags.map((f) => f.code)).toEqual(['PREVIOUSLY_REVOKED_GROSS']);
    const stored = await getPerson(target.id);
    expect(stored).toMatchObject({ status: 'submitted', flags: ['PREVIOUSLY_REVOKED_GROSS'] });
    const audit = await queryPage<Record<string, unknown>>({ partition: `AUDIT#person#${target.id}`, limit: 20 });
    expect(audit.items.map((a) => a.action)).toEqual(expect.arrayContaining(['submit', 'flags']));
    expect((await getPerson(persons[0]!.id)).flags).toEqual([]);
  });
});

describe('scope: one organization, one election', () => {
  it('never shows or changes another organization’s records, nor another election’s (404)', async () => {
    const a = await invitedOrganization();
    const b = await invitedOrganization({ electionId: a.electionId });
    const otherElection = await invitedOrganization({ electionId: await createElectionAs(ADMIN) });
    const app = await newApplication(a);
    const p = await addPerson(a, app.id);
    for (const intruder of [b, otherElection]) {
      expect((await view(intruder, app.id)).status).toBe(404);
      const add = await call(addRepresentativeFn, addPortalRepresentative, intruder.portal, {
        params: { applicationId: app.id },
        body: representative(),
      });
      expect(add.status).toBe(404);
      const up = await call(requestUploadFn, requestPortalUpload, intruder.portal, {
        params: { applicationId: app.id },
        body: { kind: 'letter', contentType: 'application/pdf' },
      });
      expect(up.status).toBe(404);
      expect(
        (await call(withdrawFn, withdrawPortalRepresentative, intruder.portal, { params: { personId: p.id } })).status,
      ).toBe(404);
      const del = await call(deleteRepresentativeFn, deletePortalRepresentative, intruder.portal, {
        params: { applicationId: app.id, personId: p.id },
      });
      expect(del.status).toBe(404);
    }
    // A staff token is no portal session.
    expect((await view({ ...a, portal: REVIEWER }, app.id)).status).toBe(401);
    expect((await getPerson(p.id)).status).toBe('draft');
  });
});

describe('withdrawal and the written revocation request (4.7 b)', () => {
  it('withdraws before a decision; after accreditation only a written request, which the CEC’s staff see', async () => {
    const who = await invitedOrganization();
    const { app, persons } = await completeApplication(who, store, 2);
    await call(submitFn, submitPortalApplication, who.portal, { params: { applicationId: app.id } });
    const [one, two] = persons;
    const w = await call<{ status: string }>(withdrawFn, withdrawPortalRepresentative, who.portal, {
      params: { personId: one!.id },
    });
    expect(w.body.status).toBe('withdrawn');
    const early = await call<ErrorBody>(requestRevocationFn, requestPortalRevocation, who.portal, {
      params: { personId: two!.id },
      body: { text: 'Please revoke.' },
    });
    expect(early.status).toBe(409);

    // The CEC accredits (DECISIONS' work; here through the core repository).
    await transitionPerson(await getPerson(two!.id), 'accredit', systemActor('test'), new Date());
    const late = await call<ErrorBody>(withdrawFn, withdrawPortalRepresentative, who.portal, {
      params: { personId: two!.id },
    });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('4.7 b');
    const req = await call<{ id: string; status: string }>(requestRevocationFn, requestPortalRevocation, who.portal, {
      params: { personId: two!.id },
      body: { text: 'Our observer has left the mission; we ask that the accreditation be revoked.' },
    });
    expect(req.status).toBe(201);
    const staff = await call<{ data: { id: string; personId: string }[] }>(
      listRevocationRequestsFn,
      adminListRevocationRequests,
      REVIEWER,
      { params: { electionId: who.electionId } },
    );
    expect(staff.body.data).toEqual([expect.objectContaining({ id: req.body.id, personId: two!.id })]);
    expect((await getPerson(two!.id)).status).toBe('accredited');
  });
});
