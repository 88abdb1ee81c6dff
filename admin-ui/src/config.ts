/**
 * Runtime configuration, read from `config.json` next to index.html: the twin writes it locally and
 * CloudFront serves the one the CDK stack writes in AWS, so one build runs everywhere.
 */
export type AuthConfig = { kind: 'local'; issuer: string } | { kind: 'cognito'; region: string; clientId: string };

export interface UiConfig {
  apiUrl: string;
  auth: AuthConfig;
}

/** The twin's default ports, used when no config.json is served (e.g. `vite` started by hand). */
export const FALLBACK_CONFIG: UiConfig = {
  apiUrl: 'http://127.0.0.1:4000',
  auth: { kind: 'local', issuer: 'http://127.0.0.1:4010' },
};

function isAuthConfig(v: unknown): v is AuthConfig {
  if (typeof v !== 'object' || v === null) return false;
  const a = v as Record<string, unknown>;
  if (a.kind === 'local') return typeof a.issuer === 'string';
  if (a.kind === 'cognito') return typeof a.region === 'string' && typeof a.clientId === 'string';
  return false;
}

export function parseConfig(raw: unknown): UiConfig {
  if (typeof raw !== 'object' || raw === null) return FALLBACK_CONFIG;
  const r = raw as Record<string, unknown>;
  const apiUrl = typeof r.apiUrl === 'string' && r.apiUrl ? r.apiUrl.replace(/\/+$/, '') : FALLBACK_CONFIG.apiUrl;
  return { apiUrl, auth: isAuthConfig(r.auth) ? r.auth : FALLBACK_CONFIG.auth };
}

let loaded: UiConfig | undefined;

export async function loadConfig(fetchImpl: typeof fetch = fetch): Promise<UiConfig> {
  if (loaded) return loaded;
  try {
    const res = await fetchImpl('./config.json', { cache: 'no-store' });
    loaded = parseConfig(res.ok ? await res.json() : null);
  } catch {
    loaded = FALLBACK_CONFIG;
  }
  return loaded;
}

export function uiConfig(): UiConfig {
  if (!loaded) throw new Error('configuration not loaded yet: call loadConfig() first');
  return loaded;
}

/** For tests and the benchmark page. */
export function setConfig(c: UiConfig): void {
  loaded = c;
}
