/** Specimen files for the demo's uploads: a photo that passes the upload check and one-page PDFs. */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { PNG } from 'pngjs';

/** A 300×400 PNG (the smallest photo the upload check accepts) and a one-page PDF, made once. */
let photoPng: Buffer | undefined;
export function demoPhoto(): Buffer {
  if (photoPng) return photoPng;
  const png = new PNG({ width: 300, height: 400 });
  for (let y = 0; y < 400; y++) {
    for (let x = 0; x < 300; x++) {
      const i = (y * 300 + x) * 4;
      const head = (x - 150) ** 2 + (y - 150) ** 2 < 70 ** 2;
      const body = y > 240 && Math.abs(x - 150) < 110 - (400 - y) / 4;
      const shade = head || body ? 120 : 225;
      png.data[i] = shade;
      png.data[i + 1] = shade + 10;
      png.data[i + 2] = shade + 20;
      png.data[i + 3] = 255;
    }
  }
  photoPng = PNG.sync.write(png);
  return photoPng;
}

const pdfs = new Map<string, Promise<Buffer>>();
/** One PDF per title, made once. */
export function demoPdf(title: string): Promise<Buffer> {
  let pdf = pdfs.get(title);
  if (!pdf) {
    pdf = makePdf(title);
    pdfs.set(title, pdf);
  }
  return pdf;
}

async function makePdf(title: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawText('SPECIMEN - demo data of the local twin', { x: 50, y: 780, size: 16, font });
  page.drawText(title, { x: 50, y: 750, size: 12, font });
  return Buffer.from(await pdf.save());
}
