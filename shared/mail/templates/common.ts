/** What every template needs: the data it renders and the ways names are written in each language. */
import type { Lang, Labels } from '#domain/grounds';
import type { Section } from '../layout';

export interface OrgData {
  id: string;
  name: { original: string; ru?: string; en?: string };
  country: string;
  contactEmail: string;
  preferredLanguage: Lang;
}

export interface ElectionData {
  id: string;
  name: Labels;
  votingDay: string;
  windowOffsetDays: number;
  lastAccreditationDay: string;
  repeatVoting: { votingDay: string } | null;
}

export interface PersonData {
  id: string;
  familyNameLatin: string;
  givenNamesLatin: string;
  familyNameCyrillic: string;
  givenNamesCyrillic: string;
  email: string;
  certificateNumber: string | null;
  /** The number of the application that named the person (3.1); absent or null for older applications. */
  applicationNumber?: string | null;
}

export interface ResolutionData {
  number: string;
  adoptedOn: string;
}

/** The organization's name in a language: its own translation where it gave one, else the original. */
export function orgName(org: OrgData, lang: Lang): string {
  if (lang === 'en') return org.name.en ?? org.name.original;
  if (lang === 'ru') return org.name.ru ?? org.name.original;
  return org.name.original;
}

export const latinName = (p: PersonData) => `${p.familyNameLatin} ${p.givenNamesLatin}`;
export const cyrillicName = (p: PersonData) => `${p.familyNameCyrillic} ${p.givenNamesCyrillic}`;

/** Kyrgyz and Russian readers see the Cyrillic name first; English readers the Latin one. */
export function personName(p: PersonData, lang: Lang): string {
  return lang === 'en' ? `${latinName(p)} (${cyrillicName(p)})` : `${cyrillicName(p)} (${latinName(p)})`;
}

/** Subject in the first two languages of the letter, e.g. "Access code ... / Код доступа ...". */
export function bilingualSubject(langs: readonly Lang[], subject: (l: Lang) => string): string {
  return langs
    .slice(0, 2)
    .map((l) => subject(l))
    .join(' / ');
}

export type SectionOf<D> = (d: D, lang: Lang) => Section;

const APPLICATION_LABEL: Labels = { ky: 'Арыз', ru: 'Заявка', en: 'Application' };

/** The application the person was named in (3.1), as a fact row, by the number the organization knows. */
export function applicationRow(p: PersonData, lang: Lang): [string, string][] {
  return p.applicationNumber
    ? [[APPLICATION_LABEL[lang], `${lang === 'en' ? 'No.' : '№'} ${p.applicationNumber}`]]
    : [];
}

const RESOLUTION_LABEL: Labels = { ky: 'Токтом', ru: 'Постановление', en: 'Resolution' };

/** The resolution a decision was taken by (3.3), as a fact row, when the payload names it. */
export function resolutionRow(r: ResolutionData | null, lang: Lang, format: (d: string, l: Lang) => string) {
  if (!r) return [] as [string, string][];
  const value =
    lang === 'ky'
      ? `№ ${r.number}, ${format(r.adoptedOn, 'ky')}`
      : lang === 'ru'
        ? `№ ${r.number} от ${format(r.adoptedOn, 'ru')}`
        : `No. ${r.number} of ${format(r.adoptedOn, 'en')}`;
  return [[RESOLUTION_LABEL[lang], value]] as [string, string][];
}
