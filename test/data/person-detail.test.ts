/**
 * A reviewer's view of one person (3.1): a refused upload comes with its reason's code beside the
 * English sentence, so the panel says it in Kyrgyz, Russian or English (REJECTION_CODES).
 */
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#data/audit';
import { type StoredDocument, documentPut } from '#data/documents';
import { transact } from '#data/transact';
import { personDetail } from '#decisions/people';
import { makeApplication, makeElection, makeOrganization, personOf, seedPeople, useOwnTable } from './jobs-fixtures';

const NOW = new Date('2027-03-01T06:00:00Z');
const actor = systemActor('person-detail-test');

beforeAll(async () => {
  await useOwnTable('person-detail');
});

describe('person detail', () => {
  it('gives a refused photo its rejection code, and a received passport copy none', async () => {
    const election = await makeElection();
    const org = await makeOrganization();
    const app = await makeApplication(election.id, org, { status: 'submitted' });
    const person = personOf(app, org, 'submitted');
    await seedPeople([person]);
    const base = {
      ownerId: person.id,
      objectKey: `documents/${election.id}/${org.id}/${app.id}/${person.id}/${ulid()}`,
      size: 1,
      uploadedAt: NOW.toISOString(),
      checkedAt: NOW.toISOString(),
      electionId: election.id,
      organizationId: org.id,
      applicationId: app.id,
      personId: person.id,
      version: 1,
    };
    const photo = {
      ...base,
      kind: 'photo',
      state: 'rejected',
      contentType: 'image/jpeg',
      rejectionReason: 'the photo is smaller than 300 × 400 pixels',
      rejectionCode: 'PHOTO_TOO_SMALL',
    } as StoredDocument;
    const passport = {
      ...base,
      objectKey: `${base.objectKey}-p`,
      kind: 'passport',
      state: 'received',
      contentType: 'application/pdf',
      rejectionReason: null,
    } as StoredDocument;
    await transact([documentPut(undefined, photo), documentPut(undefined, passport)]);
    const detail = await personDetail(person.id, actor, NOW);
    const byKind = new Map(detail.documents.map((d) => [d.kind, d]));
    expect(byKind.get('photo')).toMatchObject({ state: 'rejected', rejectionCode: 'PHOTO_TOO_SMALL' });
    expect(byKind.get('passport')).toMatchObject({ state: 'received', rejectionCode: null });
  });
});
