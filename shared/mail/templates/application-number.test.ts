/** Letters about a decision name the application the person was in by its number (3.1), in each language. */
import { describe, expect, it } from 'vitest';
import { renderHtml, renderText } from '../layout';
import type { ElectionData, OrgData, PersonData } from './common';
import { accreditedLetter } from './decision-accredited';
import { lapsedLetter } from './decision-lapsed';
import { refusedLetter } from './decision-refused';
import { revokedLetter } from './decision-revoked';

const org: OrgData = {
  id: '01ORG',
  name: { original: 'Election Commission of Testland' },
  country: 'DE',
  contactEmail: 'org@example.org',
  preferredLanguage: 'en',
};
const election: ElectionData = {
  id: '01EL',
  name: { ky: 'Президенттик шайлоо', ru: 'Президентские выборы', en: 'Presidential election' },
  votingDay: '2027-03-14',
  windowOffsetDays: 3,
  lastAccreditationDay: '2027-03-11',
  repeatVoting: null,
};
const person: PersonData = {
  id: '01P',
  familyNameLatin: 'Ongarbaeva',
  givenNamesLatin: 'Umut',
  familyNameCyrillic: 'Өңгарбаева',
  givenNamesCyrillic: 'Үмүт',
  email: 'p@example.net',
  certificateNumber: '2027-PR-7QXA-00042',
  applicationNumber: 'PR27-A-0042',
};
const resolution = { number: '20', adoptedOn: '2027-03-12' };
const langs = ['ky', 'ru', 'en'] as const;

const letters = (p: PersonData) => ({
  accredited: accreditedLetter(
    { org, election, person: p, certificateNumber: '2027-PR-7QXA-00042', resolution, verifyUrl: 'https://x/v' },
    langs,
  ),
  refused: refusedLetter(
    { org, election, person: p, resolution, ground: 'DOCUMENTS_MISSING_OR_INACCURATE', reason: '' },
    langs,
  ),
  revoked: revokedLetter(
    {
      org,
      election,
      person: p,
      resolution,
      revocationReason: 'ORGANIZATION_REQUEST',
      gross: false,
      reason: '',
      certificateNumber: '2027-PR-7QXA-00042',
    },
    langs,
  ),
  lapsed: lapsedLetter({ org, election, person: p }, langs),
});

describe('the application number in decision letters', () => {
  for (const [name, letter] of Object.entries(letters(person))) {
    it(`${name}: names the application by its number in Kyrgyz, Russian and English`, () => {
      const text = renderText(letter);
      expect(text).toContain('Арыз: № PR27-A-0042');
      expect(text).toContain('Заявка: № PR27-A-0042');
      expect(text).toContain('Application: No. PR27-A-0042');
      expect(renderHtml(letter)).toContain('PR27-A-0042');
    });
  }

  it('leaves the row out for a person of an application stored before numbers were given', () => {
    for (const letter of Object.values(letters({ ...person, applicationNumber: null }))) {
      const text = renderText(letter);
      expect(text).not.toContain('Application:');
      expect(text).not.toContain('null');
    }
  });
});
