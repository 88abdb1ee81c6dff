/**
 * Fonts of the certificate: DejaVu Sans (regular and bold), which covers Kyrgyz Ң ң, Ө ө, Ү ү
 * (domain: "fonts must cover them"). The files are read once per container; each document embeds only
 * the glyphs it uses (subsetting), so a certificate stays small.
 * In a Lambda bundle the files sit beside the code: set CERT_FONT_DIR to their folder.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument } from 'pdf-lib';

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
type Font = ReturnType<Fontkit['create']>;

export const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

function fontDir(): string {
  if (process.env.CERT_FONT_DIR) return process.env.CERT_FONT_DIR;
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
}

let cache: { regular: Uint8Array; bold: Uint8Array } | undefined;

export function fontBytes(): { regular: Uint8Array; bold: Uint8Array } {
  if (!cache) {
    const dir = fontDir();
    cache = { regular: readFileSync(join(dir, FONT_FILES.regular)), bold: readFileSync(join(dir, FONT_FILES.bold)) };
  }
  return cache;
}

/*
 * fontkit parses the whole font file for every document that embeds it (most of a certificate's
 * cost), so one parsed font per file serves every document of the container. One parsed font is
 * shared state, though: fontkit caches a glyph object per glyph id together with the code points it
 * was first looked up by, and pdf-lib writes the text layer (the ToUnicode map that copy-paste,
 * search and screen readers read) from those code points. The subsetter looks up the parts of a
 * composite glyph by id alone (Cyrillic Ү is drawn from Latin Y's outline), so a document holding Ү
 * but no Y cached Y with no code point, and every later document in the container lost its Ys in
 * the text layer. Looking every mapped character up once, before any document, caches each glyph
 * with its own code point. Ligatures (U+FB00 to U+FB4F) are left out: the layout reaches them from
 * the letters they join ("ffi"), and those letters are what the text layer must say.
 */
const parsed = new Map<Uint8Array, Font>();

function parse(buffer: Uint8Array, postscriptName?: string): Font {
  const font = fontkit.create(buffer, postscriptName);
  for (const codePoint of font.characterSet) {
    if (codePoint < 0xfb00 || codePoint > 0xfb4f) font.glyphForCodePoint(codePoint);
  }
  return font;
}

export const sharedFontkit: Fontkit = {
  create(buffer: Uint8Array, postscriptName?: string): Font {
    let font = parsed.get(buffer);
    if (!font) {
      font = parse(buffer, postscriptName);
      parsed.set(buffer, font);
    }
    return font;
  },
};
