import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DOCUMENT, apiDocsPlugin, docsHtml, serveApiDocs } from './api-docs';

describe('the API reference page', () => {
  it('loads Redoc and the document from beside it, nothing from elsewhere', () => {
    const html = docsHtml({ specUrl: 'openapi.json', scriptUrl: 'redoc.standalone.js' });
    expect(html).toContain('<redoc spec-url="openapi.json"');
    expect(html).toContain('<script src="redoc.standalone.js"></script>');
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('is served by the twin at /v1/docs with its script; other paths go on to the API', async () => {
    const server = createServer((req, res) => {
      if (!serveApiDocs(req, res)) {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const page = await fetch(`${base}/v1/docs`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await page.text();
      expect(html).toContain('spec-url="/v1/openapi.json"');
      expect(html).toContain('src="/v1/docs/redoc.standalone.js"');
      const script = await fetch(`${base}/v1/docs/redoc.standalone.js`);
      expect(script.status).toBe(200);
      expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect((await script.arrayBuffer()).byteLength).toBeGreaterThan(500_000);
      expect((await fetch(`${base}/v1/elsewhere`)).status).toBe(404);
      expect((await fetch(`${base}/v1/docs`, { method: 'POST' })).status).toBe(404);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('goes into the UI build as docs/ with the committed document', () => {
    const emitted = new Map<string, string | Buffer>();
    const plugin = apiDocsPlugin();
    const generate = plugin.generateBundle as unknown as (this: unknown) => void;
    generate.call({
      emitFile: (f: { fileName: string; source: string | Buffer }) => emitted.set(f.fileName, f.source),
    });
    expect([...emitted.keys()].sort()).toEqual(['docs/index.html', 'docs/openapi.json', 'docs/redoc.standalone.js']);
    expect(String(emitted.get('docs/openapi.json'))).toBe(readFileSync(DOCUMENT, 'utf8'));
    expect(String(emitted.get('docs/index.html'))).toContain('spec-url="openapi.json"');
  });
});
