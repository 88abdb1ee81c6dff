import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ERROR_CODE_NAMES, ERROR_CODES } from './error-codes';
import { EXAMPLES, SCHEMA_REF, formatJson, isTextual, openApiDocument, operationIdOf } from './openapi';
import { NAMED_SCHEMAS } from './openapi-components';
import { type Route, routeKey } from './route';
import { routes } from './routes';
import { DOCUMENT_PATH, TYPES_PATH, committedFiles, generateFiles } from './write-openapi';

type Media = { schema?: { $ref?: string }; examples?: Record<string, { $ref?: string; value?: unknown }> };
type Op = {
  operationId: string;
  summary?: string;
  security?: unknown;
  'x-groups'?: string[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { content?: Record<string, Media>; $ref?: string }>;
  parameters?: { name: string; in: string }[];
};
type Doc = {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, Record<string, Op>>;
  components: {
    schemas: Record<string, Record<string, unknown>>;
    examples: Record<string, { value: unknown }>;
  };
};

const ROOT = new URL('../../', import.meta.url).pathname;
const doc = openApiDocument() as unknown as Doc;
const opOf = (r: Route) => doc.paths[r.path]?.[r.method.toLowerCase()];
const successOf = (op: Op) => Object.entries(op.responses).find(([s]) => s.startsWith('2'));
const exampleValue = (m: Media | undefined) => {
  const ref = m?.examples?.demo?.$ref;
  return ref ? doc.components.examples[ref.split('/').pop() ?? '']?.value : m?.examples?.demo?.value;
};

describe('the OpenAPI document is generated from the route table', () => {
  it('documents every route, once, with a unique operationId and a summary', () => {
    expect(doc.openapi).toBe('3.1.0');
    const ops = routes.map(opOf);
    expect(ops.every(Boolean)).toBe(true);
    const ids = ops.map((o) => o?.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const op of ops) expect(op?.summary?.length).toBeGreaterThan(3);
  });

  it('says who may call each route: staff groups, the portal session, or explicitly nobody (security: [])', () => {
    for (const r of routes) {
      const op = opOf(r);
      if (r.access.kind === 'staff') {
        expect(op?.security).toEqual([{ staff: [] }]);
        expect(op?.['x-groups']).toEqual(r.access.groups);
        expect(op?.responses['401']?.$ref).toBe('#/components/responses/GatewayUnauthorized');
        expect(op?.responses['403']).toBeDefined();
      } else if (r.access.kind === 'portal') {
        expect(op?.security).toEqual([{ portal: [] }]);
      } else {
        expect(op?.security).toEqual([]);
      }
      expect(op?.responses).toHaveProperty('400');
    }
  });

  it('names the schemas: every body and JSON answer is a $ref to components.schemas, at least 25 of them', () => {
    const unnamed: string[] = [];
    for (const r of routes) {
      const op = opOf(r) as Op;
      const body = op.requestBody?.content['application/json']?.schema?.$ref;
      if (r.body && !body?.startsWith(SCHEMA_REF)) unnamed.push(`${routeKey(r)} request`);
      const answer = successOf(op)?.[1].content?.['application/json']?.schema?.$ref;
      if (r.response && !answer?.startsWith(SCHEMA_REF)) unnamed.push(`${routeKey(r)} response`);
    }
    expect(unnamed).toEqual([]);
    const names = Object.keys(doc.components.schemas);
    expect(names.length).toBeGreaterThanOrEqual(25);
    for (const name of ['Person', 'PersonStatus', 'Flag', 'RefusalGround', 'RevocationReason', 'Resolution']) {
      expect(names).toContain(name);
    }
    for (const name of ['PublishedObserver', 'Error', 'ErrorCode', 'Election', 'Organization', 'PortalApplication']) {
      expect(names).toContain(name);
    }
  });

  it('gives every enum value its meaning (x-enum-descriptions), with the clause for the Regulation’s codes', () => {
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      if (!Array.isArray(schema.enum)) continue;
      const texts = schema['x-enum-descriptions'] as string[] | undefined;
      expect(texts, name).toHaveLength(schema.enum.length);
      // Named enums also carry Redoc's map, which the reference page shows next to each value.
      expect(Object.keys(schema['x-enumDescriptions'] as object), name).toEqual(schema.enum);
    }
    for (const name of ['Flag', 'RefusalGround', 'RevocationReason', 'PersonStatus', 'ReviewerGround']) {
      const texts = (doc.components.schemas[name]?.['x-enum-descriptions'] ?? []) as string[];
      expect(texts.length, name).toBeGreaterThan(0);
      for (const text of texts) {
        expect(text, name).toMatch(/\((\d\.\d+( [a-c])?|Art\. 10)(, [^)]+)?\)/);
      }
    }
    // Every enum anywhere in the document, named or inline (INLINE_ENUMS in openapi-components.ts).
    const bare: string[] = [];
    const walk = (v: unknown, at: string) => {
      if (Array.isArray(v)) {
        for (const [i, x] of v.entries()) walk(x, `${at}/${i}`);
      } else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (Array.isArray(o.enum) && !o['x-enum-descriptions']) bare.push(`${at}: ${o.enum.join(', ')}`);
        for (const [k, x] of Object.entries(o)) walk(x, `${at}/${k}`);
      }
    };
    walk(doc.components.schemas, '#/components/schemas');
    walk(doc.paths, '#/paths');
    expect(bare).toEqual([]);
    const errorCodes = doc.components.schemas.ErrorCode as { enum: string[]; 'x-enum-descriptions': string[] };
    expect(errorCodes.enum).toEqual(ERROR_CODE_NAMES);
    errorCodes['x-enum-descriptions'].forEach((text, i) => {
      expect(text.startsWith(`${ERROR_CODES[ERROR_CODE_NAMES[i] as keyof typeof ERROR_CODES].status}: `)).toBe(true);
    });
  });

  it('has an example from the demo data on every request and answer (routes added later must bring theirs)', () => {
    const missing: string[] = [];
    for (const r of routes) {
      const op = opOf(r) as Op;
      if (r.body && exampleValue(op.requestBody?.content['application/json']) === undefined) {
        missing.push(`${routeKey(r)}: request (shared/http/openapi-examples.json)`);
      }
      const success = successOf(op);
      if (!success) missing.push(`${routeKey(r)}: success response`);
      for (const [type, media] of Object.entries(success?.[1].content ?? {})) {
        if (!isTextual(type)) continue; // a file (PDF): described by its media type
        if (exampleValue(media) === undefined) missing.push(`${routeKey(r)}: ${type} answer example`);
      }
      if (!EXAMPLES.operations[routeKey(r)]) missing.push(`${routeKey(r)}: no entry in openapi-examples.json`);
    }
    expect(missing).toEqual([]);
  });

  it('keeps the examples true to the schemas: requests are accepted, answers hold exactly the schema’s fields', () => {
    for (const r of routes) {
      const ex = EXAMPLES.operations[routeKey(r)];
      if (!ex) continue;
      if (r.body && ex.request !== undefined) {
        const parsed = r.body.safeParse(ex.request);
        expect(parsed.success, `${routeKey(r)} request: ${parsed.error?.message}`).toBe(true);
      }
      if (r.response && ex.response !== undefined) {
        const parsed = r.response.safeParse(ex.response);
        expect(parsed.success, `${routeKey(r)} response: ${parsed.error?.message}`).toBe(true);
        // Nothing the schema does not know (zod strips unknown keys): the client types would lack it.
        expect(parsed.data, routeKey(r)).toEqual(ex.response);
      }
      for (const [name, value] of Object.entries(ex.params ?? {})) {
        expect(
          opOf(r)?.parameters?.some((p) => p.name === name),
          `${routeKey(r)} parameter ${name}`,
        ).toBe(true);
        expect(typeof value).toBe('string');
      }
    }
  });

  it('documents the success status the function answers with (201 for creations, 204 without a body)', () => {
    for (const r of routes) {
      const file = join(ROOT, 'functions', `${r.handler}.ts`);
      if (!existsSync(file)) continue;
      const source = readFileSync(file, 'utf8');
      const status = successOf(opOf(r) as Op)?.[0];
      if (/\bcreated\(/.test(source)) expect(status, routeKey(r)).toBe('201');
      else if (/\bnoContent\(/.test(source)) expect(status, routeKey(r)).toBe('204');
      else expect(status, routeKey(r)).toBe('200');
    }
  });

  it('lists every error code the sources throw, with its status', async () => {
    const { execSync } = await import('node:child_process');
    const files = execSync('git ls-files -co --exclude-standard -- functions shared', { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const call = /(?:new\s+\w*Error|super)\(((?:[^()]|\((?:[^()]|\([^()]*\))*\))*)\)/g;
    const thrown = new Set<string>();
    for (const f of files) {
      if (!existsSync(join(ROOT, f))) continue;
      const text = readFileSync(join(ROOT, f), 'utf8');
      for (const m of text.matchAll(call))
        for (const c of (m[1] ?? '').matchAll(/'([A-Z][A-Z0-9_]{2,})'/g)) thrown.add(c[1] ?? '');
      for (const c of text.matchAll(/\bcode\s*=\s*'([A-Z][A-Z0-9_]{2,})'/g)) thrown.add(c[1] ?? '');
    }
    const known = new Set<string>(ERROR_CODE_NAMES);
    expect([...thrown].filter((c) => !known.has(c)).sort()).toEqual([]);
  });

  it('names servers (the twin, AWS) and stays under 250 KB', () => {
    expect(doc.servers.map((s) => s.url)).toEqual([
      'http://127.0.0.1:4000',
      'https://{apiId}.execute-api.{region}.amazonaws.com',
    ]);
    expect(Buffer.byteLength(formatJson(doc))).toBeLessThan(250 * 1024);
  });

  it('names each schema once', () => {
    const ids = NAMED_SCHEMAS.map(([, m]) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(NAMED_SCHEMAS.map(([s]) => s)).size).toBe(ids.length);
  });

  it('operation ids are stable: derived from the handler module', () => {
    expect(operationIdOf({ handler: 'http/admin/elections/list' } as Route)).toBe('adminElectionsList');
  });
});

describe('the committed document and client', () => {
  it('are what `npm run openapi` writes from the route table now', { timeout: 60_000 }, async () => {
    const generated = await generateFiles();
    const committed = committedFiles();
    expect(committed.document === generated.document, `${DOCUMENT_PATH} is out of date: run npm run openapi`).toBe(
      true,
    );
    expect(committed.types === generated.types, `${TYPES_PATH} is out of date: run npm run openapi`).toBe(true);
  });

  it('passes the Redocly linter with the recommended rules: no errors, no warnings', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openapi-lint-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, formatJson(doc));
      const bin = join(ROOT, 'node_modules', '.bin', 'redocly');
      const result = await promisify(execFile)(
        bin,
        ['lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format', 'json'],
        {
          cwd: ROOT,
          env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', CI: 'true' },
          maxBuffer: 16 * 1024 * 1024,
        },
      ).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
      const report = JSON.parse(result.stdout) as {
        totals: { errors: number; warnings: number };
        problems: { ruleId: string; message: string }[];
      };
      expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
