/**
 * Grounds of refusal (3.9, Art. 10, 3.6) and reasons of revocation (4.7), as the codes the software
 * keeps. Labels are in the three languages the CEC writes in.
 */

export type Lang = 'ky' | 'ru' | 'en';
export type Labels = Record<Lang, string>;

export const REFUSAL_GROUNDS = {
  NO_LEGAL_CAPACITY: {
    clause: '3.9',
    label: {
      en: 'The sending organization has no legal capacity',
      ru: 'Направляющая организация не обладает правоспособностью',
      ky: 'Жөнөтүүчү уюм укук жөндөмдүүлүгүнө ээ эмес',
    },
  },
  DOCUMENTS_MISSING_OR_INACCURATE: {
    clause: '3.9',
    label: {
      en: 'Documents are missing, incomplete or inaccurate',
      ru: 'Документы отсутствуют, неполны или недостоверны',
      ky: 'Документтер жок, толук эмес же так эмес',
    },
  },
  AIMS_CONTRARY_TO_LAW: {
    clause: '3.9',
    label: {
      en: "The organization's aims contradict the Constitution and laws or threaten the country's sovereignty, security, territorial integrity or national interests",
      ru: 'Цели организации противоречат Конституции и законам или угрожают суверенитету, безопасности, территориальной целостности или национальным интересам',
      ky: 'Уюмдун максаттары Конституцияга жана мыйзамдарга карама-каршы келет же эгемендүүлүккө, коопсуздукка, аймактык бүтүндүккө, улуттук кызыкчылыктарга коркунуч жаратат',
    },
  },
  PREVIOUSLY_REVOKED: {
    clause: '3.9',
    label: {
      en: 'Earlier stripped of accreditation for a gross violation',
      ru: 'Ранее лишён аккредитации за грубое нарушение',
      ky: 'Мурда одоно бузуу үчүн аккредитациядан ажыратылган',
    },
  },
  KG_CITIZEN: {
    clause: 'Art. 10',
    label: {
      en: 'A citizen of the Kyrgyz Republic cannot be an international observer',
      ru: 'Гражданин Кыргызской Республики не может быть международным наблюдателем',
      ky: 'Кыргыз Республикасынын жараны эл аралык байкоочу боло албайт',
    },
  },
  WINDOW_CLOSED: {
    clause: '3.6',
    label: {
      en: 'Accreditation ended 3 days before voting day',
      ru: 'Аккредитация завершилась за 3 дня до дня голосования',
      ky: 'Аккредитация добуш берүү күнүнө 3 күн калганда аяктаган',
    },
  },
} as const satisfies Record<string, { clause: string; label: Labels }>;

export type RefusalGround = keyof typeof REFUSAL_GROUNDS;
export const REFUSAL_GROUND_CODES = Object.keys(REFUSAL_GROUNDS) as RefusalGround[];
/** Grounds a reviewer may choose; the others are applied by the system itself. */
export const REVIEWER_REFUSAL_GROUNDS: RefusalGround[] = [
  'NO_LEGAL_CAPACITY',
  'DOCUMENTS_MISSING_OR_INACCURATE',
  'AIMS_CONTRARY_TO_LAW',
  'PREVIOUSLY_REVOKED',
  'KG_CITIZEN',
];

export const REVOCATION_REASONS = {
  VIOLATION: {
    clause: '4.7 a',
    label: {
      en: 'Violation of the Regulation, the laws or generally recognised principles of international law',
      ru: 'Нарушение Положения, законов или общепризнанных принципов международного права',
      ky: 'Жобону, мыйзамдарды же эл аралык укуктун жалпы таанылган принциптерин бузуу',
    },
  },
  ORGANIZATION_REQUEST: {
    clause: '4.7 b',
    label: {
      en: 'Written request of the sending organization',
      ru: 'Письменное обращение направившей организации',
      ky: 'Жөнөтүүчү уюмдун жазуу жүзүндөгү кайрылуусу',
    },
  },
  OBSERVER_REQUEST: {
    clause: '4.7 c',
    label: {
      en: "The observer's own application",
      ru: 'Личное заявление наблюдателя',
      ky: 'Байкоочунун өз арызы',
    },
  },
} as const satisfies Record<string, { clause: string; label: Labels }>;

export type RevocationReason = keyof typeof REVOCATION_REASONS;
export const REVOCATION_REASON_CODES = Object.keys(REVOCATION_REASONS) as RevocationReason[];

/** 4.7, 3.9: only a revocation for a violation (a) that the CEC marks gross can later ground a refusal. */
export function groundsFutureRefusal(reason: RevocationReason, gross: boolean): boolean {
  return reason === 'VIOLATION' && gross;
}
