/**
 * Eligibility flags, computed from data. The software flags what it can detect; a person decides
 * (domain 3.9). Only `KG_CITIZEN` is absolute: it is applied as a refusal at adoption (Art. 10).
 */
import { type ElectionDates, isWindowOpen, passportMustBeValidOn } from './calendar';
import type { Labels } from './grounds';
import { type IsoDate, compareDates } from './time';

export const KYRGYZ_REPUBLIC = 'KG';

export const FLAGS = {
  KG_CITIZEN: {
    clause: 'Art. 10',
    blocking: true,
    label: {
      en: 'Citizen of the Kyrgyz Republic: can never be accredited',
      ru: 'Гражданин Кыргызской Республики: не может быть аккредитован',
      ky: 'Кыргыз Республикасынын жараны: аккредитацияланбайт',
    },
  },
  PREVIOUSLY_REVOKED_GROSS: {
    clause: '3.9',
    blocking: false,
    label: {
      en: 'Earlier stripped of accreditation for a gross violation',
      ru: 'Ранее лишён аккредитации за грубое нарушение',
      ky: 'Мурда одоно бузуу үчүн аккредитациядан ажыратылган',
    },
  },
  PASSPORT_EXPIRES_BEFORE_MANDATE_END: {
    clause: '3.7',
    blocking: false,
    label: {
      en: 'Passport expires before the mandate ends',
      ru: 'Срок паспорта истекает до окончания полномочий',
      ky: 'Паспорттун мөөнөтү ыйгарым укуктар бүткөнгө чейин аяктайт',
    },
  },
  DOCUMENTS_MISSING: {
    clause: '3.1',
    blocking: false,
    label: {
      en: 'Passport copy or photo missing',
      ru: 'Нет копии паспорта или фотографии',
      ky: 'Паспорттун көчүрмөсү же сүрөт жок',
    },
  },
  DOCUMENTS_REJECTED: {
    clause: '3.1',
    blocking: false,
    label: {
      en: 'A document was rejected and must be uploaded again',
      ru: 'Документ отклонён и должен быть загружен повторно',
      ky: 'Документ четке кагылган, кайра жүктөө керек',
    },
  },
  NO_INVITATION: {
    clause: '2.2',
    blocking: false,
    label: {
      en: 'The organization holds no invitation for this election',
      ru: 'У организации нет приглашения на эти выборы',
      ky: 'Уюмдун бул шайлоого чакыруусу жок',
    },
  },
  OUTSIDE_WINDOW: {
    clause: '3.6',
    blocking: false,
    label: {
      en: 'Outside the accreditation window',
      ru: 'Вне срока аккредитации',
      ky: 'Аккредитация мөөнөтүнөн тышкары',
    },
  },
  DUPLICATE_NOMINATION: {
    clause: '3.1',
    blocking: false,
    label: {
      en: 'The same person (passport and citizenship) is nominated more than once in this election',
      ru: 'Одно и то же лицо (паспорт и гражданство) выдвинуто в этих выборах более одного раза',
      ky: 'Бир эле адам (паспорт жана жарандык) бул шайлоодо бир нече жолу көрсөтүлгөн',
    },
  },
} as const satisfies Record<string, { clause: string; blocking: boolean; label: Labels }>;

export type FlagCode = keyof typeof FLAGS;
export const FLAG_CODES = Object.keys(FLAGS) as FlagCode[];

export type DocumentKind = 'passport' | 'photo';
export const REQUIRED_PERSON_DOCUMENTS: readonly DocumentKind[] = ['passport', 'photo'];
export type DocumentState = 'pending' | 'received' | 'rejected' | 'purged';

export interface EligibilityInput {
  person: {
    citizenship: string;
    passportExpiresOn: IsoDate;
    documents: Partial<Record<DocumentKind, DocumentState>>;
  };
  election: ElectionDates;
  hasInvitation: boolean;
  /** Other live nominations of the same passport + citizenship in this election. */
  otherNominationsInElection: number;
  /** Earlier revocations of the same passport + citizenship marked gross (4.7 a). */
  grossRevocations: number;
  now: Date;
}

/** Normalises a passport number so that spacing and case do not hide a duplicate. */
export function passportKey(citizenship: string, passportNumber: string): string {
  return `${citizenship.toUpperCase()}#${passportNumber.replace(/[\s-]/g, '').toUpperCase()}`;
}

export function computeFlags(input: EligibilityInput): FlagCode[] {
  const { person, election } = input;
  const flags: FlagCode[] = [];
  if (person.citizenship.toUpperCase() === KYRGYZ_REPUBLIC) flags.push('KG_CITIZEN');
  if (input.grossRevocations > 0) flags.push('PREVIOUSLY_REVOKED_GROSS');
  if (compareDates(person.passportExpiresOn, passportMustBeValidOn(election)) < 0) {
    flags.push('PASSPORT_EXPIRES_BEFORE_MANDATE_END');
  }
  const states = REQUIRED_PERSON_DOCUMENTS.map((k) => person.documents[k]);
  if (states.some((s) => s === undefined || s === 'pending' || s === 'purged')) flags.push('DOCUMENTS_MISSING');
  if (states.includes('rejected')) flags.push('DOCUMENTS_REJECTED');
  if (!input.hasInvitation) flags.push('NO_INVITATION');
  if (!isWindowOpen(election, input.now)) flags.push('OUTSIDE_WINDOW');
  if (input.otherNominationsInElection > 0) flags.push('DUPLICATE_NOMINATION');
  return flags;
}

export function hasBlockingFlag(flags: readonly FlagCode[]): boolean {
  return flags.some((f) => FLAGS[f].blocking);
}
