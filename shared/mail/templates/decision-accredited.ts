/**
 * 'decision-accredited': the accreditation (3.3) with the certificate of the standard form attached
 * (3.4), its validity until the official publication of the results (3.5, 3.7), the verification link,
 * and the memo of the observer's rights and duties (4.3 to 4.6).
 */
import type { Lang } from '#domain/grounds';
import { formatDate } from '#i18n/format';
import { REPEAT_VOTING_NOTE, SHOW_WITH_ID, VALID_UNTIL_RESULTS } from '#i18n/institution';
import { MEMO } from '#i18n/memo';
import type { Letter, Section } from '../layout';
import {
  bilingualSubject,
  type ElectionData,
  type OrgData,
  orgName,
  type PersonData,
  personName,
  type ResolutionData,
  applicationRow,
  resolutionRow,
} from './common';

export interface AccreditedData {
  org: OrgData;
  election: ElectionData;
  person: PersonData;
  certificateNumber: string;
  resolution: ResolutionData | null;
  verifyUrl: string;
}

const SUBJECT: Record<Lang, (d: AccreditedData) => string> = {
  ky: (d) => `Аккредитацияланды: ${personName(d.person, 'ky')}, күбөлүк № ${d.certificateNumber}`,
  ru: (d) => `Аккредитация предоставлена: ${personName(d.person, 'ru')}, удостоверение № ${d.certificateNumber}`,
  en: (d) => `Accreditation granted: ${personName(d.person, 'en')}, certificate No. ${d.certificateNumber}`,
};

const L = {
  ky: {
    heading: 'Эл аралык байкоочу катары аккредитациялоо жөнүндө билдирүү',
    number: 'Күбөлүктүн номери',
    election: 'Шайлоо',
    org: 'Уюм',
    validity: 'Жарактуулук мөөнөтү',
    verify: 'Күбөлүктүн аныктыгын текшерүү',
  },
  ru: {
    heading: 'Уведомление об аккредитации международного наблюдателя',
    number: 'Номер удостоверения',
    election: 'Выборы',
    org: 'Организация',
    validity: 'Срок действия',
    verify: 'Проверка подлинности удостоверения',
  },
  en: {
    heading: 'Notice of accreditation as an international observer',
    number: 'Certificate number',
    election: 'Election',
    org: 'Organization',
    validity: 'Validity',
    verify: 'Verify the certificate',
  },
} as const;

function section(d: AccreditedData, lang: Lang): Section {
  const name = personName(d.person, lang);
  const org = orgName(d.org, lang);
  const n = d.certificateNumber;
  const intro: Record<Lang, string> = {
    ky: `Борбордук комиссиянын токтому менен ${name} (${org}) «${d.election.name.ky}» боюнча эл аралык байкоочу катары аккредитацияланды (Жобонун 3.3-пункту).`,
    ru: `Постановлением Центральной комиссии предоставлена аккредитация международного наблюдателя: ${name} (${org}), «${d.election.name.ru}» (п. 3.3 Положения).`,
    en: `By a resolution of the Central Commission, ${name} (${org}) has been accredited as an international observer at the ${d.election.name.en} (clause 3.3 of the Regulation).`,
  };
  const attached: Record<Lang, string> = {
    ky: `№ ${n} күбөлүк ушул катка PDF түрүндө тиркелди (Жобонун 3.4-пункту). Аны басып чыгарыңыз.`,
    ru: `Удостоверение № ${n} приложено к письму в формате PDF (п. 3.4 Положения). Распечатайте его.`,
    en: `Certificate No. ${n} is attached to this message as a PDF (clause 3.4 of the Regulation). Please print it.`,
  };
  const l = L[lang];
  const memo = MEMO[lang];
  return {
    lang,
    heading: l.heading,
    blocks: [
      { kind: 'p', text: intro[lang] },
      { kind: 'p', text: attached[lang] },
      {
        kind: 'facts',
        rows: [
          [l.number, n],
          ...resolutionRow(d.resolution, lang, formatDate),
          ...applicationRow(d.person, lang),
          [l.election, d.election.name[lang]],
          [l.org, org],
          [l.validity, VALID_UNTIL_RESULTS[lang]],
        ],
      },
      { kind: 'note', text: `${REPEAT_VOTING_NOTE[lang]} (3.7). ${SHOW_WITH_ID[lang]}.` },
      { kind: 'link', label: l.verify, href: d.verifyUrl },
      { kind: 'list', heading: `${memo.title}. ${memo.rightsHeading}`, items: memo.rights, ordered: true },
      { kind: 'list', heading: memo.dutiesHeading, items: memo.duties, ordered: true },
      { kind: 'note', text: memo.closing },
    ],
  };
}

export function accreditedLetter(d: AccreditedData, langs: readonly Lang[]): Letter {
  return { subject: bilingualSubject(langs, (l) => SUBJECT[l](d)), sections: langs.map((l) => section(d, l)) };
}
