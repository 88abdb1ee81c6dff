/**
 * The functions that draw PDFs (certificates, the resolution act, the print batch, the register
 * extract) read their fonts from beside the code (shared/pdf/fonts.ts).
 */
export const PDF_RENDERERS: ReadonlySet<string> = new Set([
  'events/outbox-consumer',
  'events/resolution-documents',
  'http/admin/resolutions/certificates',
  'http/admin/elections/register-extract',
]);
export const RENDERER_ENVIRONMENT = { CERT_FONT_DIR: '/var/task/fonts' } as const;
export const RENDERER_ASSETS = [
  { from: 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf', to: 'fonts' },
  { from: 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf', to: 'fonts' },
];
