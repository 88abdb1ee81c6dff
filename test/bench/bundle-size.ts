/**
 * Bundle size of every function, built exactly as the CDK stack builds them (infra/constructs/bundles.ts:
 * one esbuild run, minified ESM for Node 22, `@aws-sdk/*` left to the runtime, zod trimmed). The figure
 * is the size of index.mjs (source maps, the fonts and the OpenAPI document are separate files beside
 * it). Targets: every API function (one per route) ≤ 250 KB, except those that draw PDFs in the request
 * (infra/stacks/renderers.ts: the print batch, the register extract), which carry pdf-lib and fontkit
 * like the certificate renderer (the outbox consumer, with qrcode too): every PDF renderer ≤ 1.5 MB
 * (its two font files travel beside it and are not counted). KB = 1024 bytes.
 */
import type { Benchmark, BenchContext } from './harness';
import { median, resultOf } from './harness';

const KB = 1024;
const RENDERER = 'events/outbox-consumer';

export const benchmark: Benchmark = {
  name: 'bundle-size',
  needs: [],
  async run(ctx: BenchContext) {
    const { buildBundles } = await import('#infra/stacks/observers-stack');
    const { routes } = await import('#http/routes');
    const { PDF_RENDERERS } = await import('#infra/stacks/renderers');
    const started = performance.now();
    const bundles = await buildBundles();
    const buildMs = performance.now() - started;
    const kb = (handler: string) => (bundles.get(handler)?.bytes ?? Number.NaN) / KB;

    const api = [...new Set(routes.map((r) => r.handler))]
      .filter((h) => !PDF_RENDERERS.has(h))
      .map((h) => ({ handler: h, kb: kb(h) }));
    const renderers = [...PDF_RENDERERS].map((h) => ({ handler: h, kb: kb(h) })).sort((a, b) => b.kb - a.kb);
    api.sort((a, b) => b.kb - a.kb);
    const others = [...bundles.keys()]
      .filter((h) => !PDF_RENDERERS.has(h) && !api.some((a) => a.handler === h))
      .map((h) => ({ handler: h, kb: kb(h) }))
      .sort((a, b) => b.kb - a.kb);
    for (const b of [...api, ...others, ...renderers]) {
      ctx.log(`  ${b.handler.padEnd(48)} ${b.kb.toFixed(1).padStart(8)} KB`);
    }
    const over = api.filter((a) => a.kb > 250);
    const largest = api[0]!;
    return [
      resultOf({
        name: `bundle size: largest of ${api.length} API functions that draw no PDF (${largest.handler})`,
        figure: largest.kb,
        unit: 'KB',
        target: { figureAtMost: 250 },
        notes: `${over.length} over 250 KB${over.length ? `: ${over.map((o) => o.handler).join(', ')}` : ''}; largest: ${api
          .slice(0, 5)
          .map((a) => `${a.handler} ${a.kb.toFixed(0)}`)
          .join(', ')}; all ${bundles.size} functions built in one esbuild run in ${(buildMs / 1000).toFixed(1)} s`,
      }),
      resultOf({
        name: 'bundle size: median API function',
        figure: median(api.map((a) => a.kb)),
        unit: 'KB',
        target: { none: true },
      }),
      resultOf({
        name: 'bundle size: certificate renderer (events/outbox-consumer)',
        figure: kb(RENDERER) / KB,
        unit: 'MB',
        target: { figureAtMost: 1.5 },
        notes: 'pdf-lib, @pdf-lib/fontkit, qrcode, the mail templates; DejaVu fonts are copied beside the bundle',
      }),
      resultOf({
        name: `bundle size: largest PDF renderer (${renderers[0]!.handler})`,
        figure: renderers[0]!.kb / KB,
        unit: 'MB',
        target: { figureAtMost: 1.5 },
        notes: renderers.map((r) => `${r.handler} ${r.kb.toFixed(0)} KB`).join(', '),
      }),
      resultOf({
        name: `bundle size: largest job or consumer (${others[0]?.handler ?? 'none'})`,
        figure: others[0]?.kb ?? 0,
        unit: 'KB',
        target: { none: true },
        notes: others.map((o) => `${o.handler} ${o.kb.toFixed(0)}`).join(', '),
      }),
    ];
  },
};
