/**
 * Initial JavaScript of the admin UI, gzipped: what a browser downloads before the first screen of
 * each side. The entry module loads one side by the hash (see admin-ui/src/main.tsx), so each side's
 * initial JS is the entry chunk, the side's chunk, and every chunk they import statically (not the
 * routes loaded later). Targets: staff app ≤ 450 KB, portal ≤ 250 KB.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchResult, Benchmark } from './harness';
import { buildInto } from './ui-build';

interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** The chunk files `key` needs at load: itself and its static imports, transitively. */
export function staticClosure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const i of manifest[key]?.imports ?? []) staticClosure(manifest, i, seen);
  return seen;
}

export function initialFiles(manifest: Manifest, side: 'admin' | 'portal'): string[] {
  // The app's entry is index.html's (the public pages are entries of their own).
  const entryKey = manifest['index.html']?.isEntry
    ? 'index.html'
    : Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entryKey) throw new Error('no entry chunk in the manifest');
  const sideKey = (manifest[entryKey]!.dynamicImports ?? []).find((k) =>
    side === 'admin' ? /admin-app\.tsx$/.test(k) : /portal-app\.tsx$/.test(k),
  );
  if (!sideKey) throw new Error(`the entry does not load the ${side} side lazily`);
  const keys = new Set([...staticClosure(manifest, entryKey), ...staticClosure(manifest, sideKey)]);
  return [...keys].map((k) => manifest[k]!.file).filter((f) => f.endsWith('.js'));
}

export function gzipKb(dir: string, files: readonly string[]): number {
  const bytes = files.reduce((s, f) => s + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0);
  return Math.round((bytes / 1024) * 10) / 10;
}

export const benchmark: Benchmark = {
  name: 'ui-bundle',
  needs: [],
  async run(ctx) {
    const dir = await buildInto();
    try {
      const manifest = JSON.parse(readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
      const results: BenchResult[] = [];
      for (const [side, target] of [
        ['admin', 450],
        ['portal', 250],
      ] as const) {
        const files = initialFiles(manifest, side);
        const kb = gzipKb(dir, files);
        ctx.log(`  ${side}: ${files.join(', ')}`);
        results.push({
          name: `ui initial JS (${side}), gzipped`,
          figure: kb,
          unit: 'KB',
          baseline: null,
          ratio: null,
          target: `≤ ${target} KB`,
          pass: kb <= target,
          notes: `${files.length} chunks: entry + ${side} side + their static imports`,
        });
      }
      return results;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
