/**
 * Every link the product hands out, followed against a local S3 server (s3rver): objects are stored
 * here with `Content-Type: text/html` (what a tampered upload or a careless writer could leave), and
 * each link must still come back as the type and disposition it states itself. Through the real
 * callers where they make their own link (the reviewer's view of a person, the certificate check's
 * photo, the portal's certificate download) and through the one helper the acts, print batches and
 * register extracts share.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#data/audit';
import { certificatePut } from '#data/certificates';
import { type StoredDocument, documentPut } from '#data/documents';
import { transact } from '#data/transact';
import { personDetail } from '#decisions/people';
import { checkCertificate } from '#pdf/check';
import { certificateDownloadLink } from '#pdf/download';
import { signCertificate } from '#pdf/verification';
import { s3 } from '#runtime/clients';
import { config } from '#runtime/config';
import { presignedGet, pdfDownloadLink } from '#uploads/download-links';
import { fixture } from '#test/fixtures/documents';
import {
  certificateOf,
  makeApplication,
  makeElection,
  makeOrganization,
  personOf,
  seedPeople,
  useOwnS3,
  useOwnTable,
} from './jobs-fixtures';

const NOW = new Date('2027-03-01T06:00:00Z');
const actor = systemActor('download-links-test');
let stopS3: (() => Promise<void>) | undefined;

beforeAll(async () => {
  await useOwnTable('links');
  stopS3 = await useOwnS3('links');
});

afterAll(async () => {
  await stopS3?.();
});

/** Stores bytes under a key as an HTML page, whatever they are. */
async function putAsHtml(bucket: string, key: string, body: Buffer) {
  await s3().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'text/html' }));
}

async function follow(url: string) {
  const res = await fetch(url);
  const body = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    disposition: res.headers.get('content-disposition'),
    cache: res.headers.get('cache-control'),
    body,
  };
}

async function seedPerson(over: Parameters<typeof personOf>[3] = {}) {
  const election = await makeElection();
  const org = await makeOrganization();
  const app = await makeApplication(election.id, org, { status: 'submitted' });
  const person = personOf(app, org, 'accredited', over);
  await seedPeople([person]);
  return { election, org, app, person };
}

function documentOf(
  person: { id: string; electionId: string; organizationId: string; applicationId: string },
  kind: 'passport' | 'photo',
  contentType: StoredDocument['contentType'],
): StoredDocument {
  return {
    ownerId: person.id,
    kind,
    state: 'received',
    objectKey: `documents/${person.electionId}/${person.organizationId}/${person.applicationId}/${person.id}/${kind}/${ulid()}`,
    contentType,
    size: 1,
    rejectionReason: null,
    uploadedAt: NOW.toISOString(),
    checkedAt: NOW.toISOString(),
    electionId: person.electionId,
    organizationId: person.organizationId,
    applicationId: person.applicationId,
    personId: person.id,
    version: 1,
  } as StoredDocument;
}

describe('links state their own type and disposition (design principle 7)', () => {
  it('serves a reviewer the passport copy and photo inline as the checked type, not as the stored text/html', async () => {
    const { person } = await seedPerson();
    const passport = documentOf(person, 'passport', 'application/pdf');
    const photo = documentOf(person, 'photo', 'image/jpeg');
    await putAsHtml(config().documentsBucket, passport.objectKey, await fixture('letter.pdf'));
    await putAsHtml(config().documentsBucket, photo.objectKey, await fixture('photo.jpg'));
    await transact([documentPut(undefined, passport), documentPut(undefined, photo)]);

    const detail = await personDetail(person.id, actor, NOW);
    const byKind = new Map(detail.documents.map((d) => [d.kind, d]));
    const pdf = await follow(byKind.get('passport')!.url!);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.disposition).toBe(
      `inline; filename="passport-${person.id}.pdf"; filename*=UTF-8''passport-${person.id}.pdf`,
    );
    expect(pdf.cache).toBe('private, no-store');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const jpg = await follow(byKind.get('photo')!.url!);
    expect(jpg.type).toBe('image/jpeg');
    expect(jpg.disposition).toMatch(/^inline; filename="photo-[0-9A-Z]+\.jpg"/);
  });

  it('serves a file the check never typed only as a download of bytes', async () => {
    const { person } = await seedPerson();
    const untyped = documentOf(person, 'passport', null);
    await putAsHtml(config().documentsBucket, untyped.objectKey, Buffer.from('<script>alert(1)</script>'));
    await transact([documentPut(undefined, untyped)]);
    const detail = await personDetail(person.id, actor, NOW);
    const got = await follow(detail.documents[0]!.url!);
    expect(got.type).toBe('application/octet-stream');
    expect(got.disposition).toMatch(/^attachment; filename="passport-[0-9A-Z]+\.bin"/);
  });

  it('serves the photo behind a certificate check as an image, and the portal’s certificate as a PDF download', async () => {
    const number = `2027-PR-TEST-${ulid().slice(-5)}`;
    const { election, org, app, person } = await seedPerson({ certificateNumber: number });
    const certificate = certificateOf(person, number, NOW, `certificates/${election.id}/${number}.pdf`);
    const photo = documentOf(person, 'photo', 'image/png');
    await putAsHtml(config().documentsBucket, photo.objectKey, await fixture('passport.png'));
    await putAsHtml(config().certificatesBucket, certificate.objectKey!, await fixture('letter.pdf'));
    await transact([certificatePut(certificate), documentPut(undefined, photo)]);

    const checked = await checkCertificate(election.id, number, signCertificate(election.id, number), NOW);
    expect(checked.status).toBe('valid');
    const image = await follow(checked.certificate!.photoUrl!);
    expect(image.type).toBe('image/png');
    expect(image.disposition).toMatch(/^inline; filename="photo-[0-9A-Z]+\.png"/);

    const link = await certificateDownloadLink(
      { organizationId: org.id, electionId: app.electionId },
      person.id,
      actor,
      NOW,
    );
    const pdf = await follow(link.url);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.disposition).toBe(`attachment; filename="${link.filename}"; filename*=UTF-8''${link.filename}`);
  });

  it('downloads acts, print batches and extracts as PDFs under a safe name, the UTF-8 one in filename*', async () => {
    const key = `resolutions/${ulid()}.pdf`;
    await putAsHtml(config().certificatesBucket, key, await fixture('letter.pdf'));
    const got = await follow(await pdfDownloadLink(key, 'Токтом №12/3 "акт".pdf'));
    expect(got.type).toBe('application/pdf');
    expect(got.disposition).toBe(
      `attachment; filename="No12_3_.pdf"; filename*=UTF-8''${encodeURIComponent('Токтом №12/3 _акт_.pdf')}`,
    );
  });

  it('downloads the public list’s CSV as CSV, never as the stored page', async () => {
    const key = `exports/${ulid()}.csv`;
    await putAsHtml(config().certificatesBucket, key, Buffer.from('number,name\n'));
    const got = await follow(
      await presignedGet({
        bucket: 'certificates',
        key,
        contentType: 'text/csv; charset=utf-8',
        disposition: 'attachment',
        filename: 'observers.csv',
      }),
    );
    expect(got.type).toBe('text/csv; charset=utf-8');
    expect(got.disposition).toMatch(/^attachment; filename="observers\.csv"/);
    expect(got.body.toString()).toBe('number,name\n');
  });
});
