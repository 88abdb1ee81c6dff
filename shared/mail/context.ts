/**
 * Reads what the letters and the certificate show: organization, election, person, the person's
 * photo record and the certificate item. Strongly consistent reads: the outbox item was written in
 * the same transaction as the decision, so what it refers to exists when the stream delivers it.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { lastAccreditationDay } from '#domain/calendar';
import type { Lang } from '#domain/grounds';
import { getElection } from '#data/elections';
import { keys } from '#data/keys';
import { findPerson } from '#data/persons';
import type { Election } from '#schemas/election';
import type { Person } from '#schemas/person';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';
import type { ElectionData, OrgData, PersonData } from './templates/common';

/** A message that can never be produced as asked (missing record, bad payload): retrying will not help. */
export class PermanentMailError extends Error {
  override name = 'PermanentMailError';
}

async function getItem(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: config().tableName, Key: key, ConsistentRead: true }));
  return out.Item;
}

export async function loadOrganization(id: string): Promise<OrgData> {
  const item = await getItem(keys.organization(id));
  if (!item) throw new PermanentMailError(`organization ${id} was not found`);
  return {
    id,
    name: item.name as OrgData['name'],
    country: String(item.country),
    contactEmail: String(item.contactEmail),
    preferredLanguage: (item.preferredLanguage as Lang | undefined) ?? 'en',
  };
}

export function electionData(e: Election): ElectionData {
  return {
    id: e.id,
    name: e.name,
    votingDay: e.votingDay,
    windowOffsetDays: e.windowOffsetDays,
    lastAccreditationDay: lastAccreditationDay(e),
    repeatVoting: e.repeatVoting ? { votingDay: e.repeatVoting.votingDay } : null,
  };
}

export async function loadElection(id: string): Promise<{ election: Election; data: ElectionData }> {
  try {
    const election = await getElection(id);
    return { election, data: electionData(election) };
  } catch (err) {
    if ((err as Error).name === 'NotFoundError') throw new PermanentMailError(`election ${id} was not found`);
    throw err;
  }
}

export function personData(p: Person): PersonData {
  return {
    id: p.id,
    familyNameLatin: p.familyNameLatin,
    givenNamesLatin: p.givenNamesLatin,
    familyNameCyrillic: p.familyNameCyrillic,
    givenNamesCyrillic: p.givenNamesCyrillic,
    email: p.email,
    certificateNumber: p.certificateNumber ?? null,
    applicationNumber: p.applicationNumber ?? null,
  };
}

export async function loadPerson(id: string): Promise<Person> {
  const p = await findPerson(id);
  if (!p) throw new PermanentMailError(`representative ${id} was not found`);
  return p;
}

/** The photo's object key from the person's document record (written by intake), if one was received. */
export async function photoObjectKey(personId: string): Promise<string | null> {
  const item = await getItem(keys.personDocument(personId, 'photo'));
  if (!item || (item.state !== undefined && item.state !== 'received')) return null;
  return typeof item.objectKey === 'string' ? item.objectKey : null;
}

export function str(payload: Record<string, unknown>, field: string): string {
  const v = payload[field];
  if (typeof v !== 'string' || v === '') throw new PermanentMailError(`payload.${field} is missing`);
  return v;
}

export function optStr(payload: Record<string, unknown>, field: string): string | undefined {
  const v = payload[field];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function langOf(payload: Record<string, unknown>, fallback: Lang): Lang {
  const v = payload.lang;
  return v === 'ky' || v === 'ru' || v === 'en' ? v : fallback;
}
