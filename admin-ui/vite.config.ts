/**
 * The admin UI and the organizations' portal: one Vite app, two lazy sides. `src/main.tsx` reads the
 * hash and loads either the staff app (react-admin) or the portal (plain MUI), so the portal's
 * visitors never download react-admin (initial JS budget: admin ≤ 450 KB, portal ≤ 250 KB gzipped).
 * No manual chunks: Rolldown's automatic split already gives the entry (React DOM), one chunk shared
 * by both sides (MUI, zod, the shared schemas, the messages) and one per side; grouping MUI by hand
 * would make the portal load the parts of MUI only react-admin uses. test/bench/ui-bundle.ts measures.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { apiDocsPlugin } from '../infra/local/api-docs';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  // apiDocsPlugin: the API reference page (Redoc, static) as docs/ in the build, deployed with the UI.
  plugins: [react(), apiDocsPlugin()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    manifest: true,
    // The public pages are entries of their own (plain TypeScript, no React): the certificate check
    // opened from the QR code, and the published list (src/public-pages/).
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        verify: fileURLToPath(new URL('verify.html', import.meta.url)),
        list: fileURLToPath(new URL('list.html', import.meta.url)),
      },
    },
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
});
