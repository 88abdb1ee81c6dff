/** 'decision-refused': a refusal states its ground and clause and the reasons given (3.4, 3.9, Art. 10, 3.6). */
import { type Lang, REFUSAL_GROUNDS, type RefusalGround } from '#domain/grounds';
import { citeClause, formatDate } from '#i18n/format';
import { PermanentMailError } from '../context';
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

export interface RefusedData {
  org: OrgData;
  election: ElectionData;
  person: PersonData;
  resolution: ResolutionData | null;
  ground: string;
  reason: string;
}

const SUBJECT: Record<Lang, (d: RefusedData) => string> = {
  ky: (d) => `Аккредитациялоодон баш тартылды: ${personName(d.person, 'ky')}`,
  ru: (d) => `Отказ в аккредитации: ${personName(d.person, 'ru')}`,
  en: (d) => `Accreditation refused: ${personName(d.person, 'en')}`,
};

const L = {
  ky: { election: 'Шайлоо', org: 'Уюм', ground: 'Баш тартуунун негизи', norm: 'Ченем', reason: 'Себептери' },
  ru: { election: 'Выборы', org: 'Организация', ground: 'Основание отказа', norm: 'Норма', reason: 'Мотивы' },
  en: { election: 'Election', org: 'Organization', ground: 'Ground of refusal', norm: 'Provision', reason: 'Reasons' },
} as const;

function section(d: RefusedData, lang: Lang, ground: (typeof REFUSAL_GROUNDS)[RefusalGround]): Section {
  const name = personName(d.person, lang);
  const org = orgName(d.org, lang);
  const intro: Record<Lang, string> = {
    ky: `Борбордук комиссиянын токтому менен ${name} (${org}) «${d.election.name.ky}» боюнча эл аралык байкоочу катары аккредитациялоодон баш тартылды (Жобонун 3.4-пункту).`,
    ru: `Постановлением Центральной комиссии отказано в аккредитации в качестве международного наблюдателя: ${name} (${org}), «${d.election.name.ru}» (п. 3.4 Положения).`,
    en: `By a resolution of the Central Commission, accreditation as an international observer at the ${d.election.name.en} was refused to ${name} (${org}) (clause 3.4 of the Regulation).`,
  };
  const heading: Record<Lang, string> = {
    ky: 'Аккредитациялоодон баш тартуу жөнүндө билдирүү',
    ru: 'Уведомление об отказе в аккредитации',
    en: 'Notice of refusal of accreditation',
  };
  const l = L[lang];
  return {
    lang,
    heading: heading[lang],
    blocks: [
      { kind: 'p', text: intro[lang] },
      {
        kind: 'facts',
        rows: [
          ...resolutionRow(d.resolution, lang, formatDate),
          ...applicationRow(d.person, lang),
          [l.election, d.election.name[lang]],
          [l.org, org],
          [l.ground, ground.label[lang]],
          [l.norm, citeClause(ground.clause, lang)],
        ],
      },
      ...(d.reason.trim() ? [{ kind: 'p' as const, text: `${l.reason}: ${d.reason.trim()}` }] : []),
    ],
  };
}

export function refusedLetter(d: RefusedData, langs: readonly Lang[]): Letter {
  const ground = REFUSAL_GROUNDS[d.ground as RefusalGround];
  if (!ground) throw new PermanentMailError(`payload.ground ${d.ground} is not a refusal ground (3.9)`);
  return {
    subject: bilingualSubject(langs, (l) => SUBJECT[l](d)),
    sections: langs.map((l) => section(d, l, ground)),
  };
}
