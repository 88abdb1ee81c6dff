/**
 * Records for the data suites. Every call makes fresh ids, so test files share the one table of the
 * global setup without seeing each other's records (each test uses its own election, actor, ...).
 */
import { monotonicFactory } from 'ulid';
import type { PersonStatus } from '#domain/lifecycle';
import type { Person } from '#schemas/person';

const nextUlid = monotonicFactory();

export const newId = (): string => nextUlid();

export interface PersonOptions extends Partial<Person> {
  electionId: string;
}

/** A representative as the intake stores one (valid against the `person` schema). */
export function makePerson(o: PersonOptions): Person {
  const at = o.createdAt ?? '2027-02-24T06:00:00.000Z';
  const status: PersonStatus = o.status ?? 'submitted';
  return {
    familyNameLatin: 'Schmidt',
    givenNamesLatin: 'Anna Maria',
    familyNameCyrillic: 'Шмидт',
    givenNamesCyrillic: 'Анна Мария',
    sex: 'F',
    dateOfBirth: '1980-05-17',
    citizenship: 'DE',
    passportNumber: `C${Math.floor(Math.random() * 1e8)
      .toString()
      .padStart(8, '0')}`,
    passportExpiresOn: '2031-05-16',
    role: 'observer',
    email: 'anna.schmidt@example.org',
    phone: '+49 30 1234567',
    preferredLanguage: 'en',
    id: newId(),
    organizationId: newId(),
    applicationId: newId(),
    organizationCountry: 'DE',
    channel: 'direct',
    status,
    flags: [],
    documents: { passport: 'received', photo: 'received' },
    reviewerNote: '',
    checked: false,
    submittedAt: status === 'draft' ? null : at,
    decisions: [],
    certificateNumber: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...o,
  };
}
