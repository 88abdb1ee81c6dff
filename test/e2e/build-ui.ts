/** Builds the admin UI (admin-ui/dist) with its own Vite config, as CI and CloudFront get it. */
import { fileURLToPath } from 'node:url';

export const UI_CONFIG = fileURLToPath(new URL('../../admin-ui/vite.config.ts', import.meta.url));

export async function buildUi(opts: { outDir?: string; input?: Record<string, string>; quiet?: boolean } = {}) {
  const { build } = await import('vite');
  const started = performance.now();
  const out = await build({
    configFile: UI_CONFIG,
    logLevel: opts.quiet === false ? 'info' : 'warn',
    build: {
      ...(opts.outDir ? { outDir: opts.outDir, emptyOutDir: true } : {}),
      ...(opts.input ? { rollupOptions: { input: opts.input } } : {}),
    },
  });
  return { ms: Math.round(performance.now() - started), out };
}
