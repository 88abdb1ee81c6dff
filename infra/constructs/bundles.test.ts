/**
 * The Lambda bundles run: built with the house settings (zod trimmed), loaded as Node loads them on
 * the nodejs22.x runtime (ESM, `@aws-sdk/*` from outside the bundle), and invoked with API Gateway
 * events. A request zod refuses still gets its 400 naming the field (zod's English messages stay),
 * and the OpenAPI function, which needs JSON Schema, still has it.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bundle, bundleAll, standIn, stripUnusedMethods } from './bundles';
import { PROJECT_ROOT } from './function';

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
    [{ handler: 'http/public/list-elections' }, { handler: 'http/public/openapi' }],
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

  it('keep JSON Schema generation where the OpenAPI document needs it', async () => {
    const handler = await handlerOf('http/public/openapi');
    const res = await handler(event('/v1/openapi.json'), context);
    expect(res.statusCode).toBe(200);
    const doc = JSON.parse(String(res.body)) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\.1/);
    expect(Object.keys(doc.paths)).toContain('/v1/public/elections');
  }, 30_000);
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
