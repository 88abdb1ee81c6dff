/**
 * Rendering the act of a resolution of 1,000 people (3.3) against bare pdf-lib drawing its annex
 * table alone, in the same run. Target: ratio ≤ 1.5.
 *
 * The baseline is exact: while the product renders the whole document (both language versions of the
 * text, the annex with its headings repeated per page, footers), every drawing call on the annex's
 * pages is recorded; bare pdf-lib then makes the same calls on a fresh document (create, register
 * fontkit, embed the two DejaVu fonts as subsets, add the pages, replay, save). So the ratio is the
 * price of the whole act (text pages, layout, wrapping, the people's data turned into rows) over the
 * table's own PDF work. Rounds alternate the two sides; the figure is the median per-round ratio.
 * BENCH_RESOLUTION_PEOPLE sets the count (default 1000).
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, PDFPage } from 'pdf-lib';
import type { Benchmark, BenchContext, BenchResult } from './harness';
import { compareTimes, resultOf, round } from './harness';

type Method = 'drawText' | 'drawRectangle' | 'drawLine';
const METHODS: Method[] = ['drawText', 'drawRectangle', 'drawLine'];

interface Op {
  page: number;
  method: Method;
  args: unknown[];
}
interface Recording {
  pages: { size: [number, number]; annex: boolean }[];
  ops: Op[];
}

/** Records the drawing calls made on pages while `fn` runs; `annexFrom` marks which pages are the annex. */
async function record<T>(fn: () => Promise<T>): Promise<{ result: T; recording: Recording }> {
  const proto = PDFPage.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = new Map(METHODS.map((m) => [m, proto[m]!]));
  const pages: PDFPage[] = [];
  const recording: Recording = { pages: [], ops: [] };
  for (const m of METHODS) {
    const original = originals.get(m)!;
    proto[m] = function (this: PDFPage, ...args: unknown[]) {
      let index = pages.indexOf(this);
      if (index < 0) {
        index = pages.push(this) - 1;
        const { width, height } = this.getSize();
        recording.pages.push({ size: [width, height], annex: false });
      }
      recording.ops.push({ page: index, method: m, args });
      return original.apply(this, args);
    };
  }
  try {
    return { result: await fn(), recording };
  } finally {
    for (const [m, original] of originals) proto[m] = original;
  }
}

/** Bare pdf-lib: the annex pages' calls on a fresh document (fonts swapped for its own). */
async function replayAnnex(rec: Recording, fontFiles: Uint8Array[], fonts: PDFFont[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const own = await Promise.all(fontFiles.map((b) => doc.embedFont(b, { subset: true })));
  const pages = new Map<number, PDFPage>();
  rec.pages.forEach((p, i) => {
    if (p.annex) pages.set(i, doc.addPage(p.size));
  });
  for (const op of rec.ops) {
    const page = pages.get(op.page);
    if (!page) continue;
    let args = op.args;
    if (op.method === 'drawText') {
      const o = op.args[1] as { font: PDFFont };
      args = [op.args[0], { ...o, font: own[fonts.indexOf(o.font)] }];
    }
    (page[op.method] as (...a: unknown[]) => unknown).apply(page, args);
  }
  return doc.save();
}

const FAMILY = ['Ongarbaeva', 'Müller', 'Kowalski', 'Tanaka', 'Dubois', 'Rossi', 'Nielsen', 'Okafor'];
const FAMILY_CY = ['ӨҢГАРБАЕВА', 'МЮЛЛЕР', 'КОВАЛЬСКИ', 'ТАНАКА', 'ДЮБУА', 'РОССИ', 'НИЛЬСЕН', 'ОКАФОР'];
const GIVEN = ['Umut', 'Anna Maria', 'Piotr', 'Hiro', 'Claire', 'Luca', 'Freja', 'Chidi'];
const GIVEN_CY = ['Үмүт Ңуровна', 'Анна Мария', 'Пётр', 'Хиро', 'Клэр', 'Лука', 'Фрея', 'Чиди'];
const ORGS = [
  'Бюро по демократическим институтам и правам человека ОБСЕ',
  'Исполнительный комитет СНГ',
  'Central Election Commission of the Republic of Poland',
];
const COUNTRIES = ['PL', 'DE', 'JP', 'FR', 'IT', 'DK', 'NG', 'KZ'];

export const benchmark: Benchmark = {
  name: 'resolution-document',
  needs: [],
  async run(ctx: BenchContext): Promise<BenchResult[]> {
    const { renderResolutionDocument } = await import('#pdf/resolution-document');
    const { fontBytes } = await import('#pdf/fonts');
    const n = Math.max(10, Number(process.env.BENCH_RESOLUTION_PEOPLE ?? 1000) || 1000);
    const accredited = Array.from({ length: n }, (_, i) => ({
      nameLatin: `${FAMILY[i % 8]} ${GIVEN[(i * 3) % 8]}`,
      nameCyrillic: `${FAMILY_CY[i % 8]} ${GIVEN_CY[(i * 3) % 8]}`,
      organization: ORGS[i % ORGS.length]!,
      country: COUNTRIES[i % COUNTRIES.length]!,
      certificateNumber: `2027-PR-7QXA-${String(i + 1).padStart(5, '0')}`,
    }));
    const data = {
      number: '123/4',
      adoptedOn: '2027-03-01',
      kind: 'accreditation' as const,
      election: {
        name: {
          ky: 'Кыргыз Республикасынын Президентин шайлоо',
          ru: 'Выборы Президента Кыргызской Республики',
          en: 'Presidential election of the Kyrgyz Republic',
        },
      },
      accredited,
      refused: [],
      revoked: [],
    };
    // One recording: which calls the annex table makes (pages from the annex heading on).
    const { result, recording } = await record(() => renderResolutionDocument(data));
    const firstAnnex = recording.ops.find(
      (op) => op.method === 'drawText' && String(op.args[0]).startsWith('Тиркеме 1 / Приложение 1'),
    )?.page;
    if (firstAnnex === undefined) throw new Error('the annex was not found in the recording');
    recording.pages.forEach((p, i) => {
      p.annex = i >= firstAnnex;
    });
    const fonts: PDFFont[] = [];
    for (const op of recording.ops) {
      const f = (op.args[1] as { font?: PDFFont } | undefined)?.font;
      if (f && !fonts.includes(f)) fonts.push(f);
    }
    const bytes = fontBytes();
    const fontFiles = [bytes.regular, bytes.bold];
    const annexPages = recording.pages.filter((p) => p.annex).length;
    const cmp = await compareTimes(
      {
        a: () => renderResolutionDocument(data),
        b: () => replayAnnex(recording, fontFiles, fonts),
      },
      { rounds: ctx.rounds, warmup: 1 },
    );
    ctx.log(
      `  act of ${n} people: ${recording.pages.length} pages (${annexPages} of annex), ${round(result.length / 1024)} KiB; product ${round(cmp.a.median)} ms, bare annex ${round(cmp.b.median)} ms`,
    );
    return [
      resultOf({
        name: `resolution document: render ${n} people (vs bare pdf-lib, annex table alone)`,
        figure: cmp.a.median,
        unit: 'ms',
        baseline: cmp.b.median,
        baselineName: 'bare pdf-lib, annex table',
        ratio: cmp.pairedRatio,
        target: { ratioAtMost: 1.5 },
        notes: `median of ${ctx.rounds} paired rounds; ${recording.pages.length} pages, ${annexPages} of them the annex`,
      }),
    ];
  },
};
