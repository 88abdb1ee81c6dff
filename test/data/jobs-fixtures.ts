/**
 * Data for the scheduled jobs' suites, written straight to DynamoDB Local through the key module.
 * The jobs walk every election of the table, so each suite runs on a table of its own (`useOwnTable`):
 * other suites' elections are never touched, and theirs never reach these assertions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { inject } from 'vitest';
import { systemActor } from '#data/audit';
import { counterMoves } from '#data/counters';
import { createElection } from '#data/elections';
import { indexKeys, indexPartitions, keys } from '#data/keys';
import { queryAll } from '#data/paging';
import { personFromItem, putPeopleBatch, scopeOf } from '#data/persons';
import { transact } from '#data/transact';
import type { PersonStatus } from '#domain/lifecycle';
import type { Certificate } from '#data/certificates';
import type { Application } from '#schemas/application';
import type { ElectionInput } from '#schemas/election';
import type { Organization } from '#schemas/organization';
import type { Person } from '#schemas/person';
import { ensureTable } from '#local/dynamodb-local';
import { ddb } from '#runtime/clients';
import { config, resetConfig } from '#runtime/config';
import type { Checkpoint, CheckpointStore } from '#jobs/checkpoints';
import { tableCheckpoints } from '#jobs/checkpoints';
import type { JobContext } from '#jobs/context';
import { freePort } from '#test/setup/dynamodb';

/** Points this test file at a fresh table of its own on the emulator the global setup started. */
export async function useOwnTable(name: string): Promise<string> {
  const tableName = `jobs-${name}-${Date.now().toString(36)}`;
  await ensureTable(inject('dynamodbEndpoint'), tableName);
  process.env.TABLE_NAME = tableName;
  resetConfig();
  return tableName;
}

/**
 * Points this test file at an S3 server of its own (s3rver on a free port) with `<name>-documents`
 * and `<name>-certificates` buckets; the returned function stops it and removes its files.
 */
export async function useOwnS3(name: string): Promise<() => Promise<void>> {
  const require = createRequire(import.meta.url);
  const S3rver = require('s3rver') as new (
    o: Record<string, unknown>,
  ) => { run(): Promise<unknown>; close(): Promise<unknown> };
  const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account') as {
    DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void };
  };
  DUMMY_ACCOUNT.createKeyPair('local', 'local');
  const directory = mkdtempSync(join(tmpdir(), `${name}-s3-`));
  const port = await freePort();
  process.env.DOCUMENTS_BUCKET = `${name}-documents`;
  process.env.CERTIFICATES_BUCKET = `${name}-certificates`;
  const server = new S3rver({
    port,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: `${name}-documents` }, { name: `${name}-certificates` }],
  });
  await server.run();
  process.env.AWS_ENDPOINT_URL_S3 = `http://127.0.0.1:${port}`;
  process.env.S3_FORCE_PATH_STYLE = 'true';
  resetConfig();
  return async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  };
}

const actor = systemActor('test');

export const electionInput = (over: Partial<ElectionInput> = {}): ElectionInput => ({
  kind: 'presidential',
  name: { ky: 'Президенттик шайлоо', ru: 'Президентские выборы', en: 'Presidential election' },
  calledOn: '2027-01-10',
  votingDay: '2027-03-14',
  windowOffsetDays: 3,
  resultsPublishedOn: null,
  repeatVoting: null,
  ...over,
});

export async function makeElection(over: Partial<ElectionInput> = {}) {
  return createElection(electionInput(over), actor, new Date('2027-01-10T06:00:00Z'));
}

export async function makeOrganization(over: Partial<Organization> = {}): Promise<Organization> {
  const at = '2027-01-11T06:00:00.000Z';
  const org: Organization = {
    id: ulid(),
    name: { original: 'Central Election Commission of Example' },
    type: 'foreign_election_body',
    country: 'DE',
    contactEmail: 'contact@example.org',
    preferredLanguage: 'en',
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...over,
  };
  await ddb.send(
    new PutCommand({
      TableName: config().tableName,
      Item: {
        ...keys.organization(org.id),
        ...indexKeys.organization(org),
        entity: 'organization',
        schemaVersion: 1,
        ...org,
      },
    }),
  );
  return org;
}

export async function makeApplication(
  electionId: string,
  org: Organization,
  over: Partial<Application> = {},
): Promise<Application> {
  const at = '2027-01-12T06:00:00.000Z';
  const app: Application = {
    id: ulid(),
    electionId,
    organizationId: org.id,
    channel: 'direct',
    status: 'draft',
    mfaStatus: 'not_required',
    mfaNote: null,
    personCount: 0,
    submittedAt: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...over,
  };
  await ddb.send(
    new PutCommand({
      TableName: config().tableName,
      Item: {
        ...keys.application(app.id),
        ...indexKeys.application(app),
        entity: 'application',
        schemaVersion: 1,
        ...app,
      },
    }),
  );
  return app;
}

let serial = 0;

export function personOf(
  app: Application,
  org: Organization,
  status: PersonStatus,
  over: Partial<Person> = {},
): Person {
  serial++;
  const at = '2027-01-12T06:00:00.000Z';
  return {
    id: ulid(),
    electionId: app.electionId,
    organizationId: org.id,
    applicationId: app.id,
    organizationCountry: org.country,
    familyNameLatin: `Observer${String.fromCharCode(65 + (serial % 26))}`,
    givenNamesLatin: `Person ${String.fromCharCode(65 + ((serial * 7) % 26))}`,
    familyNameCyrillic: 'Наблюдатель',
    givenNamesCyrillic: 'Иван',
    sex: 'F',
    dateOfBirth: '1980-05-01',
    citizenship: org.country,
    passportNumber: `P${String(serial).padStart(8, '0')}`,
    passportExpiresOn: '2030-01-01',
    role: 'observer',
    email: `observer${serial}@example.org`,
    phone: '+49 30 123456',
    preferredLanguage: 'en',
    channel: app.channel,
    status,
    flags: [],
    documents: {},
    reviewerNote: '',
    checked: false,
    submittedAt: null,
    decisions: [],
    certificateNumber: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...over,
  };
}

/** Loads people in bulk and keeps the counters exact: one counter move per scope and status. */
export async function seedPeople(people: readonly Person[]): Promise<void> {
  await putPeopleBatch(people);
  const groups = new Map<string, { person: Person; n: number }>();
  for (const p of people) {
    const k = `${p.organizationId}|${p.organizationCountry}|${p.status}`;
    const g = groups.get(k);
    if (g) g.n++;
    else groups.set(k, { person: p, n: 1 });
  }
  for (const { person, n } of groups.values()) await transact(counterMoves(scopeOf(person), null, person.status, n));
}

export async function readPerson(id: string): Promise<Person> {
  const out = await ddb.send(
    new GetCommand({ TableName: config().tableName, Key: keys.person(id), ConsistentRead: true }),
  );
  if (!out.Item) throw new Error(`no person ${id}`);
  return personFromItem(out.Item);
}

export async function readItem(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: config().tableName, Key: key, ConsistentRead: true }));
  return out.Item;
}

export async function counters(electionId: string): Promise<Record<string, number>> {
  const item = (await readItem(keys.statusCounter(electionId))) ?? {};
  return Object.fromEntries(Object.entries(item).filter(([, v]) => typeof v === 'number')) as Record<string, number>;
}

/** The audit entries of one entity, oldest first. */
export async function auditOf(entityType: string, entityId: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const items of queryAll({ partition: `AUDIT#${entityType}#${entityId}` })) out.push(...items);
  return out;
}

/** Pending outbox items of an election (the outbox index, filtered to the election). */
export async function outboxOf(electionId: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const items of queryAll({
    index: 'gsi1',
    partition: indexPartitions.outboxByStatus('pending'),
    filter: { expression: '#e = :e', names: { '#e': 'electionId' }, values: { ':e': electionId } },
  })) {
    out.push(...items);
  }
  return out;
}

export async function peopleWithStatus(electionId: string, status: PersonStatus): Promise<Person[]> {
  const out: Person[] = [];
  for await (const items of queryAll({
    index: 'gsi1',
    partition: indexPartitions.peopleByStatus(electionId, status),
  })) {
    out.push(...items.map(personFromItem));
  }
  return out;
}

/** A job context at `now` with a generous budget and the table's checkpoints. */
export function contextAt(now: string | Date, over: Partial<JobContext> = {}): JobContext {
  return {
    now: typeof now === 'string' ? new Date(now) : now,
    deadline: Date.now() + 60_000,
    checkpoints: tableCheckpoints,
    ...over,
  };
}

/** Checkpoints that fail on the n-th save: a crash after a page's writes, before its checkpoint. */
export function crashingCheckpoints(failOnSave: number): CheckpointStore & { saves: number } {
  const store = {
    saves: 0,
    all: (job: string) => tableCheckpoints.all(job),
    async save(job: string, cp: Checkpoint) {
      store.saves++;
      if (store.saves === failOnSave) throw new Error('simulated crash before the checkpoint was saved');
      await tableCheckpoints.save(job, cp);
    },
  };
  return store;
}

/** A certificate issued to a person (not revoked), as the outbox consumer writes it after an adoption. */
export function certificateOf(
  person: Pick<Person, 'id' | 'electionId' | 'organizationId'>,
  number: string,
  issuedAt: Date,
  objectKey: string | null = null,
): Certificate {
  return {
    electionId: person.electionId,
    number,
    personId: person.id,
    organizationId: person.organizationId,
    resolutionId: ulid(),
    issuedAt: issuedAt.toISOString(),
    objectKey,
    revokedAt: null,
    revocationReason: null,
    revocationResolutionId: null,
  };
}
