/**
 * QR codes drawn as vector paths (one SVG path of the dark modules): sharp at any print resolution,
 * and no PNG to encode and decode per certificate.
 */
import QRCode from 'qrcode';

export interface QrPath {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** Path in module units, origin top-left, y downwards (as `drawSvgPath` expects). */
  path: string;
}

export function qrPath(text: string): QrPath {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const { size, data } = qr.modules;
  const parts: string[] = [];
  for (let y = 0; y < size; y++) {
    let x = 0;
    while (x < size) {
      if (!data[y * size + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && data[y * size + x]) x++;
      // One rectangle per run of dark modules in a row.
      parts.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
    }
  }
  return { size, path: parts.join('') };
}
