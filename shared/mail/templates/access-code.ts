/**
 * 'access-code': the invited organization's access code to the portal (2.2, 2.5: the invitation;
 * 3.1: the application the organization then submits). The code travels sealed through the outbox and
 * appears in clear only in this letter.
 */
import type { Lang } from '#domain/grounds';
import { formatDate } from '#i18n/format';
import type { Letter, Section } from '../layout';
import { bilingualSubject, type ElectionData, type OrgData, orgName } from './common';

export interface AccessCodeData {
  org: OrgData;
  election: ElectionData;
  code: string;
  portalUrl: string;
}

const SUBJECT: Record<Lang, (d: AccessCodeData) => string> = {
  ky: (d) => `Аккредитация порталына кирүү коду: ${d.election.name.ky}`,
  ru: (d) => `Код доступа к порталу аккредитации: ${d.election.name.ru}`,
  en: (d) => `Access code to the accreditation portal: ${d.election.name.en}`,
};

const SECTION: Record<Lang, (d: AccessCodeData) => Section> = {
  ky: (d) => ({
    lang: 'ky',
    heading: 'Аккредитация порталына кирүү коду',
    blocks: [
      { kind: 'p', text: 'Урматтуу кесиптештер!' },
      {
        kind: 'p',
        text: `Сиздин уюмуңуз (${orgName(d.org, 'ky')}) «${d.election.name.ky}» боюнча эл аралык байкоо жүргүзүүгө чакырылды. Өкүлдөрүңүздү аккредитациялоо жөнүндө арызды (Жобонун 3.1-пункту) берүү үчүн порталга төмөнкү код менен кириңиз.`,
      },
      { kind: 'code', label: 'Кирүү коду', value: d.code },
      { kind: 'link', label: 'Портал', href: d.portalUrl },
      {
        kind: 'facts',
        rows: [
          ['Шайлоо', d.election.name.ky],
          ['Добуш берүү күнү', formatDate(d.election.votingDay, 'ky')],
          ['Аккредитациянын акыркы күнү (3.6-пункт)', formatDate(d.election.lastAccreditationDay, 'ky')],
        ],
      },
      {
        kind: 'note',
        text: 'Код сиздин уюмуңуз жана ушул шайлоо үчүн гана жарактуу; аны эч кимге бербеңиз. Жаңы код берилсе, мурунку код жараксыз болуп калат.',
      },
    ],
  }),
  ru: (d) => ({
    lang: 'ru',
    heading: 'Код доступа к порталу аккредитации',
    blocks: [
      { kind: 'p', text: 'Уважаемые коллеги!' },
      {
        kind: 'p',
        text: `Ваша организация (${orgName(d.org, 'ru')}) приглашена для международного наблюдения: «${d.election.name.ru}». Чтобы подать заявление об аккредитации ваших представителей (п. 3.1 Положения), войдите на портал с кодом доступа, указанным ниже.`,
      },
      { kind: 'code', label: 'Код доступа', value: d.code },
      { kind: 'link', label: 'Портал', href: d.portalUrl },
      {
        kind: 'facts',
        rows: [
          ['Выборы', d.election.name.ru],
          ['День голосования', formatDate(d.election.votingDay, 'ru')],
          ['Последний день аккредитации (п. 3.6)', formatDate(d.election.lastAccreditationDay, 'ru')],
        ],
      },
      {
        kind: 'note',
        text: 'Код действует только для вашей организации и этих выборов; никому его не передавайте. Если будет выдан новый код, прежний перестанет действовать.',
      },
    ],
  }),
  en: (d) => ({
    lang: 'en',
    heading: 'Access code to the accreditation portal',
    blocks: [
      { kind: 'p', text: 'Dear colleagues,' },
      {
        kind: 'p',
        text: `Your organization (${orgName(d.org, 'en')}) has been invited to observe the ${d.election.name.en}. To submit the application for accreditation of your representatives (clause 3.1 of the Regulation), sign in to the portal with the access code below.`,
      },
      { kind: 'code', label: 'Access code', value: d.code },
      { kind: 'link', label: 'Portal', href: d.portalUrl },
      {
        kind: 'facts',
        rows: [
          ['Election', d.election.name.en],
          ['Voting day', formatDate(d.election.votingDay, 'en')],
          ['Last day of accreditation (clause 3.6)', formatDate(d.election.lastAccreditationDay, 'en')],
        ],
      },
      {
        kind: 'note',
        text: 'The code is valid only for your organization and this election; do not share it. If a new code is issued, this one stops working.',
      },
    ],
  }),
};

export function accessCodeLetter(d: AccessCodeData, langs: readonly Lang[]): Letter {
  return {
    subject: bilingualSubject(langs, (l) => SUBJECT[l](d)),
    sections: langs.map((l) => SECTION[l](d)),
  };
}
