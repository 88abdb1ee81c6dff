/**
 * The memo of an observer's rights and duties (Regulation 4.3 to 4.6; Constitutional Law Art. 8.2,
 * 22.15, 39.1), carried by the certificate and the accreditation email (domain: "A certificate or the
 * accreditation notice should carry a short memo of these rights and duties").
 */
import type { Lang } from '#domain/grounds';

export interface Memo {
  title: string;
  rightsHeading: string;
  rights: string[];
  dutiesHeading: string;
  duties: string[];
  closing: string;
}

export const MEMO: Record<Lang, Memo> = {
  ky: {
    title: 'Эл аралык байкоочуга эскертме',
    rightsHeading: 'Байкоочу укуктуу (Жобонун 4.4-пункту):',
    rights: [
      'эркин жүрүп-турууга жана каалаган шайлоо участогунда болууга;',
      'коштоп жүрүүчү котормочуга ээ болууга;',
      'өз пикирин ачык билдирүүгө жана басма сөз жыйындарын өткөрүүгө;',
      'добуш берүүнүн жашыруундугун бузбастан сүрөткө, видеого жана аудиого тартууга;',
      'статусу, аты-жөнү жана уюму көрсөтүлгөн, үгүт белгилери жок төш белгини тагынууга;',
      'шайлоо комиссияларынын түзүлүшүнө, шайлоочулардын тизмелерин түзүүгө, шайлоочуларды каттоого жана маалыматтык камсыздоого байкоо жүргүзүүгө;',
      'шайлоочулар, талапкерлер жана саясий партиялар менен жолугушууга;',
      'шайлоо комиссияларынын отурумдарына катышууга (Конституциялык мыйзамдын 8.2-беренеси);',
      'шайлоо документтери менен таанышууга жана алардын көчүрмөлөрүн алууга;',
      'суроо боюнча ар бир шайлоо участогундагы добуш берүүнүн жыйынтыктары менен таанышууга (39.1-берене).',
    ],
    dutiesHeading: 'Байкоочу милдеттүү (Жобонун 4.5-пункту):',
    duties: [
      'Кыргыз Республикасынын Конституциясын жана мыйзамдарын, КМШнын Демократиялык шайлоолордун стандарттары жөнүндө конвенциясын сактоого;',
      'бейтараптуулукту жана калыстыкты сактоого;',
      'шайлоо процессинин эч бир баскычына кийлигишпөөгө;',
      'корутундуларын фактыларга негиздөөгө;',
      'добуш берүү аяктаганга чейин ачык баа бербөөгө;',
      'статусун байкоодон башка максатта пайдаланбоого (4.6-пункт) жана үгүт жүргүзбөөгө (22.15-берене).',
    ],
    closing: 'Байкоочуну жөнөтүүгө кеткен чыгымдарды жөнөтүүчү уюм же байкоочу өзү көтөрөт (4.2-пункт).',
  },
  ru: {
    title: 'Памятка международному наблюдателю',
    rightsHeading: 'Наблюдатель вправе (п. 4.4 Положения):',
    rights: [
      'свободно передвигаться и находиться на любом избирательном участке;',
      'иметь сопровождающего переводчика;',
      'публично выражать своё мнение и проводить пресс-конференции;',
      'фотографировать, вести видео- и аудиозапись, не нарушая тайну голосования;',
      'носить нагрудный знак с указанием статуса, фамилии и организации, без агитационной символики;',
      'наблюдать за формированием избирательных комиссий, составлением списков избирателей, регистрацией избирателей и информационным обеспечением выборов;',
      'встречаться с избирателями, кандидатами и политическими партиями;',
      'присутствовать на заседаниях избирательных комиссий (ст. 8.2 Конституционного закона);',
      'знакомиться с избирательными документами и получать их копии;',
      'знакомиться по запросу с итогами голосования по каждому избирательному участку (ст. 39.1).',
    ],
    dutiesHeading: 'Наблюдатель обязан (п. 4.5 Положения):',
    duties: [
      'соблюдать Конституцию и законы Кыргызской Республики, Конвенцию СНГ о стандартах демократических выборов;',
      'соблюдать нейтральность и беспристрастность;',
      'не вмешиваться в избирательный процесс ни на одной его стадии;',
      'основывать свои выводы на фактах;',
      'не давать публичных оценок до окончания голосования;',
      'не использовать свой статус в иных целях, кроме наблюдения (п. 4.6), и не вести агитацию (ст. 22.15).',
    ],
    closing: 'Расходы на направление наблюдателя несёт направившая организация или сам наблюдатель (п. 4.2).',
  },
  en: {
    title: 'Memo to the international observer',
    rightsHeading: 'The observer may (clause 4.4 of the Regulation):',
    rights: [
      'move freely and be present at any polling station;',
      'have an accompanying interpreter;',
      'express opinions publicly and hold press conferences;',
      'photograph, film and record without breaking the secrecy of the vote;',
      'wear a badge showing status, name and organization, with no campaign signs;',
      'observe the forming of election commissions, the compiling of voter lists, voter registration and information support of the election;',
      'meet voters, candidates and political parties;',
      'attend sessions of election commissions (Art. 8.2 of the Constitutional Law);',
      'see election documents and receive copies of them;',
      'see the results of the vote at each polling station on request (Art. 39.1).',
    ],
    dutiesHeading: 'The observer must (clause 4.5 of the Regulation):',
    duties: [
      'respect the Constitution and laws of the Kyrgyz Republic and the CIS Convention on the Standards of Democratic Elections;',
      'stay neutral and impartial;',
      'not interfere in the electoral process at any stage;',
      'base conclusions on facts;',
      'make no public assessment before voting ends;',
      'use the status for observation only (clause 4.6) and not campaign (Art. 22.15).',
    ],
    closing: 'The costs of sending the observer are borne by the sending organization or the observer (clause 4.2).',
  },
};
