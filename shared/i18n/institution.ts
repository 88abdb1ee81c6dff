/** Names and fixed wording of the Commission's documents, in Kyrgyz, Russian and English. */
import type { Labels } from '#domain/grounds';

export const CEC_NAME: Labels = {
  ky: 'Кыргыз Республикасынын Шайлоо жана референдум өткөрүү боюнча борбордук комиссиясы',
  ru: 'Центральная комиссия по выборам и проведению референдумов Кыргызской Республики',
  en: 'Central Commission for Elections and Referendums of the Kyrgyz Republic',
};

export const REPUBLIC: Labels = {
  ky: 'Кыргыз Республикасы',
  ru: 'Кыргызская Республика',
  en: 'Kyrgyz Republic',
};

/** 3.4: the certificate of the standard form. */
export const CERTIFICATE_TITLE: Labels = {
  ky: 'Эл аралык байкоочунун күбөлүгү',
  ru: 'Удостоверение международного наблюдателя',
  en: 'International observer certificate',
};

/** 3.5, 3.7: the mandate runs until the results are officially published. */
export const VALID_UNTIL_RESULTS: Labels = {
  ky: 'Шайлоонун жыйынтыктары расмий жарыяланганга чейин жарактуу',
  ru: 'Действительно до официального опубликования результатов выборов',
  en: 'Valid until the official publication of the results',
};

/** 3.7, second paragraph: a repeat voting extends the mandate without re-accreditation. */
export const REPEAT_VOTING_NOTE: Labels = {
  ky: 'Кайталап добуш берүү дайындалса — анын жыйынтыктары расмий жарыяланганга чейин',
  ru: 'При назначении повторного голосования — до официального опубликования его результатов',
  en: 'If a repeat voting is appointed, until the official publication of its results',
};

/** 4.3: shown with an identity document. */
export const SHOW_WITH_ID: Labels = {
  ky: 'Күбөлүк өздүгүн күбөлөндүрүүчү документ менен бирге көрсөтүлөт (Жобонун 4.3-пункту)',
  ru: 'Удостоверение предъявляется вместе с документом, удостоверяющим личность (п. 4.3 Положения)',
  en: 'The certificate is shown together with an identity document (clause 4.3 of the Regulation)',
};

export const REGULATION: Labels = {
  ky: 'БШКнын 2016-жылдын 9-ноябрындагы №197 токтому менен бекитилген Жобо',
  ru: 'Положение, утверждённое постановлением ЦИК от 9 ноября 2016 года № 197',
  en: 'Regulation approved by CEC resolution No. 197 of 9 November 2016',
};
