/**
 * The Lambda bundles run: built with the house settings (zod trimmed), loaded as Node loads them on
 * the nodejs22.x runtime (ESM, `@aws-sdk/*` from outside the bundle), and invoked with API Gateway
 * events. A request zod refuses still gets its 400 naming the field (zod's English messages stay),
 * the OpenAPI function serves the document built beside it, and a request that never reaches a
 * service does not load the AWS SDK.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bundle, bundleAll, OPENAPI_ASSET, sdkShim, standIn, stripUnusedMethods } from './bundles';
import { ESM_REQUIRE_BANNER, PROJECT_ROOT } from './function';

// Inside node_modules, so that the bundles resolve @aws-sdk/* the way the runtime provides it.
const outdir = join(PROJECT_ROOT, 'node_modules', '.cache', `cec-bundles-test-${process.pid}`);
let bundles: Map<string, Bundle>;

type Handler = (event: APIGatewayProxyEventV2, context: unknown) => Promise<APIGatewayProxyStructuredResultV2>;

async function handlerOf(handler: string): Promise<Handler> {
  const mod = (await import(pathToFileURL(join(bundles.get(handler)!.dir, 'index.mjs')).href)) as { handler: Handler };
  return mod.handler;
}

function event(path: string, query: Record<string, string> = {}): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `GET ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers: { host: 'api.test' },
    queryStringParameters: query,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.test',
      domainPrefix: 'api',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.1', userAgent: 'vitest' },
      requestId: 'req-1',
      routeKey: `GET ${path}`,
      stage: '$default',
      time: '01/Jan/2027:00:00:00 +0000',
      timeEpoch: 1798761600000,
    },
    isBase64Encoded: false,
  };
}

const context = {
  functionName: 'test',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 10_000,
};

beforeAll(async () => {
  Object.assign(process.env, {
    TABLE_NAME: 'bundle-test',
    DOCUMENTS_BUCKET: 'documents',
    CERTIFICATES_BUCKET: 'certificates',
    PORTAL_SESSION_SECRET: 'bundle-test-secret-0123456789abcdef',
    CERTIFICATE_SECRET: 'bundle-test-secret-0123456789abcdef',
    AWS_REGION: 'eu-central-1',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    LOG_LEVEL: 'ERROR',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  mkdirSync(outdir, { recursive: true });
  ({ bundles } = await bundleAll(
    [
      { handler: 'http/public/list-elections' },
      { handler: 'http/public/openapi' },
      { handler: 'http/admin/audit/list' },
    ],
    outdir,
  ));
}, 120_000);

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('Lambda bundles', () => {
  it('refuse a bad query with a 400 naming the field, with zod trimmed', async () => {
    const handler = await handlerOf('http/public/list-elections');
    const res = await handler(event('/v1/public/elections', { limit: 'many' }), context);
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/limit/);
    expect(bundles.get('http/public/list-elections')!.bytes).toBeLessThan(250 * 1024);
    const code = readFileSync(join(bundles.get('http/public/list-elections')!.dir, 'index.mjs'), 'utf8');
    expect(code).toContain('json-schema-processors.js is left out of this Lambda bundle');
  }, 30_000);

  it('serve the OpenAPI document built beside the bundle, the generator left out', async () => {
    const handler = await handlerOf('http/public/openapi');
    const res = await handler(event('/v1/openapi.json'), context);
    expect(res.statusCode).toBe(200);
    const doc = JSON.parse(String(res.body)) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\.1/);
    expect(Object.keys(doc.paths)).toContain('/v1/public/elections');
    const dir = bundles.get('http/public/openapi')!.dir;
    expect(JSON.parse(readFileSync(join(dir, OPENAPI_ASSET), 'utf8'))).toEqual(doc);
    expect(readFileSync(join(dir, 'index.mjs'), 'utf8')).not.toContain('json-schema-generator');
  }, 30_000);

  it('answer a request without a token with 401, in a fresh process, without loading the AWS SDK', () => {
    const script = [
      `const { handler } = await import(${JSON.stringify(pathToFileURL(join(bundles.get('http/admin/audit/list')!.dir, 'index.mjs')).href)});`,
      `const res = await handler(${JSON.stringify(event('/v1/admin/audit'))}, { awsRequestId: 'r', getRemainingTimeInMillis: () => 1000 });`,
      "const { createRequire } = await import('node:module');",
      'const cache = Object.keys(createRequire(import.meta.url).cache);',
      'console.log(JSON.stringify({ status: res.statusCode, sdk: cache.filter((f) => f.includes("@aws-sdk")).length }));',
    ].join('\n');
    const out = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        env: { ...process.env, NODE_OPTIONS: '' },
        encoding: 'utf8',
      }),
    ) as { status: number; sdk: number };
    expect(out.status).toBe(401);
    expect(out.sdk).toBe(0);
  }, 30_000);
});

describe('AWS SDK stand-ins', () => {
  it('load the package on first use and then act as its exports', async () => {
    const names = ['GetItemCommand', 'ConditionalCheckFailedException', 'DynamoDBServiceException'];
    const file = join(outdir, 'sdk-shim.mjs');
    writeFileSync(
      file,
      `${ESM_REQUIRE_BANNER}\n${sdkShim('@aws-sdk/client-dynamodb', names)}\nexport const loaded = () => Object.keys(require.cache).some((f) => f.includes('client-dynamodb'));`,
    );
    const shim = (await import(pathToFileURL(file).href)) as Record<string, unknown> & { loaded: () => boolean };
    const real = await import('@aws-sdk/client-dynamodb');
    type Ctor = new (input: unknown) => { input: unknown };
    const command = new (shim.GetItemCommand as Ctor)({ TableName: 't', Key: {} });
    expect(command).toBeInstanceOf(real.GetItemCommand);
    expect(command.input).toEqual({ TableName: 't', Key: {} });
    const error = new real.ConditionalCheckFailedException({ message: 'no', $metadata: {} });
    expect(error instanceof (shim.ConditionalCheckFailedException as typeof real.ConditionalCheckFailedException)).toBe(
      true,
    );
    expect(error instanceof (shim.DynamoDBServiceException as typeof real.DynamoDBServiceException)).toBe(true);
    expect(new Error('no') instanceof (shim.ConditionalCheckFailedException as typeof Error)).toBe(false);
  });

  it('are pure, so the ones a bundle does not use are dropped', () => {
    expect(sdkShim('@aws-sdk/lib-dynamodb', ['GetCommand'])).toMatch(
      /export const GetCommand = \/\* @__PURE__ \*\/ onFirstUse\("GetCommand"\);/,
    );
  });
});

describe('zod stand-ins', () => {
  it('export what the original exports, and throw when used', () => {
    const source =
      'export const INVALID = 1;\nexport function compile(a) {}\nexport class ZodCompileAsyncError {}\nexport const createToJSONSchemaMethod = 1;';
    const code = standIn('/x/zod/v4/core/compile.js', source);
    expect(code).toMatch(/export const INVALID = Symbol\.for\('zod\.compile\.invalid'\)/);
    expect(code).toMatch(/export const compile = out;/);
    expect(code).toMatch(/export class ZodCompileAsyncError/);
    // Factories run while schemas are built: they return a function that throws only when called.
    expect(code).toMatch(/export const createToJSONSchemaMethod = \(\) => out;/);
    expect(standIn('/x/zod/v4/locales/index.js', 'export { default as ru } from "./ru.js";')).toBe(
      "export { default as en } from './en.js';",
    );
  });
});

describe('zod methods no source names', () => {
  const source = [
    'export const ZodString = core.$constructor("ZodString", (inst, def) => {',
    '    core.$ZodString.init(inst, def);',
    '}, {',
    '    email(params) {',
    '        return this.check(core._email(ZodEmail, params));',
    '    },',
    '    ipv6(params) {',
    '        return this.check(core._ipv6(ZodIPv6, params));',
    '    },',
    '    min(...args) {',
    '        return this.check(checks.minLength(...args));',
    '    }',
    '});',
  ].join('\n');

  it('are dropped, the named ones and everything else kept', () => {
    const out = stripUnusedMethods(source, new Set(['email', 'min']));
    expect(out).toContain('email(params) {');
    expect(out).toContain('min(...args) {');
    expect(out).not.toContain('ipv6');
    expect(out).toContain('core.$ZodString.init(inst, def);');
    expect(out.split('\n')).toHaveLength(source.split('\n').length - 3);
  });

  it('leave statements of a function body alone', () => {
    const body = 'function f(x) {\n    if (x) {\n        return 1;\n    }\n    return 2;\n}';
    expect(stripUnusedMethods(body, new Set())).toBe(body);
  });
});
