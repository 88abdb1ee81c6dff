/**
 * The certificate check's initial transfer (the page a QR code opens on a cheap phone on a slow
 * network): its HTML, the JavaScript it loads at once (its entry chunk and every static import) and its
 * stylesheets, each gzipped. The photo and the API's answer come after and are not counted. Also the
 * published list page, for information. Target: verification page ≤ 60 KB.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchResult, Benchmark } from './harness';
import { resultOf } from './harness';
import { UI_ROOT, buildInto } from './ui-build';
import { staticClosure } from './ui-bundle';

type Manifest = Record<string, { file: string; css?: string[]; imports?: string[] }>;

function initialKb(dir: string, manifest: Manifest, html: string): { kb: number; files: string[] } {
  const keys = staticClosure(manifest as never, html);
  const files = new Set<string>([html]);
  for (const k of keys) {
    const chunk = manifest[k];
    if (!chunk) continue;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
  }
  const bytes = [...files].reduce((s, f) => s + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0);
  return { kb: Math.round((bytes / 1024) * 10) / 10, files: [...files] };
}

export const benchmark: Benchmark = {
  name: 'verify-page',
  needs: [],
  async run(ctx) {
    const dir = await buildInto({ verify: join(UI_ROOT, 'verify.html'), list: join(UI_ROOT, 'list.html') });
    try {
      const manifest = JSON.parse(readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
      const verify = initialKb(dir, manifest, 'verify.html');
      const list = initialKb(dir, manifest, 'list.html');
      ctx.log(`  verification page: ${verify.kb} KB gzipped (${verify.files.join(', ')}); list page: ${list.kb} KB`);
      const results: BenchResult[] = [
        resultOf({
          name: 'public pages: verification page initial transfer (gzip)',
          figure: verify.kb,
          unit: 'KB',
          target: { figureAtMost: 60 },
          notes: 'HTML, entry JS with its static imports, CSS; before the API answer and the photo',
        }),
        resultOf({
          name: 'public pages: published list page initial transfer (gzip)',
          figure: list.kb,
          unit: 'KB',
          target: { none: true },
          notes: 'before the list itself is fetched (pages of 500)',
        }),
      ];
      return results;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
