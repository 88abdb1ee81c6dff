/**
 * The certificate as a reader (and a phone camera) sees it: the text layer holds the names with
 * Kyrgyz letters, and the QR code, rendered to pixels, decodes to the signed verification link.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { PAGE, renderCertificate } from './certificate';
import { verificationUrl, verifyCertificateSignature } from './verification';

const secret = 'unit-test-secret';

function photo(): Uint8Array {
  const w = 60;
  const h = 80;
  const data = Buffer.alloc(w * h * 4, 200);
  return jpeg.encode({ data, width: w, height: h }, 80).data;
}

const data = () => ({
  number: '2027-PR-7QXA-00042',
  election: {
    id: '01JABCDEFGHJKMNPQRSTV7QXA',
    name: {
      ky: 'Кыргыз Республикасынын Президентин шайлоо',
      ru: 'Выборы Президента Кыргызской Республики',
      en: 'Presidential election of the Kyrgyz Republic',
    },
  },
  person: {
    familyNameLatin: 'Ongarbaeva',
    givenNamesLatin: 'Umut',
    familyNameCyrillic: 'Өңгарбаева',
    givenNamesCyrillic: 'Үмүт Ңуровна',
  },
  organization: { name: { original: 'OSCE/ODIHR', ru: 'ОБСЕ/БДИПЧ' }, country: 'PL' },
  issuedOn: '2027-03-01',
  verifyUrl: verificationUrl('01JABCDEFGHJKMNPQRSTV7QXA', '2027-PR-7QXA-00042', 'https://api.shailoo.example', secret),
  photo: photo(),
});

// Rendering and rasterising take a second or two on a busy 2-core machine.
describe('certificate PDF', { timeout: 30_000 }, () => {
  it('is A5 landscape, two pages, with the text layer in Kyrgyz, Russian and English', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cert-'));
    const file = join(dir, 'c.pdf');
    writeFileSync(file, await renderCertificate(data()));
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+2/);
    expect(info).toMatch(new RegExp(`Page size:\\s+${PAGE.width} x ${PAGE.height} pts`));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('ӨҢГАРБАЕВА Үмүт Ңуровна');
    expect(text).toContain('ONGARBAEVA Umut');
    expect(text).toContain('№ 2027-PR-7QXA-00042');
    expect(text).toContain('КЫРГЫЗ РЕСПУБЛИКАСЫНЫН ШАЙЛОО ЖАНА РЕФЕРЕНДУМ ӨТКӨРҮҮ БОЮНЧА БОРБОРДУК КОМИССИЯСЫ');
    expect(text).toContain('ЭЛ АРАЛЫК БАЙКООЧУНУН КҮБӨЛҮГҮ');
    expect(text).toContain('УДОСТОВЕРЕНИЕ МЕЖДУНАРОДНОГО НАБЛЮДАТЕЛЯ');
    expect(text).toContain('INTERNATIONAL OBSERVER CERTIFICATE');
    expect(text).toContain('OSCE/ODIHR / ОБСЕ/БДИПЧ');
    expect(text).toContain('Польша / Poland');
    expect(text).toContain('Valid until the official publication of the results');
    expect(text).toContain('Шайлоонун жыйынтыктары расмий жарыяланганга чейин жарактуу');
    expect(text).toContain('Байкоочу укуктуу (Жобонун 4.4-пункту):');
    expect(text).toContain('The observer must (clause 4.5 of the Regulation):');
    // DejaVu is embedded (the Kyrgyz letters are real glyphs, not blanks) and subset: the two full
    // fonts alone weigh 1.4 MB.
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/DejaVuSans-\d+\s+CID TrueType\s+Identity-H\s+yes/);
    expect(fonts).toMatch(/DejaVuSans-Bold-\d+\s+CID TrueType\s+Identity-H\s+yes/);
    expect(readFileSync(file).length).toBeLessThan(150_000);
  });

  it('carries a QR code that decodes to the signed verification link', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cert-'));
    const file = join(dir, 'c.pdf');
    const d = data();
    writeFileSync(file, await renderCertificate(d));
    execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', file, join(dir, 'p')]);
    const png = PNG.sync.read(readFileSync(join(dir, 'p-1.png')));
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(code?.data).toBe(d.verifyUrl);
    const url = new URL(code!.data);
    const [electionId, number] = url.pathname.split('/').slice(-2);
    expect(verifyCertificateSignature(electionId!, number!, url.searchParams.get('sig')!, secret)).toBe(true);
  });

  it('renders without a photo (a blank frame) rather than failing', async () => {
    const bytes = await renderCertificate({ ...data(), photo: null });
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
  });
});
