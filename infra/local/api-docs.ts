/**
 * The API reference page: Redoc's standalone bundle rendering the OpenAPI document, as static files.
 *
 * - On the twin, the gateway serves it at `/v1/docs` (the document from `/v1/openapi.json`).
 * - The admin UI's build carries it as `docs/index.html`, `docs/redoc.standalone.js` and
 *   `docs/openapi.json` (the committed document), so it is deployed with the UI (`/docs/index.html`
 *   behind CloudFront) and in the twin's built UI.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);
export const REDOC_BUNDLE = require.resolve('redoc/bundles/redoc.standalone.js');
export const DOCUMENT = fileURLToPath(new URL('../../admin-ui/src/api/openapi.json', import.meta.url));

/** The page: no remote fonts or scripts (Redoc's bundle is served next to it), the document by URL. */
export function docsHtml(opts: { specUrl: string; scriptUrl: string }): string {
  const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="icon" href="data:," />
    <title>API reference: accreditation of international observers, CEC of the Kyrgyz Republic</title>
    <style>
      body { margin: 0; }
    </style>
  </head>
  <body>
    <redoc spec-url="${attr(opts.specUrl)}" expand-responses="200,201" path-in-middle-panel="true" required-props-first="true"></redoc>
    <script src="${attr(opts.scriptUrl)}"></script>
  </body>
</html>
`;
}

let bundle: Buffer | undefined;
const redocBundle = () => {
  bundle ??= readFileSync(REDOC_BUNDLE);
  return bundle;
};

/** Answers `/v1/docs` and its script on the twin's gateway; false for any other request. */
export function serveApiDocs(req: IncomingMessage, res: ServerResponse, headers: Record<string, string> = {}): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = (req.url ?? '/').split('?')[0];
  let body: Buffer | string;
  let type: string;
  if (path === '/v1/docs' || path === '/v1/docs/') {
    body = docsHtml({ specUrl: '/v1/openapi.json', scriptUrl: '/v1/docs/redoc.standalone.js' });
    type = 'text/html; charset=utf-8';
  } else if (path === '/v1/docs/redoc.standalone.js') {
    body = redocBundle();
    type = 'text/javascript; charset=utf-8';
  } else return false;
  res.writeHead(200, {
    ...headers,
    'content-type': type,
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}

/** Vite: the page in the build (`docs/`), and on the dev server at `/docs/`. */
export function apiDocsPlugin(): Plugin {
  const page = () => docsHtml({ specUrl: 'openapi.json', scriptUrl: 'redoc.standalone.js' });
  const files: Record<string, () => Buffer | string> = {
    'docs/index.html': page,
    'docs/redoc.standalone.js': redocBundle,
    'docs/openapi.json': () => readFileSync(DOCUMENT),
  };
  return {
    name: 'cec-api-docs',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '/').split('?')[0] ?? '/';
        const key = path === '/docs' || path === '/docs/' ? 'docs/index.html' : path.slice(1);
        const file = files[key];
        if (!file) return next();
        const type = key.endsWith('.html') ? 'text/html' : key.endsWith('.js') ? 'text/javascript' : 'application/json';
        res.setHeader('content-type', `${type}; charset=utf-8`);
        res.end(file());
      });
    },
    generateBundle() {
      for (const [fileName, source] of Object.entries(files)) {
        this.emitFile({ type: 'asset', fileName, source: source() });
      }
    },
  };
}
