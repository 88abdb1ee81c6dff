/** 'decision-lapsed': the window closed before a decision (3.6), so the person cannot be accredited. */
import type { Lang } from '#domain/grounds';
import { citeClause, days, formatDate } from '#i18n/format';
import type { Letter, Section } from '../layout';
import {
  applicationRow,
  bilingualSubject,
  type ElectionData,
  type OrgData,
  orgName,
  type PersonData,
  personName,
} from './common';

export interface LapsedData {
  org: OrgData;
  election: ElectionData;
  person: PersonData;
}

const SUBJECT: Record<Lang, (d: LapsedData) => string> = {
  ky: (d) => `Аккредитациялоо мөөнөтү бүттү: ${personName(d.person, 'ky')}`,
  ru: (d) => `Срок аккредитации истёк: ${personName(d.person, 'ru')}`,
  en: (d) => `Accreditation period ended: ${personName(d.person, 'en')}`,
};

function section(d: LapsedData, lang: Lang): Section {
  const name = personName(d.person, lang);
  const org = orgName(d.org, lang);
  const offset = days(d.election.windowOffsetDays, lang);
  const last = formatDate(d.election.lastAccreditationDay, lang);
  const text: Record<Lang, string> = {
    ky: `Жобонун 3.6-пунктуна ылайык аккредитация добуш берүү күнүнө ${offset} калганда аяктады; акыркы күн ${last} болгон. ${name} (${org}) боюнча ушул мөөнөткө чейин чечим кабыл алынган жок, ошондуктан ал «${d.election.name.ky}» боюнча аккредитацияланбайт.`,
    ru: `Согласно п. 3.6 Положения аккредитация завершилась за ${offset} до дня голосования; последним днём было ${last}. Решение по представителю ${name} (${org}) к этому сроку принято не было, поэтому аккредитация («${d.election.name.ru}») более невозможна.`,
    en: `Under clause 3.6 of the Regulation, accreditation ended ${offset} before voting day; the last day was ${last}. No decision on ${name} (${org}) had been taken by then, so this representative can no longer be accredited for the ${d.election.name.en}.`,
  };
  const heading: Record<Lang, string> = {
    ky: 'Аккредитациялоо мөөнөтүнүн бүтүшү жөнүндө билдирүү',
    ru: 'Уведомление об истечении срока аккредитации',
    en: 'Notice: the accreditation period has ended',
  };
  const norm: Record<Lang, string> = { ky: 'Ченем', ru: 'Норма', en: 'Provision' };
  return {
    lang,
    heading: heading[lang],
    blocks: [
      { kind: 'p', text: text[lang] },
      { kind: 'facts', rows: [...applicationRow(d.person, lang), [norm[lang], citeClause('3.6', lang)]] },
    ],
  };
}

export function lapsedLetter(d: LapsedData, langs: readonly Lang[]): Letter {
  return { subject: bilingualSubject(langs, (l) => SUBJECT[l](d)), sections: langs.map((l) => section(d, l)) };
}
