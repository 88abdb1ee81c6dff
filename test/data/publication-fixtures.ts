/**
 * Records the publication suites start from: an election, an organization, accredited people with a
 * certificate item and a photo, and outbox items, written straight to the table as the owning
 * repositories write them. Also the local SES and S3 servers these suites need beside DynamoDB Local.
 */
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import jpeg from 'jpeg-js';
import { ulid } from 'ulid';
import { createElection } from '#data/elections';
import { keys } from '#data/keys';
import { type OutboxMessage, outboxRecord } from '#data/outbox';
import { personItem } from '#data/persons';
import { systemActor } from '#data/audit';
import { indexKeys } from '#data/keys';
import type { Lang } from '#domain/grounds';
import type { PersonStatus } from '#domain/lifecycle';
import type { Person } from '#schemas/person';
import { ddb, s3 } from '#runtime/clients';
import { config } from '#runtime/config';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const require = createRequire(import.meta.url);

export interface LocalSes {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** aws-ses-v2-local on a port of its own; `stop` and `start` simulate an SES outage. */
export async function startSes(port: number): Promise<LocalSes> {
  const server = require('aws-ses-v2-local').default as (c: {
    port: number;
    host: string;
  }) => Promise<import('node:http').Server>;
  let srv = await server({ port, host: '127.0.0.1' });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      srv.closeAllConnections?.();
      await new Promise<void>((r) => srv.close(() => r()));
    },
    async start() {
      srv = await server({ port, host: '127.0.0.1' });
    },
  };
}

export async function startS3(port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const S3rver = require('s3rver');
  // s3rver checks the access key id (not the signature): register the twin's local credentials.
  const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account');
  if (!DUMMY_ACCOUNT.accessKeys.has?.(process.env.AWS_ACCESS_KEY_ID ?? 'local')) {
    DUMMY_ACCOUNT.createKeyPair(process.env.AWS_ACCESS_KEY_ID ?? 'local', process.env.AWS_SECRET_ACCESS_KEY ?? 'local');
  }
  const srv = new S3rver({
    port,
    address: '127.0.0.1',
    silent: true,
    directory: mkdtempSync(join(tmpdir(), 'pub-s3-')),
  });
  await srv.run();
  return { url: `http://127.0.0.1:${port}`, stop: () => srv.close() };
}

export async function createBuckets() {
  for (const Bucket of [config().documentsBucket, config().certificatesBucket]) {
    try {
      await s3().send(new CreateBucketCommand({ Bucket }));
    } catch (err) {
      if (!/BucketAlready/.test((err as Error).name)) throw err;
    }
  }
}

export interface StoredMail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  attachments: { filename?: string; contentType?: string; content: string; size?: number }[];
  at: number;
}

export async function mailStore(sesUrl: string): Promise<StoredMail[]> {
  const res = await fetch(`${sesUrl}/store`);
  return ((await res.json()) as { emails: StoredMail[] }).emails;
}

export const actor = systemActor('test');

export async function seedElection(opts: { resultsPublishedOn?: string | null } = {}) {
  return createElection(
    {
      kind: 'presidential',
      name: {
        ky: 'Кыргыз Республикасынын Президентин шайлоо',
        ru: 'Выборы Президента Кыргызской Республики',
        en: 'Presidential election of the Kyrgyz Republic',
      },
      calledOn: '2027-01-10',
      votingDay: '2027-03-14',
      windowOffsetDays: 3,
      resultsPublishedOn: opts.resultsPublishedOn ?? null,
      repeatVoting: null,
    },
    actor,
    new Date('2027-01-11T00:00:00Z'),
  );
}

export async function seedOrganization(
  lang: Lang,
  overrides: { name?: { original: string; ru?: string; en?: string }; country?: string } = {},
) {
  const id = ulid();
  const at = new Date().toISOString();
  const org = {
    id,
    name: overrides.name ?? { original: 'Central Election Commission of Testland', ru: 'ЦИК Тестландии' },
    type: 'foreign_election_body',
    country: overrides.country ?? 'DE',
    contactEmail: `org-${id.toLowerCase()}@example.org`,
    preferredLanguage: lang,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await ddb.send(
    new PutCommand({
      TableName: config().tableName,
      Item: {
        ...keys.organization(id),
        ...indexKeys.organization(org),
        entity: 'organization',
        schemaVersion: 1,
        ...org,
      },
    }),
  );
  return org;
}

export function samplePhoto(): Uint8Array {
  const w = 300;
  const h = 400;
  const data = Buffer.alloc(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      const dx = x - 150;
      const dy = y - 160;
      const face = (dx * dx) / 8100 + (dy * dy) / 14400 < 1;
      const body = y > 290 && Math.abs(dx) < y - 250;
      data[i] = face ? 230 : body ? 40 : 200;
      data[i + 1] = face ? 190 : body ? 60 : 215;
      data[i + 2] = face ? 160 : body ? 110 : 230;
      data[i + 3] = 255;
    }
  }
  return jpeg.encode({ data, width: w, height: h }, 85).data;
}

export interface SeedPerson {
  electionId: string;
  organizationId: string;
  organizationCountry?: string;
  status?: PersonStatus;
  familyNameLatin?: string;
  givenNamesLatin?: string;
  familyNameCyrillic?: string;
  givenNamesCyrillic?: string;
  certificateNumber?: string | null;
}

/** A person as the person repository stores them; with a certificate number, also the certificate item. */
export async function seedPerson(s: SeedPerson): Promise<Person> {
  const id = ulid();
  const at = new Date().toISOString();
  const person: Person = {
    id,
    electionId: s.electionId,
    organizationId: s.organizationId,
    applicationId: ulid(),
    organizationCountry: s.organizationCountry ?? 'DE',
    channel: 'direct',
    status: s.status ?? 'accredited',
    familyNameLatin: s.familyNameLatin ?? 'Ongarbaeva',
    givenNamesLatin: s.givenNamesLatin ?? 'Umut',
    familyNameCyrillic: s.familyNameCyrillic ?? 'Өңгарбаева',
    givenNamesCyrillic: s.givenNamesCyrillic ?? 'Үмүт Ңуровна',
    sex: 'F',
    dateOfBirth: '1985-04-02',
    citizenship: 'DE',
    passportNumber: `C${id.slice(-8)}`,
    passportExpiresOn: '2031-01-01',
    role: 'observer',
    email: `person-${id.toLowerCase()}@example.net`,
    phone: '+49 30 1234567',
    preferredLanguage: 'en',
    flags: [],
    documents: { passport: 'received', photo: 'received' },
    reviewerNote: '',
    checked: true,
    submittedAt: at,
    decisions:
      s.status === 'accredited' || s.status === undefined
        ? [
            {
              resolutionId: ulid(),
              resolutionNumber: '12/3',
              adoptedOn: '2027-03-01',
              outcome: 'accredited',
              ground: null,
              revocationReason: null,
              gross: false,
              reason: '',
            },
          ]
        : [],
    certificateNumber: s.certificateNumber ?? null,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await ddb.send(new PutCommand({ TableName: config().tableName, Item: personItem(person) }));
  if (person.certificateNumber) {
    await ddb.send(
      new PutCommand({
        TableName: config().tableName,
        Item: {
          ...keys.certificate(person.electionId, person.certificateNumber),
          entity: 'certificate',
          schemaVersion: 1,
          electionId: person.electionId,
          number: person.certificateNumber,
          personId: person.id,
          organizationId: person.organizationId,
          issuedAt: '2027-03-01T06:00:00.000Z',
          objectKey: null,
        },
      }),
    );
  }
  return person;
}

/** The photo as intake records it: the object in the documents bucket and its document record. */
export async function seedPhoto(person: Person, bytes = samplePhoto()) {
  const objectKey = `documents/${person.electionId}/${person.organizationId}/${person.applicationId}/${person.id}/photo/${ulid()}`;
  await s3().send(
    new PutObjectCommand({ Bucket: config().documentsBucket, Key: objectKey, Body: bytes, ContentType: 'image/jpeg' }),
  );
  await ddb.send(
    new PutCommand({
      TableName: config().tableName,
      Item: {
        ...keys.personDocument(person.id, 'photo'),
        entity: 'document',
        schemaVersion: 1,
        ownerId: person.id,
        kind: 'photo',
        state: 'received',
        objectKey,
        contentType: 'image/jpeg',
        size: bytes.length,
      },
    }),
  );
  return objectKey;
}

/** Writes an outbox item as `outboxPut` would and returns the INSERT stream record the table emits. */
export async function putOutbox(
  message: OutboxMessage,
  at = new Date(),
): Promise<{ id: string; record: DynamoDBRecord }> {
  const item = outboxRecord(message, at);
  await ddb.send(new PutCommand({ TableName: config().tableName, Item: item }));
  return { id: String(item.id), record: streamRecord('INSERT', item) };
}

let seq = 1000;
export function streamRecord(
  eventName: 'INSERT' | 'MODIFY',
  next: Record<string, unknown>,
  old?: Record<string, unknown>,
): DynamoDBRecord {
  return {
    eventID: ulid(),
    eventName,
    eventSource: 'aws:dynamodb',
    dynamodb: {
      Keys: marshall({ pk: next.pk, sk: next.sk }) as never,
      NewImage: marshall(next, { removeUndefinedValues: true, convertClassInstanceToMap: true }) as never,
      ...(old ? { OldImage: marshall(old, { removeUndefinedValues: true }) as never } : {}),
      SequenceNumber: String(seq++),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}
