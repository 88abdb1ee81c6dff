/**
 * The purge of identity documents on DynamoDB Local and a local S3 server (s3rver), with an injected
 * clock. Results published on 2027-03-20: mandates ended, and certificates stopped being valid, at
 * 00:00 Bishkek on 2027-03-21; with 90 days of retention documents go at 00:00 Bishkek on 2027-06-19
 * (18:00 UTC on 2027-06-18).
 */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRecord, systemActor } from '#data/audit';
import { keys } from '#data/keys';
import type { Person } from '#schemas/person';
import { ddb, s3 } from '#runtime/clients';
import { config } from '#runtime/config';
import { purgeDocuments } from '#jobs/purge-documents';
import {
  auditOf,
  contextAt,
  makeApplication,
  makeElection,
  makeOrganization,
  personOf,
  readItem,
  readPerson,
  seedPeople,
  useOwnS3,
  useOwnTable,
} from './jobs-fixtures';

let stopS3: (() => Promise<void>) | undefined;

beforeAll(async () => {
  await useOwnTable('purge');
  stopS3 = await useOwnS3('purge');
});

afterAll(async () => {
  await stopS3?.();
});

const DUE = '2027-06-18T18:00:00.000Z';
const JUST_BEFORE = '2027-06-18T17:59:59.999Z';

async function putObject(bucket: string, key: string) {
  await s3().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.from(`content of ${key}`) }));
}

async function exists(bucket: string, key: string): Promise<boolean> {
  try {
    await s3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch {
    return false;
  }
}

async function keysUnder(bucket: string, prefix: string): Promise<string[]> {
  const out = await s3().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (out.Contents ?? []).map((o) => o.Key ?? '');
}

async function putDocument(key: { pk: string; sk: string }, fields: Record<string, unknown>) {
  await ddb.send(
    new PutCommand({
      TableName: config().tableName,
      Item: { ...key, entity: 'document', schemaVersion: 1, ...fields },
    }),
  );
}

/** An election with one observer (passport + photo), a letter, a certificate PDF and an orphan upload. */
async function electionWithDocuments(resultsPublishedOn: string | null) {
  const e = await makeElection({ resultsPublishedOn });
  const org = await makeOrganization();
  const app = await makeApplication(e.id, org, { status: 'locked', letter: 'received' });
  const person: Person = personOf(app, org, 'expired', {
    documents: { passport: 'received', photo: 'received' },
    certificateNumber: '2027-PR-00001',
    decisions: [
      {
        resolutionId: '01J0000000000000000000000A',
        resolutionNumber: '12/3',
        adoptedOn: '2027-03-01',
        outcome: 'accredited',
        ground: null,
        revocationReason: null,
        gross: false,
        reason: '',
      },
    ],
  });
  await seedPeople([person]);
  const base = `documents/${e.id}/${org.id}/${app.id}`;
  const objects = {
    passport: `${base}/${person.id}/passport/01J00000000000000000000001`,
    photo: `${base}/${person.id}/photo/01J00000000000000000000002`,
    oldPhoto: `${base}/${person.id}/photo/01J00000000000000000000000`,
    letter: `${base}/letter/letter/01J00000000000000000000003`,
    certificate: `certificates/${e.id}/2027-PR-00001.pdf`,
  };
  const { documentsBucket, certificatesBucket } = config();
  for (const k of [objects.passport, objects.photo, objects.oldPhoto, objects.letter])
    await putObject(documentsBucket, k);
  await putObject(certificatesBucket, objects.certificate);
  const record = (ownerId: string, kind: string, objectKey: string) => ({
    ownerId,
    kind,
    state: 'received',
    objectKey,
    contentType: 'image/jpeg',
    size: 1000,
    rejectionReason: null,
    uploadedAt: '2027-02-01T06:00:00.000Z',
    checkedAt: '2027-02-01T06:00:01.000Z',
  });
  await putDocument(keys.personDocument(person.id, 'passport'), record(person.id, 'passport', objects.passport));
  await putDocument(keys.personDocument(person.id, 'photo'), record(person.id, 'photo', objects.photo));
  await putDocument(keys.applicationDocument(app.id, 'letter'), record(app.id, 'letter', objects.letter));
  // A decision's audit entry, written long before: it must outlive the purge.
  await ddb.send(
    new PutCommand({
      TableName: config().tableName,
      Item: auditRecord({
        at: new Date('2027-03-01T06:00:00Z'),
        actor: systemActor('test'),
        entityType: 'person',
        entityId: person.id,
        action: 'accredit',
        clause: '3.3',
      }),
    }),
  );
  return { e, app, person, objects };
}

describe('purge-documents job', () => {
  it('deletes identity documents after the retention period, keeping decisions and audit, once', async () => {
    // Prepare
    const { e, app, person, objects } = await electionWithDocuments('2027-03-20');
    const pending = await electionWithDocuments(null); // mandates not over: never purged
    const { documentsBucket, certificatesBucket } = config();

    // Act + Assess: the last moment of the retention period
    expect((await purgeDocuments(contextAt(JUST_BEFORE), 90)).changed).toBe(0);
    expect(await exists(documentsBucket, objects.passport)).toBe(true);

    // Act: due
    const run = await purgeDocuments(contextAt(DUE), 90);

    // Assess: objects gone, the other election's untouched
    expect(run.done).toBe(true);
    expect(run.changed).toBe(2); // one person, one application
    expect(await keysUnder(documentsBucket, `documents/${e.id}/`)).toEqual([]);
    expect(await keysUnder(certificatesBucket, `certificates/${e.id}/`)).toEqual([]);
    expect(await exists(documentsBucket, pending.objects.passport)).toBe(true);
    expect(await exists(certificatesBucket, pending.objects.certificate)).toBe(true);
    // Records say so; the person, decisions and certificate number stay
    expect(await readItem(keys.personDocument(person.id, 'photo'))).toMatchObject({ state: 'purged', purgedAt: DUE });
    expect(await readItem(keys.applicationDocument(app.id, 'letter'))).toMatchObject({ state: 'purged' });
    const after = await readPerson(person.id);
    expect(after).toMatchObject({
      status: 'expired',
      documents: { passport: 'purged', photo: 'purged' },
      certificateNumber: '2027-PR-00001',
      version: person.version + 1,
    });
    expect(after.decisions).toEqual(person.decisions);
    expect((await readItem(keys.application(app.id)))?.letter).toBe('purged');
    // The audit keeps the decision and records the purge: what went, not its content
    const audit = await auditOf('person', person.id);
    expect(audit.map((a) => a.action)).toEqual(['accredit', 'purge-documents']);
    expect(audit[1]?.detail).toMatchObject({
      retentionDays: 90,
      mandateEndsOn: '2027-03-20',
      deleted: expect.arrayContaining([{ kind: 'passport', objectKeys: [objects.passport] }]),
    });
    expect((await auditOf('application', app.id)).map((a) => a.action)).toEqual(['purge-documents']);
    expect((await auditOf('election', e.id)).map((a) => a.action)).toContain('purge-documents');

    // Act: again
    const again = await purgeDocuments(contextAt('2027-06-20T00:00:00Z'), 90);

    // Assess: nothing more
    expect(again.changed).toBe(0);
    expect(await auditOf('person', person.id)).toHaveLength(2);
    expect((await auditOf('election', e.id)).filter((a) => a.action === 'purge-documents')).toHaveLength(1);
    expect((await readPerson(person.id)).version).toBe(person.version + 1);
  });

  it('takes its retention period from configuration (90 days by default)', async () => {
    const { objects } = await electionWithDocuments('2027-09-20'); // expired from 2027-09-20 18:00 UTC
    const { documentsBucket } = config();
    await purgeDocuments(contextAt('2027-10-20T18:00:00Z'), 30);
    expect(await exists(documentsBucket, objects.passport)).toBe(false);
    expect(config().documentRetentionDays).toBe(90);
  });
});
