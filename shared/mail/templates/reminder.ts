/**
 * 'reminder': an organization whose application is not finished is told how long the window stays
 * open (3.6: accreditation ends `windowOffsetDays` days before voting day; undecided people lapse).
 */
import type { Lang } from '#domain/grounds';
import { days, formatDate } from '#i18n/format';
import type { Letter, Section } from '../layout';
import { bilingualSubject, type ElectionData, type OrgData, orgName } from './common';

export interface ReminderData {
  org: OrgData;
  election: ElectionData;
  daysLeft: number | null;
  lastAccreditationDay: string;
}

const SUBJECT: Record<Lang, (d: ReminderData) => string> = {
  ky: (d) => `Эскертүү: аккредитация ${formatDate(d.lastAccreditationDay, 'ky')} аяктайт`,
  ru: (d) => `Напоминание: аккредитация завершается ${formatDate(d.lastAccreditationDay, 'ru')}`,
  en: (d) => `Reminder: accreditation ends on ${formatDate(d.lastAccreditationDay, 'en')}`,
};

const SECTION: Record<Lang, (d: ReminderData) => Section> = {
  ky: (d) => ({
    lang: 'ky',
    heading: 'Аккредитациялоо мөөнөтү жөнүндө эскертүү',
    blocks: [
      { kind: 'p', text: 'Урматтуу кесиптештер!' },
      {
        kind: 'p',
        text: `Сиздин уюмуңуздун (${orgName(d.org, 'ky')}) «${d.election.name.ky}» боюнча байкоочуларды аккредитациялоо жөнүндө арызы азырынча толук берилген жок.`,
      },
      {
        kind: 'p',
        text: `Жобонун 3.6-пунктуна ылайык аккредитация добуш берүү күнүнө ${days(d.election.windowOffsetDays, 'ky')} калганда аяктайт. Ушул мөөнөткө чейин чечим кабыл алынбаган өкүлдөр аккредитацияланбайт.`,
      },
      {
        kind: 'facts',
        rows: [
          ['Аккредитациянын акыркы күнү', formatDate(d.lastAccreditationDay, 'ky')],
          ...(d.daysLeft !== null ? ([['Калган убакыт', days(d.daysLeft, 'ky')]] as [string, string][]) : []),
          ['Добуш берүү күнү', formatDate(d.election.votingDay, 'ky')],
        ],
      },
      { kind: 'p', text: 'Арызды порталда толуктап, жөнөтүүнү өтүнөбүз.' },
    ],
  }),
  ru: (d) => ({
    lang: 'ru',
    heading: 'Напоминание о сроке аккредитации',
    blocks: [
      { kind: 'p', text: 'Уважаемые коллеги!' },
      {
        kind: 'p',
        text: `Заявление вашей организации (${orgName(d.org, 'ru')}) об аккредитации наблюдателей («${d.election.name.ru}») ещё не подано полностью.`,
      },
      {
        kind: 'p',
        text: `Согласно п. 3.6 Положения аккредитация завершается за ${days(d.election.windowOffsetDays, 'ru')} до дня голосования. Представители, по которым к этому сроку не принято решение, не могут быть аккредитованы.`,
      },
      {
        kind: 'facts',
        rows: [
          ['Последний день аккредитации', formatDate(d.lastAccreditationDay, 'ru')],
          ...(d.daysLeft !== null ? ([['Осталось', days(d.daysLeft, 'ru')]] as [string, string][]) : []),
          ['День голосования', formatDate(d.election.votingDay, 'ru')],
        ],
      },
      { kind: 'p', text: 'Просим завершить и отправить заявление на портале.' },
    ],
  }),
  en: (d) => ({
    lang: 'en',
    heading: 'Reminder of the accreditation deadline',
    blocks: [
      { kind: 'p', text: 'Dear colleagues,' },
      {
        kind: 'p',
        text: `The application of your organization (${orgName(d.org, 'en')}) for the accreditation of observers at the ${d.election.name.en} has not been fully submitted yet.`,
      },
      {
        kind: 'p',
        text: `Under clause 3.6 of the Regulation, accreditation ends ${days(d.election.windowOffsetDays, 'en')} before voting day. Representatives not decided on by then cannot be accredited.`,
      },
      {
        kind: 'facts',
        rows: [
          ['Last day of accreditation', formatDate(d.lastAccreditationDay, 'en')],
          ...(d.daysLeft !== null ? ([['Time left', days(d.daysLeft, 'en')]] as [string, string][]) : []),
          ['Voting day', formatDate(d.election.votingDay, 'en')],
        ],
      },
      { kind: 'p', text: 'Please complete and submit the application in the portal.' },
    ],
  }),
};

export function reminderLetter(d: ReminderData, langs: readonly Lang[]): Letter {
  return { subject: bilingualSubject(langs, (l) => SUBJECT[l](d)), sections: langs.map((l) => SECTION[l](d)) };
}
