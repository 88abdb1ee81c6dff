/**
 * The international observer's certificate of the standard form (Regulation 3.4): an A5 landscape
 * card. Page 1: the Commission's heading, the title in Kyrgyz, Russian and English, the certificate
 * number (unique per election), photo, names in Latin and Cyrillic, organization, country, election,
 * "valid until the official publication of the results" (3.5, 3.7) and a QR code of the signed
 * verification link. Page 2: the memo of the observer's rights and duties (4.3 to 4.6).
 * Pure: data in, PDF bytes out; no I/O besides the font files read once.
 */
import {
  type PDFFont,
  type PDFImage,
  type PDFPage,
  PDFDocument,
  type RGB,
  clip,
  endPath,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
} from 'pdf-lib';
import type { Labels, Lang } from '#domain/grounds';
import { countryName, formatDate } from '#i18n/format';
import { CEC_NAME, CERTIFICATE_TITLE, REPEAT_VOTING_NOTE, SHOW_WITH_ID, VALID_UNTIL_RESULTS } from '#i18n/institution';
import { MEMO } from '#i18n/memo';
import { fontBytes, sharedFontkit } from './fonts';
import { qrPath } from './qr';

export interface CertificateData {
  number: string;
  election: { id: string; name: Labels };
  person: {
    familyNameLatin: string;
    givenNamesLatin: string;
    familyNameCyrillic: string;
    givenNamesCyrillic: string;
  };
  organization: { name: { original: string; ru?: string; en?: string }; country: string };
  /** The Bishkek day of the accreditation (3.3). */
  issuedOn: string;
  verifyUrl: string;
  /** JPEG or PNG bytes of the person's photo (3.1); a blank frame when absent. */
  photo?: Uint8Array | null;
}

/** A5 landscape, in points. */
export const PAGE = { width: 595.28, height: 419.53 } as const;

const BLUE = rgb(0.043, 0.239, 0.431);
const RED = rgb(0.91, 0.067, 0.176);
const GOLD = rgb(1, 0.937, 0);
const GREY = rgb(0.36, 0.38, 0.42);
const INK = rgb(0.08, 0.08, 0.1);
const TINT = rgb(0.965, 0.975, 0.99);
const LANGS: readonly Lang[] = ['ky', 'ru', 'en'];

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/*
 * Wrapping is measured once per string, size and width for the life of the container: the fonts are
 * always the same files, so a width measured in one document holds in every other (the memo and the
 * fixed wording are the same on every certificate).
 */
const wrapCache = new Map<string, string[]>();

function wrap(text: string, font: PDFFont, bold: boolean, size: number, width: number): string[] {
  const key = `${bold ? 'b' : 'r'}|${size}|${width}|${text}`;
  const hit = wrapCache.get(key);
  if (hit) return hit;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (!line || font.widthOfTextAtSize(candidate, size) <= width) {
      line = candidate;
    } else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (wrapCache.size > 5000) wrapCache.clear();
  wrapCache.set(key, lines);
  return lines;
}

/** The largest size up to `max` at which the text fits on one line. */
function fitSize(text: string, font: PDFFont, max: number, width: number): number {
  const w = font.widthOfTextAtSize(text, max);
  return w <= width ? max : Math.floor((max * width * 10) / w) / 10;
}

function centered(
  page: PDFPage,
  text: string,
  y: number,
  font: PDFFont,
  size: number,
  color: RGB,
  cx = PAGE.width / 2,
) {
  page.drawText(text, { x: cx - font.widthOfTextAtSize(text, size) / 2, y, size, font, color });
}

/** Distinct values only: "Германия / Germany" rather than "Германия / Германия / Germany". */
function distinct(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}

/** The flag of the Kyrgyz Republic, drawn small: red field, golden sun of 40 rays with the tunduk. */
let sunPathCache: string | undefined;
function sunPath(): string {
  if (sunPathCache) return sunPathCache;
  const parts: string[] = [];
  const rays = 40;
  for (let i = 0; i < rays; i++) {
    const a = (i / rays) * Math.PI * 2;
    const a1 = a - Math.PI / rays / 1.6;
    const a2 = a + Math.PI / rays / 1.6;
    const p = (r: number, t: number) => `${(r * Math.cos(t)).toFixed(3)} ${(r * Math.sin(t)).toFixed(3)}`;
    parts.push(`M${p(0.6, a1)}L${p(1, a)}L${p(0.6, a2)}Z`);
  }
  sunPathCache = parts.join('');
  return sunPathCache;
}

function drawFlag(page: PDFPage, x: number, y: number, w: number) {
  const h = w * 0.6;
  page.drawRectangle({ x, y, width: w, height: h, color: RED });
  const cx = x + w / 2;
  const cy = y + h / 2;
  const r = h * 0.4;
  page.drawSvgPath(sunPath(), { x: cx, y: cy, scale: r, color: GOLD });
  page.drawCircle({ x: cx, y: cy, size: r * 0.6, color: GOLD });
  page.drawCircle({ x: cx, y: cy, size: r * 0.48, color: RED });
  page.drawCircle({ x: cx, y: cy, size: r * 0.4, color: GOLD });
  // The tunduk: the crown of the yurt, three crossing bands in red.
  const t = r * 0.4;
  for (const dy of [-t * 0.35, 0, t * 0.35]) {
    page.drawLine({
      start: { x: cx - t * 0.9, y: cy + dy },
      end: { x: cx + t * 0.9, y: cy + dy },
      thickness: r * 0.07,
      color: RED,
    });
  }
  for (const dx of [-t * 0.35, 0, t * 0.35]) {
    page.drawLine({
      start: { x: cx + dx, y: cy - t * 0.9 },
      end: { x: cx + dx, y: cy + t * 0.9 },
      thickness: r * 0.07,
      color: RED,
    });
  }
}

function frame(page: PDFPage) {
  const { width, height } = PAGE;
  page.drawRectangle({
    x: 12,
    y: 12,
    width: width - 24,
    height: height - 24,
    color: TINT,
    borderColor: BLUE,
    borderWidth: 2,
  });
  page.drawRectangle({ x: 16.5, y: 16.5, width: width - 33, height: height - 33, borderColor: BLUE, borderWidth: 0.5 });
}

function drawPhoto(page: PDFPage, image: PDFImage | null, x: number, top: number, w: number, h: number, f: Fonts) {
  page.drawRectangle({ x, y: top - h, width: w, height: h, color: rgb(1, 1, 1) });
  if (image) {
    // Cover the frame, centred, clipped to it (passport-photo crop).
    const scale = Math.max(w / image.width, h / image.height);
    const iw = image.width * scale;
    const ih = image.height * scale;
    page.pushOperators(pushGraphicsState(), rectangle(x, top - h, w, h), clip(), endPath());
    page.drawImage(image, { x: x + (w - iw) / 2, y: top - h + (h - ih) / 2, width: iw, height: ih });
    page.pushOperators(popGraphicsState());
  } else {
    centered(page, 'ФОТО / PHOTO', top - h / 2, f.regular, 7, GREY, x + w / 2);
  }
  page.drawRectangle({ x, y: top - h, width: w, height: h, borderColor: BLUE, borderWidth: 0.8 });
}

function label(page: PDFPage, f: Fonts, text: string, x: number, y: number) {
  page.drawText(text, { x, y, size: 6, font: f.regular, color: GREY });
}

function firstPage(doc: PDFDocument, d: CertificateData, f: Fonts, photo: PDFImage | null) {
  const page = doc.addPage([PAGE.width, PAGE.height]);
  const { width, height } = PAGE;
  frame(page);

  // Heading: the Commission, in the state language first (capitals, as on the Commission's forms).
  drawFlag(page, 30, height - 56, 40);
  const headWidth = width - 2 * 84;
  const ky = CEC_NAME.ky.toUpperCase();
  centered(page, ky, height - 37, f.bold, fitSize(ky, f.bold, 8.4, headWidth), BLUE);
  const ru = CEC_NAME.ru.toUpperCase();
  centered(page, ru, height - 47, f.regular, fitSize(ru, f.regular, 7, headWidth), BLUE);
  const en = CEC_NAME.en.toUpperCase();
  centered(page, en, height - 56, f.regular, fitSize(en, f.regular, 7, headWidth), BLUE);
  page.drawLine({
    start: { x: 28, y: height - 66 },
    end: { x: width - 28, y: height - 66 },
    thickness: 1.6,
    color: RED,
  });
  page.drawLine({
    start: { x: 28, y: height - 69 },
    end: { x: width - 28, y: height - 69 },
    thickness: 0.6,
    color: BLUE,
  });

  // Title (3.4) and number.
  centered(page, CERTIFICATE_TITLE.ky.toUpperCase(), height - 90, f.bold, 15, BLUE);
  centered(page, CERTIFICATE_TITLE.ru.toUpperCase(), height - 104, f.bold, 9.5, BLUE);
  centered(page, CERTIFICATE_TITLE.en.toUpperCase(), height - 116, f.bold, 9.5, BLUE);
  centered(page, `№ ${d.number}`, height - 136, f.bold, 13, RED);

  // Photo, left.
  const top = height - 150;
  drawPhoto(page, photo, 34, top, 90, 120, f);

  // QR code of the signed verification link, right.
  const qr = qrPath(d.verifyUrl);
  const qrSide = 104;
  const quiet = 2;
  const module = qrSide / (qr.size + 2 * quiet);
  const qx = width - 34 - qrSide;
  page.drawRectangle({ x: qx, y: top - qrSide, width: qrSide, height: qrSide, color: rgb(1, 1, 1) });
  page.drawSvgPath(qr.path, { x: qx + quiet * module, y: top - quiet * module, scale: module, color: INK });
  for (const [i, t] of ['Аныктыгын текшерүү', 'Проверка подлинности', 'Verification'].entries()) {
    centered(page, t, top - qrSide - 9 - i * 7.5, f.regular, 6, GREY, qx + qrSide / 2);
  }

  // Fields, middle.
  const x = 138;
  const w = qx - 12 - x;
  let y = top - 6;
  const field = (title: string, lines: { text: string; size: number; bold?: boolean; color?: RGB }[], gap = 11) => {
    label(page, f, title, x, y);
    y -= 2.5;
    for (const l of lines) {
      const font = l.bold ? f.bold : f.regular;
      for (const wrapped of wrap(l.text, font, !!l.bold, l.size, w)) {
        y -= l.size + 1.5;
        page.drawText(wrapped, { x, y, size: l.size, font, color: l.color ?? INK });
      }
    }
    y -= gap;
  };
  const p = d.person;
  field('Аты-жөнү / Фамилия, имя / Name', [
    { text: `${p.familyNameLatin.toUpperCase()} ${p.givenNamesLatin}`, size: 12, bold: true },
    { text: `${p.familyNameCyrillic.toUpperCase()} ${p.givenNamesCyrillic}`, size: 11, bold: true },
  ]);
  const org = d.organization.name;
  field('Уюм / Организация / Organization', [
    { text: distinct([org.original, org.ru ?? '', org.en ?? '']).join(' / '), size: 9, bold: true },
  ]);
  field('Өлкө / Страна / Country', [
    {
      text: distinct(LANGS.map((l) => countryName(d.organization.country, l))).join(' / '),
      size: 9,
      bold: true,
    },
  ]);
  field(
    'Шайлоо / Выборы / Election',
    distinct(LANGS.map((l) => d.election.name[l])).map((text) => ({ text, size: 8, bold: true })),
  );
  field(
    'Жарактуулук мөөнөтү / Срок действия / Validity',
    LANGS.map((l) => ({ text: VALID_UNTIL_RESULTS[l], size: 7.5, bold: true, color: BLUE })),
    0,
  );

  // Foot: issue date, signature, seal.
  const issued = `Берилди / Выдано / Issued: ${formatDate(d.issuedOn, 'ru')} (${d.issuedOn})`;
  page.drawText(issued, { x: 34, y: 40, size: 6.5, font: f.regular, color: INK });
  const sx = 250;
  page.drawLine({ start: { x: sx, y: 48 }, end: { x: sx + 150, y: 48 }, thickness: 0.5, color: INK });
  for (const [i, t] of [
    'Борбордук комиссиянын төрагасы',
    'Председатель Центральной комиссии',
    'Chairperson of the Central Commission',
  ].entries()) {
    centered(page, t, 40 - i * 7, f.regular, 5.8, GREY, sx + 75);
  }
  page.drawCircle({ x: width - 86, y: 46, size: 20, borderColor: BLUE, borderWidth: 0.5, borderDashArray: [2, 2] });
  centered(page, 'М.О. / М.П.', 44, f.regular, 5.5, GREY, width - 86);
}

interface MemoLine {
  text: string;
  x: number;
  bold: boolean;
  size: number;
  color: RGB;
  /** Extra space before the line. */
  before: number;
}

/** The lines of one language's memo at a font size, positioned in x; y follows from the leading. */
function memoLines(lang: Lang, f: Fonts, size: number, colW: number): MemoLine[] {
  const m = MEMO[lang];
  const lines: MemoLine[] = [];
  const headSize = size + 0.5;
  const indent = size * 2;
  const block = (text: string, opts: { bold: boolean; size: number; color: RGB; before: number; x?: number }) => {
    const font = opts.bold ? f.bold : f.regular;
    const width = colW - (opts.x ?? 0);
    for (const [i, t] of wrap(text, font, opts.bold, opts.size, width).entries()) {
      lines.push({
        text: t,
        x: opts.x ?? 0,
        bold: opts.bold,
        size: opts.size,
        color: opts.color,
        before: i === 0 ? opts.before : 0,
      });
    }
  };
  const items = (list: string[]) => {
    for (const [i, item] of list.entries()) {
      const n = `${i + 1}.`;
      // The number shares the y of the item's first line (before: -1), right-aligned before the indent.
      lines.push({
        text: n,
        x: indent - 1.5 - f.regular.widthOfTextAtSize(n, size),
        bold: false,
        size,
        color: INK,
        before: -1,
      });
      block(item, { bold: false, size, color: INK, before: 0, x: indent });
    }
  };
  block(m.title.toUpperCase(), { bold: true, size: headSize, color: BLUE, before: 0 });
  block(m.rightsHeading, { bold: true, size: headSize, color: BLUE, before: 3 });
  items(m.rights);
  block(m.dutiesHeading, { bold: true, size: headSize, color: BLUE, before: 3 });
  items(m.duties);
  block(m.closing, { bold: false, size, color: GREY, before: 3 });
  block(`${SHOW_WITH_ID[lang]}. ${REPEAT_VOTING_NOTE[lang]} (3.7).`, { bold: true, size, color: INK, before: 3 });
  return lines;
}

/** Height of a column; a line with `before: -1` shares the y of the line after it (an item's number). */
function columnHeight(lines: MemoLine[], lead: (size: number) => number): number {
  return lines.reduce((h, l) => (l.before < 0 ? h : h + l.before + lead(l.size)), 0);
}

/** The memo is the same on every certificate: laid out once per container. */
let memoColumns: MemoLine[][] | undefined;

function memoPage(doc: PDFDocument, d: CertificateData, f: Fonts) {
  const page = doc.addPage([PAGE.width, PAGE.height]);
  const { width, height } = PAGE;
  frame(page);
  centered(page, `${MEMO.ky.title} / ${MEMO.ru.title} / ${MEMO.en.title}`, height - 34, f.bold, 8.5, BLUE);
  centered(page, `№ ${d.number}`, height - 45, f.regular, 7, RED);

  const left = 28;
  const gutter = 12;
  const colW = (width - 2 * left - 2 * gutter) / 3;
  const top = height - 60;
  const bottom = 46;
  const lead = (size: number) => size * 1.2;
  // The largest size at which every language fits above the footer (Kyrgyz is the longest).
  if (!memoColumns) {
    let size = 6.4;
    let columns = LANGS.map((l) => memoLines(l, f, size, colW));
    while (size > 4.6 && Math.max(...columns.map((c) => columnHeight(c, lead))) > top - bottom) {
      size = Math.round((size - 0.2) * 10) / 10;
      columns = LANGS.map((l) => memoLines(l, f, size, colW));
    }
    memoColumns = columns;
  }
  memoColumns.forEach((lines, col) => {
    const x0 = left + col * (colW + gutter);
    let y = top;
    for (const l of lines) {
      if (l.before >= 0) y -= l.before;
      page.drawText(l.text, { x: x0 + l.x, y, size: l.size, font: l.bold ? f.bold : f.regular, color: l.color });
      if (l.before >= 0) y -= lead(l.size);
    }
  });
  for (const x of [left + colW + gutter / 2, left + 2 * colW + 1.5 * gutter]) {
    page.drawLine({ start: { x, y: top + 8 }, end: { x, y: bottom }, thickness: 0.3, color: GREY });
  }

  // The verification link in writing too, for whoever cannot scan the code.
  const url = d.verifyUrl;
  const urlSize = fitSize(url, f.regular, 6, width - 2 * left);
  page.drawLine({ start: { x: left, y: 40 }, end: { x: width - left, y: 40 }, thickness: 0.5, color: BLUE });
  page.drawText('Текшерүү / Проверка / Verification:', { x: left, y: 31, size: 6, font: f.bold, color: BLUE });
  page.drawText(url, { x: left, y: 23, size: urlSize, font: f.regular, color: INK });
}

function isPng(bytes: Uint8Array): boolean {
  return bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
}

function isJpeg(bytes: Uint8Array): boolean {
  return bytes[0] === 0xff && bytes[1] === 0xd8;
}

export async function renderCertificate(d: CertificateData): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(sharedFontkit);
  const bytes = fontBytes();
  const [regular, bold] = await Promise.all([
    doc.embedFont(bytes.regular, { subset: true }),
    doc.embedFont(bytes.bold, { subset: true }),
  ]);
  const f: Fonts = { regular, bold };
  let photo: PDFImage | null = null;
  if (d.photo && d.photo.length > 0) {
    // pdf-lib reads the image through its ArrayBuffer: a view into a pooled Buffer must be copied out.
    const bytes =
      d.photo.byteOffset === 0 && d.photo.byteLength === d.photo.buffer.byteLength ? d.photo : new Uint8Array(d.photo);
    if (isJpeg(bytes)) photo = await doc.embedJpg(bytes);
    else if (isPng(bytes)) photo = await doc.embedPng(bytes);
  }
  const name = `${d.person.familyNameLatin} ${d.person.givenNamesLatin}`;
  doc.setTitle(`${CERTIFICATE_TITLE.en} No. ${d.number}: ${name}`);
  doc.setSubject(`${CERTIFICATE_TITLE.ru} № ${d.number}`);
  doc.setAuthor(CEC_NAME.en);
  doc.setCreator('cec-observers');
  doc.setProducer('cec-observers (pdf-lib)');
  doc.setLanguage('ky');
  doc.setKeywords([d.number, d.election.id]);
  firstPage(doc, d, f, photo);
  memoPage(doc, d, f);
  return doc.save();
}
