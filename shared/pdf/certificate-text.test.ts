/**
 * The certificate's text layer says what the page shows, for any name, in any order of documents.
 * A container draws many certificates with one parsed font (fonts.ts); a name drawn earlier must never
 * change how a later certificate reads in copy-paste, search or a screen reader. Seeded: a failure
 * prints its seed and path; replay with CERT_TEXT_SEED=<seed>.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderCertificate } from './certificate';

const LATIN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CYRILLIC = 'АБВГДЕЁЖЗИЙКЛМНҢОӨПРСТУҮФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя';
/** Pairs a font kerns or joins, and the letters that share outlines across the two alphabets. */
const TRICKY = ['AY', 'To', 'AV', 'Yo', 'ffi', 'fl', 'Ү', 'Y', 'Ң', 'H', 'Ө', 'O', 'ү', 'y'];

const word = (alphabet: string) =>
  fc
    .array(fc.oneof(fc.constantFrom(...alphabet), fc.constantFrom(...TRICKY)), { minLength: 1, maxLength: 8 })
    .map((parts) => parts.join(''));
const words = (alphabet: string) => fc.array(word(alphabet), { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));

const certificate = fc.record({
  organization: words(LATIN + CYRILLIC),
  givenLatin: words(LATIN),
  givenCyrillic: words(CYRILLIC),
  tag: fc.stringMatching(/^[0-9A-Z]{4}$/),
});

function textOf(pdf: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), 'cert-text-')), 'c.pdf');
  writeFileSync(file, pdf);
  return compact(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }));
}

/**
 * Letters compared without white space: pdftotext guesses word breaks from the gaps between glyphs,
 * and reads two one-letter words ("A A") as one; a lost or changed letter still fails.
 */
const compact = (s: string) => s.replace(/\s+/g, '');

const seed = Number(process.env.CERT_TEXT_SEED ?? Date.now() % 2 ** 31);

describe('certificate text layer', { timeout: 240_000 }, () => {
  it('holds every name exactly as drawn, whatever certificates the container drew before', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(certificate, { minLength: 2, maxLength: 3 }), async (list) => {
        for (const c of list) {
          const number = `2027-PR-${c.tag}-00001`;
          const pdf = await renderCertificate({
            number,
            election: { id: 'E', name: { ky: 'Шайлоо', ru: 'Выборы', en: 'Election' } },
            person: {
              familyNameLatin: 'Test',
              givenNamesLatin: c.givenLatin,
              familyNameCyrillic: 'Тест',
              givenNamesCyrillic: c.givenCyrillic,
            },
            organization: { name: { original: c.organization }, country: 'KG' },
            issuedOn: '2027-03-01',
            verifyUrl: 'https://shailoo.example/verify/E/1?sig=x',
          });
          const text = textOf(pdf);
          expect(text).toContain(compact(`№ ${number}`));
          expect(text).toContain(compact(`TEST ${c.givenLatin}`));
          expect(text).toContain(compact(`ТЕСТ ${c.givenCyrillic}`));
          expect(text).toContain(compact(c.organization));
        }
      }),
      { seed, numRuns: 12 },
    );
  });
});
