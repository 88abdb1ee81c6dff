/**
 * The admin UI on the twin: the Vite dev server of `admin-ui/vite.config.ts` (with hot reload), or the
 * built `admin-ui/dist` served as files. Either way `/config.json` tells the app where the twin's API and
 * sign-in issuer are (in AWS, CloudFront serves the one the CDK stack writes), so one build runs anywhere.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
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

async function serveDist(port: number, config: UiRuntimeConfig): Promise<LocalUi> {
  const configJson = JSON.stringify(config);
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
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
