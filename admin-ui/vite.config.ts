/**
 * The admin UI and the organizations' portal: one Vite app, two lazy sides. `src/main.tsx` reads the
 * hash and loads either the staff app (react-admin) or the portal (plain MUI), so the portal's
 * visitors never download react-admin (initial JS budget: admin ≤ 450 KB, portal ≤ 250 KB gzipped).
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Shared vendor chunks: React for both sides, MUI for both, react-admin's stack for the staff side only. */
export function vendorChunk(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  if (/node_modules\/(react|react-dom|scheduler)\//.test(id)) return 'react';
  return undefined;
}

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    manifest: true,
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
});
