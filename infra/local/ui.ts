/**
 * The admin UI on the twin: the Vite dev server of `admin-ui/vite.config.ts` (with hot reload), or the
 * built `admin-ui/dist` served as files. Either way `/config.json` tells the app where the twin's API and
 * sign-in issuer are (in AWS, CloudFront serves the one the CDK stack writes), so one build runs anywhere.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse, createServer, request } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { closeServer, listeningPort } from './http-util';
import { REPO_ROOT } from './lambda';
import { HOST } from './ports';

export type UiMode = 'dev' | 'dist' | 'off';

export interface LocalUi {
  mode: Exclude<UiMode, 'off'>;
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface UiRuntimeConfig {
  apiUrl: string;
  auth: { kind: 'local'; issuer: string };
}

const UI_DIR = join(REPO_ROOT, 'admin-ui');
const VITE_CONFIG = join(UI_DIR, 'vite.config.ts');
const DIST = join(UI_DIR, 'dist');

/** What can be served here: the dev server when its config exists, else the build, else nothing. */
export function availableUiMode(wanted?: UiMode): UiMode {
  const fromEnv = process.env.TWIN_UI as UiMode | undefined;
  const mode = wanted ?? fromEnv;
  if (mode === 'off') return 'off';
  const hasDev = existsSync(VITE_CONFIG);
  const hasDist = existsSync(join(DIST, 'index.html'));
  if (mode === 'dev') return hasDev ? 'dev' : 'off';
  if (mode === 'dist') return hasDist ? 'dist' : 'off';
  return hasDev ? 'dev' : hasDist ? 'dist' : 'off';
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/**
 * The public pages (admin-ui/verify.html, admin-ui/list.html) answer paths of their own, as CloudFront
 * maps them in AWS: `/verify/<electionId>/<number>` (the certificate QR code) and `/list/<electionId>`.
 */
export function publicPageOf(path: string): string | null {
  if (/^\/verify\/[^/]+\/[^/]+\/?$/.test(path)) return '/verify.html';
  if (/^\/list\/[^/]+\/?$/.test(path)) return '/list.html';
  return null;
}

/**
 * `/v1/*` goes to the API, as CloudFront sends it in AWS: the public pages call the API on their own
 * origin, and the links in certificates (PUBLIC_URL) are the site's.
 */
function proxyApi(apiUrl: string, req: IncomingMessage, res: ServerResponse): void {
  const target = new URL(req.url ?? '/', apiUrl);
  const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', (err) => {
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`the API did not answer: ${err.message}`);
  });
  req.pipe(upstream);
}

async function serveDist(port: number, config: UiRuntimeConfig): Promise<LocalUi> {
  const configJson = JSON.stringify(config);
  const server = createServer((req, res) => {
    if ((req.url ?? '').startsWith('/v1/')) {
      proxyApi(config.apiUrl, req, res);
      return;
    }
    const requested = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    const path = publicPageOf(requested) ?? requested;
    if (path === '/config.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(configJson);
      return;
    }
    let file = normalize(join(DIST, path));
    if (!file.startsWith(DIST) || !existsSync(file) || statSync(file).isDirectory()) file = join(DIST, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => resolve());
  });
  const actual = listeningPort(server);
  return { mode: 'dist', url: `http://localhost:${actual}`, port: actual, stop: () => closeServer(server) };
}

async function serveDev(port: number, config: UiRuntimeConfig): Promise<LocalUi> {
  const { createServer: createVite } = await import('vite');
  const configJson = JSON.stringify(config);
  const vite = await createVite({
    configFile: VITE_CONFIG,
    logLevel: 'warn',
    clearScreen: false,
    server: { port, strictPort: true, host: HOST },
    plugins: [
      {
        name: 'local-twin-config',
        configureServer(server) {
          server.middlewares.use('/config.json', (_req, res) => {
            res.setHeader('content-type', 'application/json');
            res.setHeader('cache-control', 'no-store');
            res.end(configJson);
          });
          server.middlewares.use((req, res, next) => {
            if ((req.url ?? '').startsWith('/v1/')) return proxyApi(config.apiUrl, req, res);
            const [path = '/', search] = (req.url ?? '/').split('?');
            const page = publicPageOf(path);
            if (page) req.url = search ? `${page}?${search}` : page;
            next();
          });
        },
      },
    ],
  });
  await vite.listen();
  const address = vite.httpServer?.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return { mode: 'dev', url: `http://localhost:${actual}`, port: actual, stop: () => vite.close() };
}

export async function startUi(opts: { mode: UiMode; port: number; config: UiRuntimeConfig }): Promise<LocalUi | null> {
  if (opts.mode === 'off') return null;
  return opts.mode === 'dev' ? serveDev(opts.port, opts.config) : serveDist(opts.port, opts.config);
}
