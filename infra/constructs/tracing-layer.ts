/**
 * The Lambda layer that carries Powertools Tracer and the X-Ray SDK for every function, so that the
 * functions' own bundles stay without them (see shared/runtime/observability.ts: the handlers
 * `require` the tracer at cold start when tracing is on). Built at synth time by esbuild into one
 * CommonJS file at `nodejs/node_modules/@aws-lambda-powertools/tracer/`, where Lambda's NODE_PATH
 * finds it; the AWS SDK stays out (the runtime has it). The same input gives the same bytes, so the
 * layer is only published again when the tracer's version changes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { buildSync } from 'esbuild';
import { TRACER_MODULE } from '#runtime/observability';
import { BUNDLING, PROJECT_ROOT } from './function';

/** Builds the layer's folder once per process; returns its path. */
let built: string | undefined;
export function buildTracingLayer(outdir = join(tmpdir(), 'cec-observers-tracing-layer')): string {
  if (built) return built;
  const target = join(outdir, 'nodejs', 'node_modules', ...TRACER_MODULE.split('/'));
  mkdirSync(target, { recursive: true });
  buildSync({
    stdin: { contents: `module.exports = require('${TRACER_MODULE}');`, resolveDir: PROJECT_ROOT, loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: BUNDLING.target,
    minify: true,
    external: ['@aws-sdk/*'],
    outfile: join(target, 'index.js'),
    logLevel: 'error',
  });
  writeFileSync(join(target, 'package.json'), JSON.stringify({ name: TRACER_MODULE, main: 'index.js' }));
  built = outdir;
  return outdir;
}

export class TracingLayer extends Construct {
  readonly layer: lambda.LayerVersion;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.layer = new lambda.LayerVersion(this, 'Layer', {
      code: lambda.Code.fromAsset(buildTracingLayer()),
      compatibleArchitectures: [lambda.Architecture.ARM_64],
      description: 'Powertools Tracer with the X-Ray SDK, loaded by the functions when tracing is on',
    });
  }
}
