/** The letters as their readers see them: languages, clauses, names, and escaping. */
import { describe, expect, it } from 'vitest';
import { languagesOf } from '#i18n/format';
import { renderHtml, renderText } from './layout';
import { accessCodeLetter } from './templates/access-code';
import type { ElectionData, OrgData, PersonData } from './templates/common';
import { accreditedLetter } from './templates/decision-accredited';
import { refusedLetter } from './templates/decision-refused';
import { revokedLetter } from './templates/decision-revoked';

const org: OrgData = {
  id: '01ORG',
  name: { original: 'Central Election Commission of <Testland>', ru: 'ЦИК Тестландии' },
  country: 'DE',
  contactEmail: 'org@example.org',
  preferredLanguage: 'en',
};
const election: ElectionData = {
  id: '01EL',
  name: {
    ky: 'Кыргыз Республикасынын Президентин шайлоо',
    ru: 'Выборы Президента Кыргызской Республики',
    en: 'Presidential election of the Kyrgyz Republic',
  },
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
};

describe('languages of a letter', () => {
  it('puts the organization language first and adds Russian, English for Russian writers, all three for decisions', () => {
    expect(languagesOf('en')).toEqual(['en', 'ru']);
    expect(languagesOf('ky')).toEqual(['ky', 'ru']);
    expect(languagesOf('ru')).toEqual(['ru', 'en']);
    expect(languagesOf('en', { all: true })).toEqual(['en', 'ru', 'ky']);
    expect(languagesOf('ru', { all: true })).toEqual(['ru', 'en', 'ky']);
  });
});

describe('access code', () => {
  it('shows the code and the portal link and escapes the organization name in HTML', () => {
    const letter = accessCodeLetter({ org, election, code: 'K7QX-2MPA', portalUrl: 'https://portal.example/#/p' }, [
      'en',
      'ru',
    ]);
    const html = renderHtml(letter);
    expect(html).toContain('K7QX-2MPA');
    expect(html).toContain('&#60;Testland&#62;');
    expect(html).not.toContain('<Testland>');
    expect(html).toContain('<a href="https://portal.example/#/p">');
    expect(renderText(letter)).toContain('Your organization (Central Election Commission of <Testland>)');
    expect(renderText(letter)).toContain('Ваша организация (ЦИК Тестландии)');
  });

  it('does not link a javascript: URL', () => {
    const letter = accessCodeLetter({ org, election, code: 'X', portalUrl: 'javascript:alert(1)' }, ['en']);
    expect(renderHtml(letter)).not.toContain('href="javascript');
  });
});

describe('decision letters', () => {
  it('refusal on Art. 10 cites the article of the Constitutional Law in every language', () => {
    const letter = refusedLetter({ org, election, person, resolution: null, ground: 'KG_CITIZEN', reason: '' }, [
      'ky',
      'ru',
      'en',
    ]);
    const text = renderText(letter);
    expect(text).toContain('Конституциялык мыйзамдын 10-беренеси');
    expect(text).toContain('статья 10 Конституционного закона');
    expect(text).toContain('Art. 10 of the Constitutional Law');
    expect(text).toContain('Кыргыз Республикасынын жараны эл аралык байкоочу боло албайт');
  });

  it('refusal with an unknown ground is refused, not sent with a blank ground', () => {
    expect(() =>
      refusedLetter({ org, election, person, resolution: null, ground: 'NOPE', reason: '' }, ['en']),
    ).toThrow(/3\.9/);
  });

  it('revocation on the organization request cites 4.7 (b) and says nothing of gross violations', () => {
    const text = renderText(
      revokedLetter(
        {
          org,
          election,
          person,
          resolution: { number: '20', adoptedOn: '2027-03-12' },
          revocationReason: 'ORGANIZATION_REQUEST',
          gross: true,
          reason: '',
          certificateNumber: '2027-PR-7QXA-00042',
        },
        ['en', 'ru', 'ky'],
      ),
    );
    expect(text).toContain('clause 4.7 (b) of the Regulation');
    expect(text).toContain('подпункт «б» пункта 4.7 Положения');
    expect(text).toContain('Resolution: No. 20 of 12 March 2027');
    expect(text).toContain('Токтом: № 20, 2027-жылдын 12-марты');
    expect(text).not.toContain('gross');
  });

  it('accreditation states the number, the validity and the memo of rights and duties in each language', () => {
    const text = renderText(
      accreditedLetter(
        {
          org,
          election,
          person,
          certificateNumber: '2027-PR-7QXA-00042',
          resolution: null,
          verifyUrl: 'https://api.example/v1/public/certificates/01EL/2027-PR-7QXA-00042?sig=abc',
        },
        ['ky', 'ru', 'en'],
      ),
    );
    expect(text).toContain('Байкоочу укуктуу (Жобонун 4.4-пункту)');
    expect(text).toContain('Наблюдатель обязан (п. 4.5 Положения)');
    expect(text).toContain('The observer must (clause 4.5 of the Regulation)');
    expect(text).toContain('Действительно до официального опубликования результатов выборов');
    expect(text).toContain('?sig=abc');
    expect(text.indexOf('Эл аралык байкоочу')).toBeLessThan(text.indexOf('Уведомление об аккредитации'));
  });
});
