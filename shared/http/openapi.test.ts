import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi';
import { routes } from './routes';

type Op = { operationId: string; security?: unknown; 'x-groups'?: string[]; responses: Record<string, unknown> };

describe('the OpenAPI document is generated from the route table', () => {
  const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, Op>> };

  it('documents every route, once, with a unique operationId', () => {
    expect(doc.openapi).toBe('3.1.0');
    const ops = routes.map((r) => doc.paths[r.path]?.[r.method.toLowerCase()]);
    expect(ops.every(Boolean)).toBe(true);
    const ids = ops.map((o) => o?.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('marks staff routes with their groups and portal routes with the portal session', () => {
    for (const r of routes) {
      const op = doc.paths[r.path]?.[r.method.toLowerCase()];
      if (r.access.kind === 'staff') {
        expect(op?.security).toEqual([{ staff: [] }]);
        expect(op?.['x-groups']).toEqual(r.access.groups);
      } else if (r.access.kind === 'portal') {
        expect(op?.security).toEqual([{ portal: [] }]);
      } else {
        expect(op?.security).toBeUndefined();
      }
      expect(op?.responses).toHaveProperty('4XX');
    }
  });

  it('documents the public elections list', () => {
    expect(doc.paths['/v1/public/elections']?.get?.operationId).toBeTruthy();
  });
});
