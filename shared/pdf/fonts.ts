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
 * cost). The parsed font is read-only for pdf-lib's subsetting embedder, which makes a new subset per
 * document, so one parsed font per file serves every document of the container.
 */
const parsed = new Map<Uint8Array, Font>();

export const sharedFontkit: Fontkit = {
  create(buffer: Uint8Array, postscriptName?: string): Font {
    let font = parsed.get(buffer);
    if (!font) {
      font = fontkit.create(buffer, postscriptName);
      parsed.set(buffer, font);
    }
    return font;
  },
};
