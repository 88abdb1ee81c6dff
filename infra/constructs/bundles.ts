/**
 * Bundles every function of the product in ONE esbuild run, with the house settings (the same as
 * NodejsFunction's `BUNDLING` in ./function.ts: minified ESM for Node 22, external source maps,
 * `@aws-sdk/*` left to the runtime). NodejsFunction would start esbuild through `npx` once per
 * function, which for some sixty functions makes `cdk synth` take minutes; one run takes seconds and
 * gives byte-identical bundles for identical inputs, so asset hashes only change when code does.
 * The bundle-size benchmark measures these very bundles.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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
 * namespace that is used as a value, so every bundle would carry parts of zod the product never calls
 * at run time: the translations of its messages (~60 files, ~300 KB; the product writes its own
 * messages and zod keeps English as its default), `z.compile` (a JIT parser), `z.fromJSONSchema`, and,
 * in every function but the one serving the OpenAPI document, JSON Schema generation. Those modules
 * are replaced by stand-ins with the same exports that throw if ever called.
 */
const ZOD_TRIMMED = /[\\/]zod[\\/]v4[\\/](locales[\\/]index|core[\\/]compile|classic[\\/]from-json-schema)\.js$/;
const ZOD_JSON_SCHEMA =
  /[\\/]zod[\\/]v4[\\/]core[\\/](json-schema-processors|to-json-schema|json-schema-generator)\.js$/;

/** A module with the same named exports as `source`, each of which throws when used. */
export function standIn(path: string, source: string): string {
  if (/[\\/]locales[\\/]index\.js$/.test(path)) return "export { default as en } from './en.js';";
  const what = path.split(/[\\/]/).slice(-2).join('/');
  const lines = [`const out = () => { throw new Error('zod ${what} is left out of this Lambda bundle'); };`];
  for (const [, kind, name] of source.matchAll(/^export (const|function|class) ([A-Za-z_$][\w$]*)/gm)) {
    if (name === 'INVALID') lines.push("export const INVALID = Symbol.for('zod.compile.invalid');");
    else if (kind === 'class') lines.push(`export class ${name} extends Error { constructor() { super(); out(); } }`);
    // Factories run when a schema is built (`~standard`): they must return, their result must not.
    else if (name!.startsWith('create')) lines.push(`export const ${name} = () => out;`);
    else lines.push(`export const ${name} = out;`);
  }
  return lines.join('\n');
}

const ZOD_CLASSIC_SCHEMAS = /[\\/]zod[\\/]v4[\\/]classic[\\/]schemas\.js$/;
/** The project's own sources, where `import { z } from 'zod'` is read as `import * as z from 'zod'`. */
const PROJECT_SOURCE = /[\\/](shared|functions)[\\/].*\.ts$/;
const NAMED_Z = /^import \{ z \} from 'zod';$/m;
/** Namespaces zod's own modules call functions of (`checks.email(…)`): not method calls on a schema. */
const ZOD_NAMESPACES = new Set([
  'checks',
  'core',
  'regexes',
  'processors',
  'util',
  'api',
  'parse',
  'schemas',
  'iso',
  'z',
]);

/**
 * Every name called as a method (`.name(`), or with `reads` every name read as a property (`.name`),
 * in the files under `dirs`, recursively; names read on the objects in `skipOwner` are not counted.
 */
function propertyNames(
  dirs: readonly string[],
  files: RegExp,
  opts: { reads: boolean; skipOwner?: ReadonlySet<string> },
): Set<string> {
  const names = new Set<string>();
  const pattern = opts.reads
    ? /([\w$]*)\??\.\s*([A-Za-z_$][\w$]*)/g
    : /([\w$]*)\??\.\s*([A-Za-z_$][\w$]*)\s*(?:\?\.)?\(/g;
  for (const dir of dirs) {
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !files.test(entry.name)) continue;
      const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
      for (const [, owner, name] of text.matchAll(pattern)) {
        if (!opts.skipOwner?.has(owner!)) names.add(name!);
      }
    }
  }
  return names;
}

/**
 * zod's classic schemas carry their methods on prototypes (`optional()`, `email()`, `ipv6()` …), and a
 * method keeps every schema class it builds in the bundle, used or not. A method is dropped when no
 * source of the product (shared/, functions/) ever calls a method of that name (`.email(`) and no module
 * of zod itself names it as a property; a name called anywhere, even on another object, is kept.
 */
export function stripUnusedMethods(source: string, used: ReadonlySet<string>): string {
  const lines = source.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = lines[i]!.match(/^ {4}([A-Za-z_$][\w$]*)\(.*\) \{$/);
    if (head && !['if', 'for', 'while', 'switch', 'catch'].includes(head[1]!) && !used.has(head[1]!)) {
      const end = lines.findIndex((l, j) => j > i && /^ {4}\},?$/.test(l));
      if (end > i && lines.slice(i + 1, end).every((l) => l === '' || l.startsWith('        '))) {
        i = end;
        continue;
      }
    }
    out.push(lines[i]!);
  }
  return out.join('\n');
}

export function zodTrim(opts: { jsonSchema: boolean }): Plugin {
  const filter = opts.jsonSchema ? ZOD_TRIMMED : new RegExp(`${ZOD_TRIMMED.source}|${ZOD_JSON_SCHEMA.source}`);
  return {
    name: 'zod-trim',
    setup(b) {
      b.onLoad({ filter }, (args) => ({
        contents: standIn(args.path, readFileSync(args.path, 'utf8')),
        resolveDir: dirname(args.path),
        loader: 'js',
      }));
      // `z` re-exported by zod's index is a namespace object esbuild keeps whole (every export of zod,
      // translations included); imported as a namespace, only the members a module reads are kept.
      b.onLoad({ filter: PROJECT_SOURCE }, (args) => {
        if (/[\\/]node_modules[\\/]/.test(args.path)) return undefined;
        const text = readFileSync(args.path, 'utf8');
        if (!NAMED_Z.test(text)) return undefined;
        return { contents: text.replace(NAMED_Z, "import * as z from 'zod';"), loader: 'ts' };
      });
      let used: Set<string> | undefined;
      b.onLoad({ filter: ZOD_CLASSIC_SCHEMAS }, (args) => {
        const zodDir = join(dirname(args.path), '..');
        used ??= new Set([
          ...propertyNames([join(PROJECT_ROOT, 'shared'), join(PROJECT_ROOT, 'functions')], /\.tsx?$/, {
            reads: false,
          }),
          ...propertyNames([join(zodDir, 'core'), join(zodDir, 'classic')], /\.js$/, {
            reads: true,
            skipOwner: ZOD_NAMESPACES,
          }),
        ]);
        // `util` taken from core's index is a re-exported namespace too, kept whole (~13 KB) unless
        // imported from its own module.
        const source = readFileSync(args.path, 'utf8')
          .replace('import { util } from "../core/index.js";', 'import * as util from "../core/util.js";')
          .replaceAll('core.util.', 'util.');
        return {
          contents: stripUnusedMethods(source, used),
          resolveDir: dirname(args.path),
          loader: 'js',
        };
      });
    },
  };
}

/** The AWS SDK packages the product imports; the runtime provides them (BUNDLING.externalModules). */
const AWS_SDK = /^@aws-sdk\/[\w-]+$/;
const SDK_SHIM = 'aws-sdk-on-first-use';

/** Every export of an SDK package, read once per build from the copy in node_modules. */
const sdkExports = new Map<string, string[]>();
function exportsOf(pkg: string): string[] {
  let names = sdkExports.get(pkg);
  if (!names) {
    const mod = createRequire(join(PROJECT_ROOT, 'package.json'))(pkg) as Record<string, unknown>;
    names = Object.keys(mod).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default');
    sdkExports.set(pkg, names);
  }
  return names;
}

/**
 * The module that stands for an SDK package in a bundle: each export is a stand-in that loads the
 * package (Node's `require`, which on Lambda finds the runtime's copy through NODE_PATH) the first time
 * it is constructed, called or read, and then acts as the real one (`new GetCommand(…)`, `unmarshall(…)`,
 * `error instanceof ConditionalCheckFailedException`). Unused stand-ins are dropped as any unused code.
 */
export function sdkShim(pkg: string, names: readonly string[]): string {
  const lines = [
    'let mod;',
    `const load = () => (mod ??= require(${JSON.stringify(pkg)}));`,
    'const bound = (real, v) => (typeof v === "function" ? v.bind(real) : v);',
    'const onFirstUse = (name) => new Proxy(function () {}, {',
    '  construct: (_, args) => Reflect.construct(load()[name], args),',
    '  apply: (_, self, args) => Reflect.apply(load()[name], self, args),',
    '  get: (_, key) => (key === "prototype" ? load()[name].prototype : bound(load()[name], Reflect.get(load()[name], key))),',
    '  has: (_, key) => key in load()[name],',
    '  getPrototypeOf: () => Object.getPrototypeOf(load()[name]),',
    '});',
  ];
  for (const n of names) lines.push(`export const ${n} = /* @__PURE__ */ onFirstUse(${JSON.stringify(n)});`);
  return lines.join('\n');
}

/**
 * The SDK is loaded when the product first uses it, not when the bundle is imported: a request that
 * never reaches DynamoDB, S3 or SES (a refused token, a 400) does not pay for loading their clients,
 * a few hundred modules. The product builds its clients on first use too (shared/runtime/clients.ts).
 */
export function sdkOnFirstUse(): Plugin {
  return {
    name: 'aws-sdk-on-first-use',
    setup(b) {
      b.onResolve({ filter: AWS_SDK }, (args) =>
        args.namespace === SDK_SHIM || args.kind === 'require-call'
          ? { path: args.path, external: true }
          : { path: args.path, namespace: SDK_SHIM },
      );
      b.onLoad({ filter: /.*/, namespace: SDK_SHIM }, (args) => ({
        contents: sdkShim(args.path, exportsOf(args.path)),
        loader: 'js',
      }));
    },
  };
}

/** The file beside a bundle that holds the OpenAPI document, written at build time. */
export const OPENAPI_ASSET = 'openapi.json';
const OPENAPI_STAND_IN = 'openapi-asset';

/**
 * The OpenAPI document does not change between builds of the same code, so the function serving it
 * does not build it from the routes' zod schemas at run time (which needs zod's JSON Schema generation
 * and every route's schemas, some 270 KB of bundle): the document is built once here and written beside
 * the bundle, and `openApiDocument()` in that bundle reads it.
 */
export function openApiAsset(): Plugin {
  return {
    name: 'openapi-asset',
    setup(b) {
      b.onResolve({ filter: /^#http\/openapi$/ }, () => ({ path: 'document', namespace: OPENAPI_STAND_IN }));
      b.onLoad({ filter: /.*/, namespace: OPENAPI_STAND_IN }, () => ({
        contents: [
          "import { readFileSync } from 'node:fs';",
          `export const openApiDocument = () => JSON.parse(readFileSync(new URL('./${OPENAPI_ASSET}', import.meta.url), 'utf8'));`,
        ].join('\n'),
        loader: 'js',
      }));
    },
  };
}

/** The esbuild options of a Lambda bundle, shared by the stack and the benchmark. */
export function esbuildOptions(
  entryPoints: Record<string, string>,
  outdir: string,
  opts: { jsonSchema: boolean } = { jsonSchema: false },
): BuildOptions & { metafile: true } {
  return {
    plugins: [zodTrim(opts), sdkOnFirstUse(), openApiAsset()],
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
  // Functions that generate JSON Schema (the OpenAPI document) are built again with it kept.
  const needJsonSchema = Object.values(result.metafile.outputs)
    .filter((o) => o.entryPoint && Object.keys(o.inputs).some((i) => /shared\/http\/openapi\.ts$/.test(i)))
    .map((o) => o.entryPoint!);
  const again = Object.fromEntries(
    Object.entries(entryPoints).filter(([, entry]) => needJsonSchema.some((e) => entry.endsWith(e))),
  );
  if (Object.keys(again).length > 0) {
    const full = await build(esbuildOptions(again, outdir, { jsonSchema: true }));
    Object.assign(result.metafile.outputs, full.metafile.outputs);
  }
  const servesOpenApi = (handler: string) =>
    Object.entries(result.metafile.outputs).some(
      ([file, o]) => file.endsWith(`${functionIdOf(handler)}/index.mjs`) && `${OPENAPI_STAND_IN}:document` in o.inputs,
    );
  let openApiJson: string | undefined;
  const bundles = new Map<string, Bundle>();
  for (const spec of unique.values()) {
    const dir = join(outdir, functionIdOf(spec.handler));
    if (servesOpenApi(spec.handler)) {
      openApiJson ??= JSON.stringify((await import('#http/openapi')).openApiDocument());
      writeFileSync(join(dir, OPENAPI_ASSET), openApiJson);
    }
    for (const a of spec.assets ?? []) {
      const target = join(dir, a.to, a.from.split('/').at(-1)!);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(join(PROJECT_ROOT, a.from), target);
    }
    bundles.set(spec.handler, { handler: spec.handler, dir, bytes: statSync(join(dir, 'index.mjs')).size });
  }
  return { bundles, metafile: result.metafile };
}
