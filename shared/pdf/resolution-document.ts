/**
 * The resolution itself (3.3): the legal act the CEC adopts, as a PDF in Kyrgyz and Russian, Kyrgyz
 * first. Its number and date; the preamble citing the clauses it applies (3.3, 3.4, 3.9 and Art. 10
 * for an accreditation, 4.7 for a revocation); the operative part; and the annexes, whose headings are
 * in both languages while names, organizations and numbers are written once:
 * 1. the accredited (name, organization, country, certificate number), in the order of the annex;
 * 2. the refused, each with the ground and its clause (3.4: a refusal is reasoned);
 * or, for a revocation, the people whose accreditation is withdrawn with the reason of 4.7.
 *
 * Pure: the data in, the bytes out. Loading and storing are in ./resolution-documents.ts.
 */
import { REFUSAL_GROUNDS, REVOCATION_REASONS, type Labels } from '#domain/grounds';
import { countryName, formatDate } from '#i18n/format';
import { CEC_NAME, REGULATION } from '#i18n/institution';
import type { IsoDate } from '#domain/time';
import { type Column, PageWriter, newDocument } from './document-layout';

export interface AnnexPerson {
  nameCyrillic: string;
  nameLatin: string;
  organization: string;
  country: string;
  certificateNumber?: string | null;
  /** Refused: the ground applied (3.9, Art. 10, 3.6) and the reviewer's reason. */
  ground?: string | null;
  /** Revoked: the reason of 4.7 and whether the violation was gross. */
  revocationReason?: string | null;
  gross?: boolean;
  reason?: string;
}

export interface ResolutionDocumentData {
  number: string;
  adoptedOn: IsoDate;
  kind: 'accreditation' | 'revocation';
  title?: string | null;
  election: { name: Labels };
  accredited: AnnexPerson[];
  refused: AnnexPerson[];
  revoked: AnnexPerson[];
}

type DocLang = 'ky' | 'ru';

const LAW: Record<DocLang, string> = {
  ky: '«Кыргыз Республикасынын Президентин жана Жогорку Кеңешинин депутаттарын шайлоо жөнүндө» 2011-жылдын 2-июлундагы №68 Конституциялык мыйзамдын',
  ru: 'Конституционного закона Кыргызской Республики от 2 июля 2011 года № 68 «О выборах Президента Кыргызской Республики и депутатов Жогорку Кенеша Кыргызской Республики»',
};

const HEAD: Record<DocLang, { resolution: string; of: (n: string, d: string) => string; decides: string }> = {
  ky: {
    resolution: 'ТОКТОМ',
    of: (n, d) => `№ ${n}, ${d}`,
    decides: 'ТОКТОМ КЫЛАТ:',
  },
  ru: {
    resolution: 'ПОСТАНОВЛЕНИЕ',
    of: (n, d) => `№ ${n} от ${d}`,
    decides: 'ПОСТАНОВЛЯЕТ:',
  },
};

function accreditationText(
  lang: DocLang,
  d: ResolutionDocumentData,
): { title: string; preamble: string; points: string[] } {
  const election = d.election.name[lang];
  const a = d.accredited.length;
  const r = d.refused.length;
  if (lang === 'ky') {
    const points = [
      ...(a > 0
        ? [
            `1-тиркемеде көрсөтүлгөн ${a} эл аралык байкоочу аккредитациялансын жана аларга белгиленген үлгүдөгү күбөлүктөр берилсин (Жобонун 3.3, 3.4-пункттары).`,
          ]
        : []),
      ...(r > 0
        ? [
            `${a > 0 ? '2' : '1'}-тиркемеде көрсөтүлгөн ${r} адамды аккредитациялоодон ошол тиркемеде ар бири үчүн көрсөтүлгөн негиз боюнча баш тартылсын (Жобонун 3.4, 3.9-пункттары, Конституциялык мыйзамдын 10-беренеси).`,
          ]
        : []),
      'Аккредитацияланган эл аралык байкоочулардын тизмеси Борбордук комиссиянын расмий сайтында жарыялансын (Жобонун 3.3-пункту).',
      'Ушул токтом кабыл алынган күндөн тартып күчүнө кирет.',
    ];
    return {
      title: `${election} боюнча эл аралык байкоочуларды аккредитациялоо жөнүндө`,
      preamble: `Эл аралык уюмдардын жана чет мамлекеттердин өкүлдөрүн аккредитациялоо жөнүндө арыздарды карап чыгып, ${LAW.ky} 10-беренесине, ${REGULATION.ky}нун 3.3, 3.4 жана 3.9-пункттарына ылайык, ${CEC_NAME.ky}`,
      points,
    };
  }
  const points = [
    ...(a > 0
      ? [
          `Аккредитовать ${a} международных наблюдателей согласно приложению 1 и выдать им удостоверения установленного образца (пункты 3.3, 3.4 Положения).`,
        ]
      : []),
    ...(r > 0
      ? [
          `Отказать в аккредитации ${r} лицам согласно приложению ${a > 0 ? '2' : '1'} по основаниям, указанным в нём для каждого (пункты 3.4, 3.9 Положения, статья 10 Конституционного закона).`,
        ]
      : []),
    'Опубликовать список аккредитованных международных наблюдателей на официальном сайте Центральной комиссии (пункт 3.3 Положения).',
    'Настоящее постановление вступает в силу со дня принятия.',
  ];
  return {
    title: `Об аккредитации международных наблюдателей на ${election}`,
    preamble: `Рассмотрев заявления об аккредитации представителей международных организаций и иностранных государств, в соответствии со статьёй 10 ${LAW.ru}, пунктами 3.3, 3.4 и 3.9 ${REGULATION.ru.replace('Положение', 'Положения').replace('утверждённое', 'утверждённого')}, ${CEC_NAME.ru}`,
    points,
  };
}

function revocationText(
  lang: DocLang,
  d: ResolutionDocumentData,
): { title: string; preamble: string; points: string[] } {
  const election = d.election.name[lang];
  const n = d.revoked.length;
  if (lang === 'ky') {
    return {
      title: `${election} боюнча эл аралык байкоочуларды аккредитациядан ажыратуу жөнүндө`,
      preamble: `${REGULATION.ky}нун 4.7-пунктуна ылайык, ${CEC_NAME.ky}`,
      points: [
        `Тиркемеде көрсөтүлгөн ${n} эл аралык байкоочу ар бири үчүн көрсөтүлгөн негиз боюнча аккредитациядан ажыратылсын (Жобонун 4.7-пункту); алардын күбөлүктөрү жараксыз деп эсептелсин.`,
        'Аккредитацияланган эл аралык байкоочулардын тизмеси Борбордук комиссиянын расмий сайтында жаңыртылсын (Жобонун 3.3-пункту).',
        'Ушул токтом кабыл алынган күндөн тартып күчүнө кирет.',
      ],
    };
  }
  return {
    title: `О лишении аккредитации международных наблюдателей на ${election}`,
    preamble: `В соответствии с пунктом 4.7 ${REGULATION.ru.replace('Положение', 'Положения').replace('утверждённое', 'утверждённого')}, ${CEC_NAME.ru}`,
    points: [
      `Лишить аккредитации ${n} международных наблюдателей согласно приложению по основаниям, указанным в нём для каждого (пункт 4.7 Положения); их удостоверения считать недействительными.`,
      'Обновить список аккредитованных международных наблюдателей на официальном сайте Центральной комиссии (пункт 3.3 Положения).',
      'Настоящее постановление вступает в силу со дня принятия.',
    ],
  };
}

function body(w: PageWriter, lang: DocLang, d: ResolutionDocumentData): void {
  const t = d.kind === 'revocation' ? revocationText(lang, d) : accreditationText(lang, d);
  w.text(CEC_NAME[lang], { size: 10, bold: true, align: 'center', after: 8 });
  w.text(HEAD[lang].resolution, { size: 14, bold: true, align: 'center', after: 2 });
  w.text(HEAD[lang].of(d.number, formatDate(d.adoptedOn, lang)), { size: 11, align: 'center', after: 4 });
  w.text('Бишкек', { size: 9, align: 'center', after: 10 });
  w.text(d.title ?? t.title, { size: 11, bold: true, align: 'center', after: 10 });
  w.text(t.preamble, { size: 10, after: 6 });
  w.text(HEAD[lang].decides, { size: 10, bold: true, after: 6 });
  t.points.forEach((p, i) => {
    w.text(`${i + 1}. ${p}`, { size: 10, after: 4, indent: 12 });
  });
  w.space(14);
  w.text(lang === 'ky' ? 'Төрага' : 'Председатель', { size: 10, after: 2 });
  w.text(lang === 'ky' ? 'Катчы' : 'Секретарь', { size: 10, after: 10 });
}

const both = (ky: string, ru: string) => `${ky}\n${ru}`;

function country(code: string): string {
  const ky = countryName(code, 'ky');
  const ru = countryName(code, 'ru');
  return ky === ru ? ky : `${ky}\n${ru}`;
}

const personCell = (p: AnnexPerson) => (p.nameCyrillic ? `${p.nameCyrillic}\n${p.nameLatin}` : p.nameLatin);

const NO = { title: '№', width: 26, cell: (_: AnnexPerson, i: number) => String(i + 1) };
const NAME: Column<AnnexPerson> = {
  title: both('Аты-жөнү', 'Фамилия, имя'),
  width: 150,
  cell: personCell,
  boldFirstLine: true,
};
const ORG: Column<AnnexPerson> = { title: both('Уюм', 'Организация'), width: 130, cell: (p) => p.organization };
const COUNTRY: Column<AnnexPerson> = { title: both('Өлкө', 'Страна'), width: 80, cell: (p) => country(p.country) };

/** Heading line of an annex: "Тиркеме 1 / Приложение 1" with the resolution it belongs to. */
function annexHeading(w: PageWriter, d: ResolutionDocumentData, n: number | null, ky: string, ru: string): void {
  w.newPage();
  const num = n === null ? '' : ` ${n}`;
  w.text(`Тиркеме${num} / Приложение${num}`, { size: 10, bold: true, align: 'center', after: 2 });
  w.text(
    `БШКнын № ${d.number} токтомуна (${formatDate(d.adoptedOn, 'ky')}) / к постановлению ЦИК № ${d.number} от ${formatDate(d.adoptedOn, 'ru')}`,
    { size: 8.5, align: 'center', after: 6 },
  );
  w.text(ky, { size: 10, bold: true, align: 'center', after: 1 });
  w.text(ru, { size: 10, bold: true, align: 'center', after: 8 });
}

function groundText(p: AnnexPerson): string {
  const g = p.ground ? REFUSAL_GROUNDS[p.ground as keyof typeof REFUSAL_GROUNDS] : undefined;
  if (!g) return p.ground ?? '';
  const clauseKy = g.clause === 'Art. 10' ? 'Конституциялык мыйзамдын 10-беренеси' : `Жобонун ${g.clause}-пункту`;
  const clauseRu = g.clause === 'Art. 10' ? 'статья 10 Конституционного закона' : `пункт ${g.clause} Положения`;
  return `${g.label.ky} (${clauseKy}) / ${g.label.ru} (${clauseRu})`;
}

function revocationText4_7(p: AnnexPerson): string {
  const r = p.revocationReason ? REVOCATION_REASONS[p.revocationReason as keyof typeof REVOCATION_REASONS] : undefined;
  if (!r) return p.revocationReason ?? '';
  const gross = p.gross ? ' — одоно бузуу / грубое нарушение' : '';
  return `${r.label.ky} / ${r.label.ru} (${r.clause})${gross}`;
}

/**
 * The refused (and the revoked) as blocks, not a table: each person's name, organization and country,
 * then the ground with its clause and the reason in words, full width, so that the act reads in
 * order, person by person, on paper and in a text extract alike.
 */
function reasonedList(w: PageWriter, people: readonly AnnexPerson[], ground: (p: AnnexPerson) => string): void {
  people.forEach((p, i) => {
    w.ensure(48);
    w.text(`${i + 1}. ${p.nameCyrillic ? `${p.nameCyrillic} (${p.nameLatin})` : p.nameLatin}`, { size: 9, bold: true });
    w.text(`${p.organization}; ${countryName(p.country, 'ky')} / ${countryName(p.country, 'ru')}`, {
      size: 8.5,
      indent: 14,
    });
    w.text(`Негиз / Основание: ${ground(p)}`, { size: 8.5, indent: 14 });
    if (p.reason) w.text(`Себеби / Мотив: ${p.reason}`, { size: 8.5, indent: 14 });
    w.space(5);
  });
}

export async function renderResolutionDocument(
  d: ResolutionDocumentData,
  opts: { at: Date } = { at: new Date(`${d.adoptedOn}T00:00:00Z`) },
): Promise<Uint8Array> {
  const { doc, fonts } = await newDocument({
    title: `Постановление ЦИК № ${d.number} от ${formatDate(d.adoptedOn, 'ru')}`,
    subject:
      d.kind === 'revocation' ? 'Лишение аккредитации (п. 4.7)' : 'Аккредитация международных наблюдателей (п. 3.3)',
    author: CEC_NAME.ru,
    lang: 'ky',
    at: opts.at,
  });
  const w = new PageWriter(
    doc,
    fonts,
    (page, pages) => `БШКнын № ${d.number} токтому / Постановление ЦИК № ${d.number} · ${page} / ${pages}`,
  );
  body(w, 'ky', d);
  w.newPage();
  body(w, 'ru', d);

  if (d.kind === 'revocation') {
    annexHeading(
      w,
      d,
      null,
      'Аккредитациядан ажыратылган эл аралык байкоочулар (Жобонун 4.7-пункту)',
      'Международные наблюдатели, лишённые аккредитации (пункт 4.7 Положения)',
    );
    reasonedList(w, d.revoked, revocationText4_7);
    return w.save();
  }
  let annex = 0;
  if (d.accredited.length > 0) {
    annex += 1;
    annexHeading(
      w,
      d,
      annex,
      'Аккредитацияланган эл аралык байкоочулар (Жобонун 3.3, 3.4-пункттары)',
      'Аккредитованные международные наблюдатели (пункты 3.3, 3.4 Положения)',
    );
    w.table<AnnexPerson>(
      [
        NO,
        NAME,
        ORG,
        COUNTRY,
        {
          title: both('Күбөлүк №', 'Удостоверение №'),
          width: w.contentWidth - 386,
          cell: (p) => p.certificateNumber ?? '',
        },
      ],
      d.accredited,
    );
  }
  if (d.refused.length > 0) {
    annex += 1;
    annexHeading(
      w,
      d,
      annex,
      'Аккредитациялоодон баш тартылган адамдар (Жобонун 3.4, 3.9-пункттары, Конституциялык мыйзамдын 10-беренеси)',
      'Лица, которым отказано в аккредитации (пункты 3.4, 3.9 Положения, статья 10 Конституционного закона)',
    );
    reasonedList(w, d.refused, groundText);
  }
  return w.save();
}

/** The clauses the document cites, for the audit entry and the tests. */
export function citedClauses(kind: ResolutionDocumentData['kind']): string[] {
  return kind === 'revocation' ? ['4.7', '3.3'] : ['3.3', '3.4', '3.9', 'Art. 10'];
}
