/**
 * A small page writer over pdf-lib for the Commission's A4 documents (resolutions, the register
 * extract): flowing paragraphs, headings and tables that break across pages.
 *
 * Text must read back exactly as drawn (pdftotext, search, screen readers): the fonts are embedded
 * without ligatures or contextual alternates, so every character is one glyph and the ToUnicode map
 * gives each glyph back its character. Widths are summed from a per-character cache (no kerning is
 * applied, so a string's width is the sum of its characters'), which keeps wrapping a 1,000-row
 * table cheap next to drawing it.
 */
import { type PDFFont, type PDFPage, PDFDocument, rgb } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { fontBytes } from './fonts';

/*
 * Each document parses its fonts afresh (plain fontkit), never a parsed font shared between documents:
 * fontkit caches glyph objects per parsed font, and a glyph first met as a component of a composite
 * while a subset is written (DejaVu draws Cyrillic а е о с А С Н from the Latin ones) is cached
 * without its character; a later document laying out that Latin letter then loses it from its text
 * layer ("Ongarbaeva" read back as "Ong rb v "). A parse per document costs the same on both sides of
 * the benchmark, which parses per document too.
 */
const documentFontkit = fontkit;

export const A4 = { width: 595.28, height: 841.89 } as const;
const MARGIN = { left: 56, right: 40, top: 48, bottom: 48 } as const;
export const INK = rgb(0.1, 0.1, 0.12);
export const MUTED = rgb(0.38, 0.4, 0.45);
const RULE = rgb(0.75, 0.77, 0.8);

/** One glyph per character: no ligatures, no contextual forms, no kerning (see above). */
export const PLAIN_TEXT_FEATURES = {
  liga: false,
  clig: false,
  dlig: false,
  hlig: false,
  calt: false,
  rlig: false,
  kern: false,
} as const;

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

export async function newDocument(meta: {
  title: string;
  subject: string;
  author: string;
  lang: string;
  /** Creation date written in the file; fixed by the caller so that one document renders to one set of bytes. */
  at: Date;
}): Promise<{ doc: PDFDocument; fonts: Fonts }> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(documentFontkit);
  const bytes = fontBytes();
  const [regular, bold] = await Promise.all([
    // Fixed names (pdf-lib would add a random suffix) keep the bytes reproducible.
    doc.embedFont(bytes.regular, { subset: true, features: PLAIN_TEXT_FEATURES, customName: 'DejaVuSans' }),
    doc.embedFont(bytes.bold, { subset: true, features: PLAIN_TEXT_FEATURES, customName: 'DejaVuSans-Bold' }),
  ]);
  doc.setTitle(meta.title);
  doc.setSubject(meta.subject);
  doc.setAuthor(meta.author);
  doc.setCreator('cec-observers');
  doc.setProducer('cec-observers (pdf-lib)');
  doc.setLanguage(meta.lang);
  doc.setCreationDate(meta.at);
  doc.setModificationDate(meta.at);
  return { doc, fonts: { regular, bold } };
}

/** Width of text in a font at a size, from cached per-character advances. */
export class Measure {
  private readonly cache = new Map<PDFFont, Map<string, number>>();

  width(text: string, font: PDFFont, size: number): number {
    let perFont = this.cache.get(font);
    if (!perFont) {
      perFont = new Map();
      this.cache.set(font, perFont);
    }
    let units = 0;
    for (const ch of text) {
      let w = perFont.get(ch);
      if (w === undefined) {
        w = font.widthOfTextAtSize(ch, 1000);
        perFont.set(ch, w);
      }
      units += w;
    }
    return (units * size) / 1000;
  }

  /** Lines of at most `width`, broken at spaces (a word longer than the line is cut by characters). */
  wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const out: string[] = [];
    for (const paragraph of text.split('\n')) {
      if (this.width(paragraph, font, size) <= width) {
        out.push(paragraph);
        continue;
      }
      let line = '';
      for (const word of paragraph.split(' ')) {
        const candidate = line ? `${line} ${word}` : word;
        if (this.width(candidate, font, size) <= width) {
          line = candidate;
          continue;
        }
        if (line) out.push(line);
        line = word;
        while (this.width(line, font, size) > width && line.length > 1) {
          let cut = line.length - 1;
          while (cut > 1 && this.width(line.slice(0, cut), font, size) > width) cut--;
          out.push(line.slice(0, cut));
          line = line.slice(cut);
        }
      }
      out.push(line);
    }
    return out;
  }
}

export interface Column<R> {
  /** Heading (may hold `\n` for a second language). */
  title: string;
  width: number;
  cell: (row: R, index: number) => string;
  /** The first line of the cell in bold (e.g. a name above its Latin spelling). */
  boldFirstLine?: boolean;
}

export interface TextOptions {
  size?: number;
  bold?: boolean;
  align?: 'left' | 'center';
  /** Space after the block, in points. */
  after?: number;
  color?: ReturnType<typeof rgb>;
  indent?: number;
}

/** A page cursor: writes top to bottom, starting a new page when the next block does not fit. */
export class PageWriter {
  readonly measure = new Measure();
  page: PDFPage;
  y: number;
  readonly contentWidth = A4.width - MARGIN.left - MARGIN.right;
  private pages: PDFPage[] = [];

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
    /** Drawn at the foot of every page when the document is finished (e.g. number and page count). */
    private readonly footer: (page: number, pages: number) => string,
  ) {
    this.page = this.addPage();
    this.y = A4.height - MARGIN.top;
  }

  private addPage(): PDFPage {
    const page = this.doc.addPage([A4.width, A4.height]);
    this.pages.push(page);
    return page;
  }

  newPage(): void {
    this.page = this.addPage();
    this.y = A4.height - MARGIN.top;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (this.y - height < MARGIN.bottom) this.newPage();
  }

  text(text: string, opts: TextOptions = {}): void {
    const size = opts.size ?? 10;
    const font = opts.bold ? this.fonts.bold : this.fonts.regular;
    const indent = opts.indent ?? 0;
    const width = this.contentWidth - indent;
    const leading = size * 1.35;
    for (const line of this.measure.wrap(text, font, size, width)) {
      this.ensure(leading);
      this.y -= size;
      const x =
        opts.align === 'center'
          ? MARGIN.left + (this.contentWidth - this.measure.width(line, font, size)) / 2
          : MARGIN.left + indent;
      if (line) this.page.drawText(line, { x, y: this.y, size, font, color: opts.color ?? INK });
      this.y -= leading - size;
    }
    this.y -= opts.after ?? 0;
  }

  space(points: number): void {
    this.y -= points;
  }

  rule(): void {
    this.ensure(6);
    this.page.drawLine({
      start: { x: MARGIN.left, y: this.y - 2 },
      end: { x: MARGIN.left + this.contentWidth, y: this.y - 2 },
      thickness: 0.5,
      color: RULE,
    });
    this.y -= 6;
  }

  /**
   * A table: the heading repeats on every page; a row never splits across pages. Cells wrap within
   * their column; the row is as tall as its tallest cell.
   */
  table<R>(columns: readonly Column<R>[], rows: readonly R[], size = 8): void {
    const pad = 3;
    const leading = size * 1.25;
    const { regular, bold } = this.fonts;
    const drawHeading = () => {
      const lines = columns.map((c) => this.measure.wrap(c.title, bold, size - 0.5, c.width - 2 * pad));
      const h = Math.max(...lines.map((l) => l.length)) * leading + 2 * pad;
      this.ensure(h + leading * 2);
      this.page.drawRectangle({
        x: MARGIN.left,
        y: this.y - h,
        width: this.contentWidth,
        height: h,
        color: rgb(0.93, 0.94, 0.96),
      });
      let x = MARGIN.left;
      columns.forEach((c, i) => {
        let y = this.y - pad - size;
        for (const line of lines[i] ?? []) {
          this.page.drawText(line, { x: x + pad, y, size: size - 0.5, font: bold, color: INK });
          y -= leading;
        }
        x += c.width;
      });
      this.y -= h;
    };
    drawHeading();
    rows.forEach((row, index) => {
      const cells = columns.map((c) => {
        const text = c.cell(row, index);
        if (!c.boldFirstLine) return { lines: this.measure.wrap(text, regular, size, c.width - 2 * pad), boldLines: 0 };
        const [first = '', ...rest] = text.split('\n');
        const head = this.measure.wrap(first, bold, size, c.width - 2 * pad);
        const tail = rest.length ? this.measure.wrap(rest.join('\n'), regular, size, c.width - 2 * pad) : [];
        return { lines: [...head, ...tail], boldLines: head.length };
      });
      const h = Math.max(...cells.map((c) => c.lines.length)) * leading + 2 * pad;
      if (this.y - h < MARGIN.bottom) {
        this.newPage();
        drawHeading();
      }
      let x = MARGIN.left;
      columns.forEach((c, i) => {
        const cell = cells[i];
        let y = this.y - pad - size;
        cell?.lines.forEach((line, n) => {
          if (line) {
            this.page.drawText(line, { x: x + pad, y, size, font: n < cell.boldLines ? bold : regular, color: INK });
          }
          y -= leading;
        });
        x += c.width;
      });
      this.y -= h;
      this.page.drawLine({
        start: { x: MARGIN.left, y: this.y },
        end: { x: MARGIN.left + this.contentWidth, y: this.y },
        thickness: 0.3,
        color: RULE,
      });
    });
  }

  /** Footers on every page, then the bytes. */
  async save(): Promise<Uint8Array> {
    const total = this.pages.length;
    this.pages.forEach((page, i) => {
      const text = this.footer(i + 1, total);
      page.drawText(text, { x: MARGIN.left, y: 24, size: 7, font: this.fonts.regular, color: MUTED });
    });
    return this.doc.save({ useObjectStreams: true });
  }
}

export const MARGINS = MARGIN;
