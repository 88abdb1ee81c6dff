/** 'decision-revoked': a revocation cites its reason, 4.7 (a), (b) or (c), and says the certificate is void. */
import { type Lang, REVOCATION_REASONS, type RevocationReason } from '#domain/grounds';
import { citeClause, formatDate } from '#i18n/format';
import { PermanentMailError } from '../context';
import type { Block, Letter, Section } from '../layout';
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

export interface RevokedData {
  org: OrgData;
  election: ElectionData;
  person: PersonData;
  resolution: ResolutionData | null;
  revocationReason: string;
  gross: boolean;
  reason: string;
  certificateNumber: string | null;
}

const SUBJECT: Record<Lang, (d: RevokedData) => string> = {
  ky: (d) => `Аккредитациядан ажыратылды: ${personName(d.person, 'ky')}`,
  ru: (d) => `Аккредитация отозвана: ${personName(d.person, 'ru')}`,
  en: (d) => `Accreditation revoked: ${personName(d.person, 'en')}`,
};

const L = {
  ky: {
    election: 'Шайлоо',
    org: 'Уюм',
    cert: 'Күбөлүк',
    ground: 'Ажыратуунун негизи',
    norm: 'Ченем',
    reason: 'Себептери',
  },
  ru: {
    election: 'Выборы',
    org: 'Организация',
    cert: 'Удостоверение',
    ground: 'Основание',
    norm: 'Норма',
    reason: 'Мотивы',
  },
  en: {
    election: 'Election',
    org: 'Organization',
    cert: 'Certificate',
    ground: 'Ground',
    norm: 'Provision',
    reason: 'Reasons',
  },
} as const;

const GROSS: Record<Lang, string> = {
  ky: 'Бузуу одоно деп табылды: бул келечекте аккредитациялоодон баш тартууга негиз болушу мүмкүн (Жобонун 3.9-пункту).',
  ru: 'Нарушение признано грубым: это может служить основанием для отказа в аккредитации в будущем (п. 3.9 Положения).',
  en: 'The violation was found to be gross: this may ground a refusal of accreditation in future (clause 3.9 of the Regulation).',
};

function section(d: RevokedData, lang: Lang, why: (typeof REVOCATION_REASONS)[RevocationReason]): Section {
  const name = personName(d.person, lang);
  const org = orgName(d.org, lang);
  const cert = d.certificateNumber;
  const intro: Record<Lang, string> = {
    ky: `Борбордук комиссиянын токтому менен ${name} (${org}) эл аралык байкоочу катары аккредитациядан ажыратылды (Жобонун 4.7-пункту).${cert ? ` № ${cert} күбөлүк мындан ары жараксыз.` : ''}`,
    ru: `Постановлением Центральной комиссии отозвана аккредитация международного наблюдателя: ${name} (${org}) (п. 4.7 Положения).${cert ? ` Удостоверение № ${cert} более не действительно.` : ''}`,
    en: `By a resolution of the Central Commission, the accreditation of ${name} (${org}) as an international observer has been revoked (clause 4.7 of the Regulation).${cert ? ` Certificate No. ${cert} is no longer valid.` : ''}`,
  };
  const heading: Record<Lang, string> = {
    ky: 'Аккредитациядан ажыратуу жөнүндө билдирүү',
    ru: 'Уведомление об отзыве аккредитации',
    en: 'Notice of revocation of accreditation',
  };
  const l = L[lang];
  const blocks: Block[] = [
    { kind: 'p', text: intro[lang] },
    {
      kind: 'facts',
      rows: [
        ...resolutionRow(d.resolution, lang, formatDate),
        ...applicationRow(d.person, lang),
        [l.election, d.election.name[lang]],
        [l.org, org],
        ...(cert ? ([[l.cert, cert]] as [string, string][]) : []),
        [l.ground, why.label[lang]],
        [l.norm, citeClause(why.clause, lang)],
      ],
    },
  ];
  if (d.reason.trim()) blocks.push({ kind: 'p', text: `${l.reason}: ${d.reason.trim()}` });
  if (d.gross && d.revocationReason === 'VIOLATION') blocks.push({ kind: 'note', text: GROSS[lang] });
  return { lang, heading: heading[lang], blocks };
}

export function revokedLetter(d: RevokedData, langs: readonly Lang[]): Letter {
  const why = REVOCATION_REASONS[d.revocationReason as RevocationReason];
  if (!why) throw new PermanentMailError(`payload.revocationReason ${d.revocationReason} is not a reason of 4.7`);
  return { subject: bilingualSubject(langs, (l) => SUBJECT[l](d)), sections: langs.map((l) => section(d, l, why)) };
}
