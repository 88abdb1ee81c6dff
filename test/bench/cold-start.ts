/**
 * Cold start of every function bundle: a fresh Node process imports the bundle, built exactly as the
 * CDK stack builds it (infra/constructs/bundles.ts), and answers its first event. A Lambda cold start
 * includes the runtime's own start, so the figure is the time from spawning the process to receiving
 * its answer, measured in the parent, for the function and for an empty handler's bundle built with the
 * same settings (Node's start counted in both), run in alternating order; the ratio of the two is
 * "the time to import it in a fresh Node process and answer its first event" relative to doing nothing.
 * The time from the start of the import to the answer inside the child (Node's start left out) is
 * reported beside it as an informative figure: it shows what the bundle itself costs.
 *
 * Every function answers a real first event, nothing is faked: HTTP functions get an API Gateway event
 * for their route without credentials (public routes read the empty table on DynamoDB Local, the others
 * answer 401 from the real token check); consumers get an empty batch; jobs a scheduled event against
 * the empty table; the key ring's rotation function a Secrets Manager rotation event, sent to a local
 * stand-in of Secrets Manager that reports the version as already current (no event reaches AWS).
 *
 * The AWS SDK v3 is left out of the bundles (the Lambda Node.js 22/24 runtimes provide it) and loaded
 * from node_modules, as the runtime loads its copy, when a function first uses it: its load time is
 * counted for the functions that use it.
 *
 * Targets: median ratio ≤ 2, worst ≤ 4, median API bundle ≤ 150 KB. For the heaviest bundles the notes
 * name what they carry (esbuild's metafile, bytes in the output by package). COLD_START_ROUNDS sets the
 * rounds (default 3).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import { type BenchResult, type Benchmark, median, resultOf } from './harness';

const KB = 1024;

/** The driver a fresh process runs: import the bundle, answer one event, print the times. */
const DRIVER = `
const started = performance.now();
const mod = await import(process.argv[2]);
const imported = performance.now();
const context = {
  functionName: 'cold-start', functionVersion: '$LATEST', awsRequestId: 'cold-start-1', memoryLimitInMB: '512',
  invokedFunctionArn: 'arn:aws:lambda:eu-central-1:000000000000:function:cold-start', logGroupName: 'cold-start',
  logStreamName: 'cold-start', callbackWaitsForEmptyEventLoop: true, getRemainingTimeInMillis: () => 10000,
  done() {}, fail() {}, succeed() {},
};
let answer = 'ok';
try {
  const out = await mod.handler(JSON.parse(process.env.COLD_EVENT), context);
  if (out && typeof out.statusCode === 'number') answer = String(out.statusCode);
} catch (err) {
  answer = 'threw: ' + String(err && err.message || err).slice(0, 120);
}
const answered = performance.now();
process.stdout.write(JSON.stringify({ importMs: imported - started, totalMs: answered - started, answer }));
process.exit(0);
`;

/** Rounds over all functions; each function runs once a round in a fresh process. */
const ROUNDS = Number(process.env.COLD_START_ROUNDS) || 3;
/** The empty bundle runs again after this many functions. */
const EMPTY_EVERY = 4;

const EMPTY = 'export const handler = async () => ({ statusCode: 200, body: "" });\n';

interface Sample {
  /** Inside the child: from the start of the import to the answer. */
  importMs: number;
  totalMs: number;
  /** In the parent: from spawning the process to receiving its answer. */
  spawnMs: number;
  answer: string;
}

function runOnce(driver: string, bundle: string, event: unknown, env: Record<string, string> = {}): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const spawned = performance.now();
    let answered = 0;
    const child = spawn(process.execPath, [driver, bundle], {
      env: { ...process.env, ...env, COLD_EVENT: JSON.stringify(event), NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      answered ||= performance.now();
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.once('exit', () => {
      try {
        resolve({ ...(JSON.parse(out) as Omit<Sample, 'spawnMs'>), spawnMs: answered - spawned });
      } catch {
        reject(new Error(`${bundle}: no answer (${err.trim().split('\n').slice(-3).join(' | ')})`));
      }
    });
  });
}

const ROTATION_EVENT = {
  Step: 'createSecret',
  SecretId: 'cold-start-key-ring',
  ClientRequestToken: 'cold-start-version',
};

/**
 * A local stand-in of Secrets Manager for the rotation function's first event: DescribeSecret reports
 * rotation on and the event's version as already current, so the function answers after one real
 * signed call through the SDK, with nothing sent to AWS. Any other call is refused.
 */
async function secretsManagerStandIn(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (req.headers['x-amz-target'] === 'secretsmanager.DescribeSecret') {
        res.end(
          JSON.stringify({
            ARN: 'arn:aws:secretsmanager:eu-central-1:000000000000:secret:cold-start-key-ring',
            Name: ROTATION_EVENT.SecretId,
            RotationEnabled: true,
            VersionIdsToStages: { [ROTATION_EVENT.ClientRequestToken]: ['AWSCURRENT'] },
          }),
        );
      } else {
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: 'InvalidRequestException', message: 'not served by the stand-in' }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Bytes in one output by package (or project folder), largest first. */
export function weightByPackage(output: Metafile['outputs'][string]): [string, number][] {
  const by = new Map<string, number>();
  for (const [file, v] of Object.entries(output.inputs)) {
    const m = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    const key = m ? m[1]! : file.replace(/\/[^/]+$/, '');
    by.set(key, (by.get(key) ?? 0) + v.bytesInOutput);
  }
  return [...by].sort((a, b) => b[1] - a[1]);
}

export const benchmark: Benchmark = {
  name: 'cold-start',
  needs: ['dynamodb'],
  async run(ctx) {
    const started = performance.now();
    const { build } = await import('esbuild');
    const { bundleAll, esbuildOptions } = await import('#infra/constructs/bundles');
    const { functionIdOf, PROJECT_ROOT } = await import('#infra/constructs/function');
    const { functionSpecs, CERTIFICATE_KEYS_ROTATION } = await import('#infra/stacks/observers-stack');
    const { routes } = await import('#http/routes');
    const { schedules } = await import('#wiring/schedules');
    const { streamConsumers, bucketConsumers } = await import('#wiring/consumers');
    const { buildHttpEvent } = await import('#local/apigw-event');

    // Under the project, so that `@aws-sdk/*` (external) resolves from node_modules as on the runtime.
    mkdirSync(join(PROJECT_ROOT, 'node_modules/.cache'), { recursive: true });
    const dir = mkdtempSync(join(PROJECT_ROOT, 'node_modules/.cache/cec-cold-start-'));
    let secretsManager: { url: string; close: () => Promise<void> } | undefined;
    try {
      const specs = functionSpecs({ routes, schedules, streamConsumers, bucketConsumers });
      const { bundles, metafile } = await bundleAll(specs, dir);
      writeFileSync(join(dir, 'empty.ts'), EMPTY);
      await build(esbuildOptions({ 'empty/index': join(dir, 'empty.ts') }, dir));
      const driver = join(dir, 'driver.mjs');
      writeFileSync(driver, DRIVER);
      const emptyBundle = join(dir, 'empty/index.mjs');

      const routeOf = new Map(routes.map((r) => [r.handler, r]));
      const eventOf = (handler: string): unknown => {
        const route = routeOf.get(handler);
        if (route) {
          const params: Record<string, string> = {};
          // A well-formed identifier (ULID) that names nothing: a public route reads the table for it.
          const url = route.path.replace(/\{(\w+)\+?\}/g, (_, name: string) => {
            params[name] = '01JD5X0000000000000000000A';
            return params[name]!;
          });
          return buildHttpEvent({
            method: route.method,
            url,
            rawHeaders: ['host', 'api.example', 'user-agent', 'cold-start', 'accept', 'application/json'],
            body: Buffer.alloc(0),
            sourceIp: '127.0.0.1',
            routeKey: `${route.method} ${route.path}`,
            pathParameters: params,
          });
        }
        if (handler.startsWith('jobs/')) {
          return {
            version: '0',
            id: 'cold-start',
            'detail-type': 'Scheduled Event',
            source: 'aws.scheduler',
            time: new Date().toISOString(),
            resources: [],
            detail: {},
          };
        }
        if (handler === CERTIFICATE_KEYS_ROTATION) return ROTATION_EVENT;
        return { Records: [] };
      };
      secretsManager = await secretsManagerStandIn();
      const envOf = (handler: string): Record<string, string> =>
        handler === CERTIFICATE_KEYS_ROTATION ? { AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager!.url } : {};
      const runFunction = (h: string) => runOnce(driver, join(dir, functionIdOf(h), 'index.mjs'), eventOf(h), envOf(h));

      const handlers = [...bundles.keys()];
      const rounds = ROUNDS;
      const ratios = new Map<string, number[]>();
      const totals = new Map<string, number[]>();
      const empties: number[] = [];
      const imports = new Map<string, number[]>();
      const emptyImports: number[] = [];
      const answers = new Map<string, string>();
      const emptyRun = async () => {
        const sample = await runOnce(driver, emptyBundle, {});
        empties.push(sample.spawnMs);
        emptyImports.push(sample.totalMs);
        return sample.spawnMs;
      };
      // Warm the file cache for the SDK and the bundles (Lambda reads them from a warm disk too): the
      // empty bundle and the largest, which loads the most of the SDK.
      const largest = [...bundles.values()].sort((a, b) => b.bytes - a.bytes)[0]!.handler;
      await runOnce(driver, emptyBundle, {});
      await runFunction(largest);
      for (let round = 0; round < rounds; round++) {
        // Every function once a round, in turn forwards and backwards so drift weighs on all alike; the
        // empty bundle runs before and after every few functions, and each function's time is compared
        // with the mean of the two empty runs around it.
        const order = round % 2 === 0 ? handlers : [...handlers].reverse();
        let before = await emptyRun();
        for (let i = 0; i < order.length; i += EMPTY_EVERY) {
          const runs: [string, Sample][] = [];
          for (const h of order.slice(i, i + EMPTY_EVERY)) {
            runs.push([h, await runFunction(h)]);
          }
          const after = await emptyRun();
          for (const [h, fn] of runs) {
            totals.set(h, [...(totals.get(h) ?? []), fn.spawnMs]);
            imports.set(h, [...(imports.get(h) ?? []), fn.totalMs]);
            ratios.set(h, [...(ratios.get(h) ?? []), fn.spawnMs / ((before + after) / 2)]);
            answers.set(h, fn.answer);
          }
          before = after;
        }
      }
      const processes = 2 + rounds * (handlers.length + 1 + Math.ceil(handlers.length / EMPTY_EVERY));

      const rows = handlers.map((h) => ({
        handler: h,
        ratio: median(ratios.get(h)!),
        ms: median(totals.get(h)!),
        importMs: median(imports.get(h)!),
        kb: bundles.get(h)!.bytes / KB,
        answer: answers.get(h)!,
      }));
      rows.sort((a, b) => b.ratio - a.ratio);
      for (const r of rows) {
        ctx.log(
          `  ${r.handler.padEnd(44)} ${r.kb.toFixed(1).padStart(7)} KB ${r.ms.toFixed(0).padStart(5)} ms ×${r.ratio.toFixed(2)} (import + answer ${r.importMs.toFixed(0)} ms; ${r.answer})`,
        );
      }
      const outputOf = (h: string) =>
        metafile.outputs[`${functionIdOf(h)}/index.mjs`] ??
        Object.entries(metafile.outputs).find(([k]) => k.endsWith(`${functionIdOf(h)}/index.mjs`))?.[1];
      const carries = (h: string) => {
        const out = outputOf(h);
        if (!out) return '';
        return weightByPackage(out)
          .slice(0, 6)
          .map(([k, b]) => `${k} ${(b / KB).toFixed(0)}`)
          .join(', ');
      };
      const api = rows.filter((r) => routeOf.has(r.handler));
      const failed = rows.filter((r) => r.answer === '500' || r.answer.startsWith('threw'));
      const worst = rows[0]!;
      const medianApi = median(api.map((r) => r.kb));
      const heaviest = [...rows].sort((a, b) => b.kb - a.kb).slice(0, 4);
      const results: BenchResult[] = [
        resultOf({
          name: `cold start: median of ${rows.length} function bundles, process start to first answer vs empty handler`,
          figure: median(rows.map((r) => r.ms)),
          unit: 'ms',
          baseline: median(empties),
          baselineName: 'an empty handler bundled alike',
          ratio: median(rows.map((r) => r.ratio)),
          target: { ratioAtMost: 2 },
          notes: `spawn to answer, Node's start counted for both; import + answer inside the process (informative): functions' median ${median(rows.map((r) => r.importMs)).toFixed(0)} ms, empty ${median(emptyImports).toFixed(0)} ms; each function ${rounds} rounds in fresh processes, the empty bundle before and after every ${EMPTY_EVERY} functions (${processes} processes, ${((performance.now() - started) / 1000).toFixed(0)} s); ratio: median over functions of each one's median ratio to the mean of the empty runs around it; the AWS SDK loads from node_modules as the runtime's copy would; ${failed.length} answered 500 or threw${failed.length ? `: ${failed.map((r) => `${r.handler} (${r.answer})`).join(', ')}` : ''}`,
        }),
        resultOf({
          name: `cold start: worst function (${worst.handler})`,
          figure: worst.ms,
          unit: 'ms',
          baseline: median(empties),
          baselineName: 'an empty handler bundled alike',
          ratio: worst.ratio,
          target: { ratioAtMost: 4 },
          notes: `${worst.kb.toFixed(0)} KB, first answer ${worst.answer}; carries (KB): ${carries(worst.handler)}; next: ${rows
            .slice(1, 4)
            .map((r) => `${r.handler} ×${r.ratio.toFixed(2)}`)
            .join(', ')}`,
        }),
        resultOf({
          name: `cold start: median API bundle (${api.length} functions)`,
          figure: medianApi,
          unit: 'KB',
          target: { figureAtMost: 150 },
          notes: `an API function carries (KB): ${carries(api[Math.floor(api.length / 2)]!.handler)}; heaviest bundles: ${heaviest
            .map((r) => `${r.handler} ${r.kb.toFixed(0)} KB [${carries(r.handler)}]`)
            .join('; ')}`,
        }),
      ];
      return results;
    } finally {
      await secretsManager?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
