/**
 * Records for the decisions suites and benchmarks: an election whose window is open at `NOW`,
 * organizations, and people put straight through the persons repository (with exact counters), so
 * these suites do not depend on the intake's handlers.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { counterMoves } from '#data/counters';
import { createElection } from '#data/elections';
import { keys } from '#data/keys';
import { createOrganization } from '#data/organizations';
import { putPeopleBatch, scopeOf } from '#data/persons';
import { transact } from '#data/transact';
import { fixedClock } from '#domain/clock';
import type { PersonStatus } from '#domain/lifecycle';
import type { Actor } from '#schemas/audit';
import type { Election } from '#schemas/election';
import type { Organization } from '#schemas/organization';
import type { Person } from '#schemas/person';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';
import { makePerson } from './fixtures';

/** Inside the window of `electionDates` (calling 2027-01-10, voting day 2027-03-14, last day 2027-03-11). */
export const NOW = new Date('2027-02-01T06:00:00.000Z');
export const TODAY = '2027-02-01';
export const clockAt = (at: Date = NOW) => fixedClock(at);

export const adminActor: Actor = { kind: 'staff', id: 'sub-admin', label: 'admin@cec.local' };
export const reviewerActor: Actor = { kind: 'staff', id: 'sub-reviewer', label: 'reviewer@cec.local' };

export async function seedElection(over: Partial<Parameters<typeof createElection>[0]> = {}): Promise<Election> {
  return createElection(
    {
      kind: 'presidential',
      name: { ky: 'Президенттик шайлоо', ru: 'Президентские выборы', en: 'Presidential election' },
      calledOn: '2027-01-10',
      votingDay: '2027-03-14',
      windowOffsetDays: 3,
      resultsPublishedOn: null,
      repeatVoting: null,
      ...over,
    },
    adminActor,
    new Date('2027-01-10T06:00:00.000Z'),
  );
}

export async function seedOrganization(
  name: string,
  country = 'DE',
  lang: 'en' | 'ru' | 'ky' = 'en',
): Promise<Organization> {
  return createOrganization(
    {
      name: { original: name, en: name },
      type: 'international_organization',
      country,
      contactEmail: `${name.toLowerCase().replace(/[^a-z]/g, '')}@example.org`,
      preferredLanguage: lang,
    },
    adminActor,
    NOW,
  );
}

const FAMILY = ['Adams', 'Baker', 'Clark', 'Davis', 'Evans', 'Fisher', 'Garcia', 'Hughes', 'Ivanov', 'Jensen'];
const GIVEN = ['Anna', 'Boris', 'Chloe', 'David', 'Elena', 'Felix', 'Greta', 'Hans', 'Irina', 'Jonas'];

/** Person `i` of an organization: names spread over the alphabet so that name order is meaningful. */
export function personOf(e: Election, org: Organization, i: number, over: Partial<Person> = {}): Person {
  return makePerson({
    electionId: e.id,
    organizationId: org.id,
    organizationCountry: org.country,
    familyNameLatin: `${FAMILY[i % FAMILY.length]}${String.fromCharCode(97 + (Math.floor(i / 10) % 26))}`,
    givenNamesLatin: GIVEN[Math.floor(i / 7) % GIVEN.length] ?? 'Anna',
    email: `person${i}@example.org`,
    ...over,
  });
}

/** Puts people in bulk and moves the counters by the same numbers, as an import would. */
export async function seedPeople(people: readonly Person[]): Promise<void> {
  await putPeopleBatch(people);
  const groups = new Map<string, { p: Person; status: PersonStatus; n: number }>();
  for (const p of people) {
    const k = `${p.organizationId}|${p.organizationCountry}|${p.status}`;
    const g = groups.get(k);
    if (g) g.n++;
    else groups.set(k, { p, status: p.status, n: 1 });
  }
  for (const g of groups.values()) await transact(counterMoves(scopeOf(g.p), null, g.status, g.n));
}

/** Every item of a partition (to check outcomes against what is stored). */
export async function partition(pk: string, prefix?: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(
      new QueryCommand({
        TableName: config().tableName,
        KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :p)' : 'pk = :pk',
        ExpressionAttributeValues: prefix ? { ':pk': pk, ':p': prefix } : { ':pk': pk },
        ExclusiveStartKey: start,
      }),
    );
    out.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** Outbox items about these people (read through the GSI of pending items). */
export async function outboxFor(personIds: readonly string[]): Promise<Record<string, unknown>[]> {
  const wanted = new Set(personIds);
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(
      new QueryCommand({
        TableName: config().tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': 'OUTBOX#pending' },
        ExclusiveStartKey: start,
      }),
    );
    out.push(...(page.Items ?? []).filter((i) => wanted.has(String(i.entityId))));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

export const electionPartition = (electionId: string) => keys.election(electionId).pk;
