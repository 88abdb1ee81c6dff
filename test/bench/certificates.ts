/**
 * Rendering 300 certificates (3.4) with the product's renderer against bare pdf-lib drawing the
 * same pages in the same run. Target: ratio ≤ 1.3.
 *
 * The baseline is exact: while the renderer draws a certificate, every drawing call it makes on a page
 * is recorded (text, lines, shapes, the QR path, the photo), and bare pdf-lib then makes the same calls
 * on a fresh document: create, register fontkit, embed the two DejaVu fonts as subsets and the photo,
 * add the pages, replay, save. So the ratio is the price of everything the renderer adds (layout,
 * wrapping, fitting, QR encoding, its font handling), with the PDF work itself on both sides.
 * Recording costs a push per call and is counted on the renderer's side (it can only raise the ratio).
 * A second, informative, result gives bare pdf-lib the renderer's parsed-font cache too, isolating the
 * layout work. BENCH_CERTIFICATES sets the count (default 300: six alternating chunks of 50 give a
 * stable ratio; every certificate is drawn three times, so 1,000 took minutes).
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFImage, PDFPage } from 'pdf-lib';
import type { Benchmark, BenchContext, BenchResult } from './harness';
import { resultOf, round } from './harness';

type Method = 'drawText' | 'drawRectangle' | 'drawLine' | 'drawCircle' | 'drawSvgPath' | 'drawImage' | 'pushOperators';
const METHODS: Method[] = [
  'drawText',
  'drawRectangle',
  'drawLine',
  'drawCircle',
  'drawSvgPath',
  'drawImage',
  'pushOperators',
];

interface Op {
  page: number;
  method: Method;
  args: unknown[];
}

interface Recording {
  pages: [number, number][];
  ops: Op[];
  fonts: PDFFont[];
  image: PDFImage | null;
}

/** Records the drawing calls made on pages while `fn` runs. */
async function record<T>(fn: () => Promise<T>): Promise<{ result: T; recording: Recording }> {
  const proto = PDFPage.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = new Map(METHODS.map((m) => [m, proto[m]!]));
  const pages: PDFPage[] = [];
  const recording: Recording = { pages: [], ops: [], fonts: [], image: null };
  for (const m of METHODS) {
    const original = originals.get(m)!;
    proto[m] = function (this: PDFPage, ...args: unknown[]) {
      let index = pages.indexOf(this);
      if (index < 0) {
        index = pages.push(this) - 1;
        const { width, height } = this.getSize();
        recording.pages.push([width, height]);
      }
      recording.ops.push({ page: index, method: m, args });
      return original.apply(this, args);
    };
  }
  try {
    const result = await fn();
    return { result, recording };
  } finally {
    for (const [m, original] of originals) proto[m] = original;
  }
}

/** The font or image objects of the recorded document, to be swapped for the replaying document's own. */
function collectResources(rec: Recording) {
  const fonts: PDFFont[] = [];
  let image: PDFImage | null = null;
  for (const op of rec.ops) {
    const opts = op.args[1] as { font?: PDFFont } | undefined;
    if (opts?.font && !fonts.includes(opts.font)) fonts.push(opts.font);
    if (op.method === 'drawImage') image = op.args[0] as PDFImage;
  }
  rec.fonts = fonts;
  rec.image = image;
}

interface ReplayInput {
  rec: Recording;
  fontBytes: Uint8Array[];
  photo: Uint8Array;
  fontkit: Parameters<PDFDocument['registerFontkit']>[0];
}

/** Bare pdf-lib: the same calls on a fresh document. */
async function replay({ rec, fontBytes, photo, fontkit: fk }: ReplayInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fk);
  const fonts = await Promise.all(fontBytes.map((b) => doc.embedFont(b, { subset: true })));
  const image = rec.image ? await doc.embedJpg(photo) : null;
  const pages = rec.pages.map((size) => doc.addPage(size));
  for (const op of rec.ops) {
    const page = pages[op.page]!;
    let args = op.args;
    if (op.method === 'drawImage') args = [image, op.args[1]];
    else if (op.method === 'drawText') {
      const o = op.args[1] as { font: PDFFont };
      args = [op.args[0], { ...o, font: fonts[rec.fonts.indexOf(o.font)] }];
    }
    (page[op.method] as (...a: unknown[]) => unknown).apply(page, args);
  }
  doc.setTitle('International observer certificate');
  doc.setAuthor('Central Commission for Elections and Referendums of the Kyrgyz Republic');
  return doc.save();
}

const FAMILY = ['Ongarbaeva', 'Müller', 'Kowalski', 'Tanaka', 'Dubois', 'Rossi', 'Nielsen', 'Okafor'];
const FAMILY_CY = ['Өңгарбаева', 'Мюллер', 'Ковальски', 'Танака', 'Дюбуа', 'Росси', 'Нильсен', 'Окафор'];
const GIVEN = ['Umut', 'Anna Maria', 'Piotr', 'Hiro', 'Claire', 'Luca', 'Freja', 'Chidi'];
const GIVEN_CY = ['Үмүт Ңуровна', 'Анна Мария', 'Пётр', 'Хиро', 'Клэр', 'Лука', 'Фрея', 'Чиди'];
const ORGS = [
  { original: 'OSCE Office for Democratic Institutions and Human Rights', ru: 'ОБСЕ/БДИПЧ' },
  { original: 'CIS Executive Committee', ru: 'Исполнительный комитет СНГ' },
  { original: 'Central Election Commission of the Republic of Poland' },
];
const COUNTRIES = ['PL', 'DE', 'JP', 'FR', 'IT', 'DK', 'NG', 'KZ'];

export const benchmark: Benchmark = {
  name: 'certificates',
  needs: [],
  async run(ctx: BenchContext): Promise<BenchResult[]> {
    const { renderCertificate } = await import('#pdf/certificate');
    const { fontBytes, sharedFontkit } = await import('#pdf/fonts');
    const { verificationUrl } = await import('#pdf/verification');
    const jpeg = (await import('jpeg-js')).default;
    const n = Math.max(10, Number(process.env.BENCH_CERTIFICATES ?? 300) || 300);
    const chunk = Math.min(50, n);
    // A 300 × 400 JPEG, the smallest photo intake accepts (3.1).
    const pixels = Buffer.alloc(300 * 400 * 4);
    for (let p = 0; p < pixels.length; p += 4) pixels.set([200 + (p % 50), 190, 170, 255], p);
    const photo = new Uint8Array(jpeg.encode({ data: pixels, width: 300, height: 400 }, 85).data);
    const electionId = '01JBENCHELECTION0000007QXA';
    const data = (i: number) => ({
      number: `2027-PR-7QXA-${String(i).padStart(5, '0')}`,
      election: {
        id: electionId,
        name: {
          ky: 'Кыргыз Республикасынын Президентин шайлоо',
          ru: 'Выборы Президента Кыргызской Республики',
          en: 'Presidential election of the Kyrgyz Republic',
        },
      },
      person: {
        familyNameLatin: FAMILY[i % FAMILY.length]!,
        givenNamesLatin: GIVEN[i % GIVEN.length]!,
        familyNameCyrillic: FAMILY_CY[i % FAMILY_CY.length]!,
        givenNamesCyrillic: GIVEN_CY[i % GIVEN_CY.length]!,
      },
      organization: { name: ORGS[i % ORGS.length]!, country: COUNTRIES[i % COUNTRIES.length]! },
      issuedOn: '2027-03-01',
      verifyUrl: verificationUrl(
        electionId,
        `2027-PR-7QXA-${String(i).padStart(5, '0')}`,
        'https://api.shailoo.gov.kg',
        'bench-secret',
      ),
      photo,
    });
    const bytes = fontBytes();
    const fontList = [bytes.regular, bytes.bold];

    // Warm-up (JIT, font files read, parsed-font cache, memo layout), untimed.
    for (let i = 0; i < 5; i++) {
      const { recording } = await record(() => renderCertificate(data(i)));
      collectResources(recording);
      await replay({ rec: recording, fontBytes: fontList, photo, fontkit });
      await replay({ rec: recording, fontBytes: fontList, photo, fontkit: sharedFontkit });
    }

    let ours = 0;
    let bare = 0;
    let bareShared = 0;
    let ourBytes = 0;
    let bareBytes = 0;
    for (let start = 0; start < n; start += chunk) {
      const recs: Recording[] = [];
      const t = performance.now();
      for (let i = start; i < Math.min(n, start + chunk); i++) {
        const { result, recording } = await record(() => renderCertificate(data(i)));
        ourBytes += result.length;
        recs.push(recording);
      }
      ours += performance.now() - t;
      for (const r of recs) collectResources(r);
      // The two baselines take turns going first, so that drift weighs on both alike.
      const bareRun = async () => {
        const t0 = performance.now();
        for (const rec of recs) bareBytes += (await replay({ rec, fontBytes: fontList, photo, fontkit })).length;
        bare += performance.now() - t0;
      };
      const sharedRun = async () => {
        const t0 = performance.now();
        for (const rec of recs) await replay({ rec, fontBytes: fontList, photo, fontkit: sharedFontkit });
        bareShared += performance.now() - t0;
      };
      if ((start / chunk) % 2 === 0) {
        await bareRun();
        await sharedRun();
      } else {
        await sharedRun();
        await bareRun();
      }
      if ((start / chunk) % 5 === 4)
        ctx.log(
          `  ${start + chunk} certificates: ours ${round(ours / (start + chunk))} ms each, bare ${round(bare / (start + chunk))} ms`,
        );
    }
    const per = (ms: number) => ms / n;
    ctx.log(
      `  ${n} certificates: renderer ${round(ours / 1000, 2)} s (${round(per(ours))} ms each, ${round(ourBytes / n / 1024)} KiB), bare pdf-lib ${round(bare / 1000, 2)} s (${round(per(bare))} ms each, ${round(bareBytes / n / 1024)} KiB), bare with parsed-font cache ${round(bareShared / 1000, 2)} s`,
    );
    return [
      resultOf({
        name: `certificates: render ${n} (vs bare pdf-lib, same pages)`,
        figure: ours,
        unit: 'ms',
        baseline: bare,
        baselineName: 'bare pdf-lib',
        target: { ratioAtMost: 1.3 },
        notes: `${round(per(ours))} ms per certificate with photo and QR; bare pdf-lib ${round(per(bare))} ms`,
      }),
      resultOf({
        name: `certificates: render ${n} (vs bare pdf-lib sharing the parsed fonts)`,
        figure: ours,
        unit: 'ms',
        baseline: bareShared,
        baselineName: 'bare pdf-lib + font cache',
        target: { none: true },
        notes: 'isolates the layout work: both sides parse each font file once per process',
      }),
    ];
  },
};
