/**
 * Ports of the local twin. Each service has a default port (the one the README and the admin UI's
 * defaults name) and an environment variable that changes it. A port that is taken is reported with
 * the variable to set, before anything starts, so a half-started twin is never left behind.
 */
import { createServer } from 'node:net';

export type ServiceName = 'api' | 'dynamodb' | 's3' | 'ses' | 'oidc' | 'ui';

export interface PortSetting {
  env: string;
  fallback: number;
  label: string;
}

export const PORT_SETTINGS: Record<ServiceName, PortSetting> = {
  api: { env: 'TWIN_API_PORT', fallback: 4000, label: 'the API gateway' },
  dynamodb: { env: 'TWIN_DYNAMODB_PORT', fallback: 8000, label: 'DynamoDB Local' },
  s3: { env: 'TWIN_S3_PORT', fallback: 4569, label: 'S3 (s3rver)' },
  ses: { env: 'TWIN_SES_PORT', fallback: 8005, label: 'SES and the mail viewer (aws-ses-v2-local)' },
  oidc: { env: 'TWIN_OIDC_PORT', fallback: 4010, label: 'the sign-in issuer (OIDC)' },
  ui: { env: 'TWIN_UI_PORT', fallback: 5173, label: 'the admin UI (Vite)' },
};

/** Services listen on the loopback interface only: the twin holds demo personal data and no auth on S3. */
export const HOST = '127.0.0.1';

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

/** The port of a service: an explicit option, else its environment variable, else the default. */
export function portOf(service: ServiceName, explicit?: number): number {
  if (explicit !== undefined) return explicit;
  const setting = PORT_SETTINGS[service];
  const raw = process.env[setting.env];
  if (raw === undefined || raw === '') return setting.fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${setting.env}=${raw} is not a port number (0 to 65535)`);
  }
  return port;
}

function probe(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, HOST, () => srv.close(() => resolve(true)));
  });
}

/** A port nobody listens on now (another process could still take it before it is used). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Throws one error naming every busy port and the variable that moves it. Port 0 (any free port) is skipped. */
export async function assertPortsFree(ports: Partial<Record<ServiceName, number>>): Promise<void> {
  const entries = Object.entries(ports).filter(([, p]) => p !== undefined && p !== 0) as [ServiceName, number][];
  const busy = (await Promise.all(entries.map(async ([s, p]) => ((await probe(p)) ? null : ([s, p] as const))))).filter(
    (x) => x !== null,
  );
  if (busy.length === 0) return;
  const lines = busy.map(
    ([s, p]) =>
      `port ${p} (${PORT_SETTINGS[s].label}) is in use: stop what listens on it, or set ${PORT_SETTINGS[s].env} to another port`,
  );
  throw new PortInUseError(lines.join('\n'));
}
