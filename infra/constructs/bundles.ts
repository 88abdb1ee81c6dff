/**
 * Bundles every function of the product in ONE esbuild run, with the house settings (the same as
 * NodejsFunction's `BUNDLING` in ./function.ts: minified ESM for Node 22, external source maps,
 * `@aws-sdk/*` left to the runtime). NodejsFunction would start esbuild through `npx` once per
 * function, which for some sixty functions makes `cdk synth` take minutes; one run takes seconds and
 * gives byte-identical bundles for identical inputs, so asset hashes only change when code does.
 * The bundle-size benchmark measures these very bundles.
 */
import { copyFileSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type BuildOptions, type Metafile, type Plugin, build } from 'esbuild';
import { BUNDLING, PROJECT_ROOT, entryOf, functionIdOf } from './function';

export interface BundleSpec {
  handler: string;
  /** Files copied beside the bundle: source relative to the project root, target folder in the bundle. */
  assets?: readonly { from: string; to: string }[];
}

export interface Bundle {
  handler: string;
  /** Folder holding index.mjs (+ index.mjs.map and assets): the Lambda code asset. */
  dir: string;
  /** Size of index.mjs in bytes (what the runtime loads). */
  bytes: number;
}

/**
 * zod re-exports everything it has through the `z` namespace, and esbuild cannot drop members of a
 * namespace that is used as a value, so every bundle would carry parts of zod the product never calls:
 * the translations of its messages (~60 files, ~300 KB: the product writes its own messages, and zod
 * keeps English as its default), `z.compile` (a JIT parser) and `z.fromJSONSchema`. Those modules are
 * replaced by small stand-ins that fail loudly if ever called. `z.toJSONSchema` stays (OpenAPI uses it).
 */
const ZOD_STAND_INS: { importer: RegExp; path: string; contents: string }[] = [
  {
    importer: /[\\/]zod[\\/]v4[\\/](classic|mini)[\\/]external\.js$/,
    path: '../locales/index.js',
    contents: "export { default as en } from '../locales/en.js';",
  },
  {
    importer: /[\\/]zod[\\/]v4[\\/]classic[\\/]external\.js$/,
    path: './from-json-schema.js',
    contents: "export function fromJSONSchema() { throw new Error('z.fromJSONSchema is left out of Lambda bundles'); }",
  },
  {
    importer: /[\\/]zod[\\/]v4[\\/]core[\\/]index\.js$/,
    path: './compile.js',
    contents: [
      "const out = () => { throw new Error('z.compile is left out of Lambda bundles'); };",
      "export const INVALID = Symbol.for('zod.compile.invalid');",
      'export class ZodCompileAsyncError extends Error {}',
      'export class ZodCompileUnsupportedError extends Error {}',
      'export const compile = out, withParser = out, compileFn = out;',
    ].join('\n'),
  },
];

export const zodTrim: Plugin = {
  name: 'zod-trim',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\/(locales\/index|from-json-schema|compile)\.js$/ }, (args) => {
      const hit = ZOD_STAND_INS.findIndex((x) => x.path === args.path && x.importer.test(args.importer));
      return hit < 0 ? undefined : { path: `${args.importer}#${hit}`, namespace: 'zod-trim' };
    });
    b.onLoad({ filter: /.*/, namespace: 'zod-trim' }, (args) => {
      const [importer, index] = args.path.split('#');
      return { contents: ZOD_STAND_INS[Number(index)]!.contents, resolveDir: dirname(importer!), loader: 'js' };
    });
  },
};

/** The esbuild options of a Lambda bundle, shared by the stack and the benchmark. */
export function esbuildOptions(entryPoints: Record<string, string>, outdir: string): BuildOptions & { metafile: true } {
  return {
    plugins: [zodTrim],
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node' as const,
    format: 'esm' as const,
    target: BUNDLING.target,
    minify: BUNDLING.minify,
    sourcemap: 'external' as const,
    sourcesContent: BUNDLING.sourcesContent,
    mainFields: [...BUNDLING.mainFields],
    external: [...BUNDLING.externalModules],
    banner: { js: BUNDLING.banner },
    outExtension: { '.js': '.mjs' },
    tsconfig: join(PROJECT_ROOT, 'tsconfig.json'),
    absWorkingDir: PROJECT_ROOT,
    logLevel: 'error' as const,
    metafile: true,
    legalComments: 'none' as const,
    // Kyrgyz and Russian text as UTF-8 (2 bytes a letter) rather than \\u escapes (6 bytes).
    charset: 'utf8' as const,
  };
}

/** Bundles the given handlers into `outdir/<function id>/index.mjs`, once each. */
export async function bundleAll(
  specs: readonly BundleSpec[],
  outdir = mkdtempSync(join(tmpdir(), 'cec-bundles-')),
): Promise<{ bundles: Map<string, Bundle>; metafile: Metafile }> {
  const unique = new Map(specs.map((s) => [s.handler, s]));
  const entryPoints = Object.fromEntries(
    [...unique.keys()].map((handler) => [`${functionIdOf(handler)}/index`, entryOf(handler)]),
  );
  const result = await build(esbuildOptions(entryPoints, outdir));
  const bundles = new Map<string, Bundle>();
  for (const spec of unique.values()) {
    const dir = join(outdir, functionIdOf(spec.handler));
    for (const a of spec.assets ?? []) {
      const target = join(dir, a.to, a.from.split('/').at(-1)!);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(join(PROJECT_ROOT, a.from), target);
    }
    bundles.set(spec.handler, { handler: spec.handler, dir, bytes: statSync(join(dir, 'index.mjs')).size });
  }
  return { bundles, metafile: result.metafile };
}
