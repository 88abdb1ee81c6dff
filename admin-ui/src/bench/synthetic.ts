/** Synthetic grid rows for the benchmark page: deterministic, shaped like the API's (schemas/triage.ts). */
import { FLAG_CODES } from '#domain/eligibility';
import { PERSON_STATUSES } from '#domain/lifecycle';
import type { PersonRow } from '../admin/people/triage-columns';

const FAMILY = [
  'IVANOV',
  'KOWALSKA',
  'SMITH',
  'MUELLER',
  'ASANOV',
  'LAURENT',
  'NAZAROV',
  'PETROVA',
  'WAGNER',
  'ABENOV',
];
const GIVEN = ['SERGEI', 'MARIA', 'JOHN', 'JONAS', 'BAKYT', 'CLAIRE', 'TIMUR', 'ANNA', 'SOPHIE', 'DANIYAR'];
const FAMILY_CY = [
  'ИВАНОВ',
  'КОВАЛЬСКА',
  'СМИТ',
  'МЮЛЛЕР',
  'АСАНОВ',
  'ЛОРАН',
  'НАЗАРОВ',
  'ПЕТРОВА',
  'ВАГНЕР',
  'АБЕНОВ',
];
const GIVEN_CY = ['СЕРГЕЙ', 'МАРИЯ', 'ДЖОН', 'ЙОНАС', 'БАКЫТ', 'КЛЭР', 'ТИМУР', 'АННА', 'СОФИ', 'ДАНИЯР'];
const ORGS = ['OSCE/ODIHR', 'CIS Executive Committee', 'CEC of Kazakhstan', 'Embassy of Germany', 'PACE', 'SCO'];
const COUNTRIES = ['PL', 'RU', 'KZ', 'DE', 'FR', 'CN'];
const ULID = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function syntheticId(n: number): string {
  let s = '';
  let x = n;
  for (let i = 0; i < 10; i++) {
    s = ULID[x % 32] + s;
    x = Math.floor(x / 32);
  }
  return `01JBENCH0000000${s}`.slice(0, 26).padEnd(26, '0');
}

export function syntheticRows(count: number): PersonRow[] {
  const rows: PersonRow[] = [];
  for (let i = 0; i < count; i++) {
    const o = i % ORGS.length;
    const flags = [FLAG_CODES[i % 11], FLAG_CODES[(i * 7) % 13]].filter((f): f is (typeof FLAG_CODES)[number] => !!f);
    const status = PERSON_STATUSES[i % 5]!;
    rows.push({
      id: syntheticId(i + 1),
      familyNameLatin: `${FAMILY[i % 10]}${i}`,
      givenNamesLatin: GIVEN[(i * 3) % 10]!,
      familyNameCyrillic: FAMILY_CY[i % 10]!,
      givenNamesCyrillic: GIVEN_CY[(i * 3) % 10]!,
      role: 'observer',
      organizationId: syntheticId(100_000 + o),
      organizationName: ORGS[o]!,
      organizationCountry: COUNTRIES[o]!,
      applicationId: syntheticId(200_000 + o),
      citizenship: i % 97 === 0 ? 'KG' : COUNTRIES[(i + 1) % 6]!,
      passportExpiresOn: `203${i % 10}-0${1 + (i % 9)}-15`,
      documents: { passport: i % 13 === 0 ? 'pending' : 'received', photo: i % 17 === 0 ? 'rejected' : 'received' },
      flags: [...new Set(flags)],
      channel: i % 3 === 0 ? 'mfa' : 'direct',
      status,
      reviewerNote: i % 4 === 0 ? `note ${i}: checked the letter of the mission` : '',
      checked: i % 5 === 0,
      version: 1,
      submittedAt: '2027-01-10T08:00:00.000Z',
      decisionCount: 0,
      lastDecision: null,
      certificateNumber: null,
    });
  }
  return rows;
}
