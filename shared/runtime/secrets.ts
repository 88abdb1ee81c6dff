/**
 * The product's secrets, never held in environment variables in AWS: the stack hands each function
 * the ARN of each secret it needs, and only those (an ARN is not a secret), and `loadSecrets` fetches the values with
 * Powertools Parameters at cold start, cached for a few minutes so a rotation reaches every warm
 * container soon after. The handler wrappers (./observability.ts) await it before any work, so the
 * synchronous `secrets()` the code calls later always has a value.
 *
 * On the local twin and in tests there are no ARNs: the values come from `PORTAL_SESSION_SECRET` and
 * `CERTIFICATE_SECRET`, read when asked.
 *
 * The certificate secret is a key ring so that rotating it keeps old certificates verifying:
 * `{ "current": "<kid>", "keys": { "<kid>": "<key>", ... } }`. New links are signed with `current`
 * and carry its id; a link is verified with the key its id names. A plain string (what the stack
 * generates at the first deploy, and the twin's value) is the ring `{ current: "k1", keys: { k1 } }`,
 * which is also the key of links signed before key ids existed.
 */

/** Seconds a fetched secret is reused before it is fetched again (Powertools' in-memory cache). */
export const SECRET_MAX_AGE_SECONDS = 300;

/** The id of the first certificate key, and of links that carry no key id. */
export const INITIAL_CERTIFICATE_KID = 'k1';

export interface CertificateKeys {
  current: string;
  keys: Readonly<Record<string, string>>;
}

export interface Secrets {
  /** HS256 key of portal sessions; also derives the key that seals access codes in the outbox. */
  portalSession: string;
  /** HMAC keys of certificate verification links. */
  certificateKeys: CertificateKeys;
}

const KID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** Reads the certificate secret: the JSON key ring, or a plain string as the ring of one initial key. */
export function parseCertificateKeys(raw: string): CertificateKeys {
  const text = raw.trim();
  if (text === '') throw new Error('the certificate secret is empty');
  if (!text.startsWith('{')) return { current: INITIAL_CERTIFICATE_KID, keys: { [INITIAL_CERTIFICATE_KID]: text } };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('the certificate secret starts with "{" but is not valid JSON');
  }
  const ring = parsed as { current?: unknown; keys?: unknown };
  if (typeof ring.current !== 'string' || typeof ring.keys !== 'object' || ring.keys === null) {
    throw new Error('the certificate secret must be { "current": "<kid>", "keys": { "<kid>": "<key>" } }');
  }
  const keys: Record<string, string> = {};
  for (const [kid, value] of Object.entries(ring.keys as Record<string, unknown>)) {
    if (!KID_PATTERN.test(kid)) throw new Error(`certificate key id "${kid}" must be 1–32 letters, digits, - or _`);
    if (typeof value !== 'string' || value.length < 16) {
      throw new Error(`certificate key "${kid}" must be a string of at least 16 characters`);
    }
    keys[kid] = value;
  }
  if (!keys[ring.current]) throw new Error(`the current certificate key "${ring.current}" is not in the key ring`);
  return { current: ring.current, keys };
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`missing required environment variable ${name}`);
  return value;
}

/**
 * The origin secret: the value CloudFront sends in the `ORIGIN_VERIFY_HEADER` of every request it
 * forwards to the API, as `{ "current": "...", "previous": "..." }`. CloudFront sends `current`; the
 * functions accept either, so changing it (put a new current, keep the old as previous, deploy) never
 * refuses requests while CloudFront takes the new value.
 */
export interface OriginSecret {
  current: string;
  previous?: string;
}

/** The header CloudFront adds to the requests it forwards to the API (shared/http/origin-check.ts). */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

export function parseOriginSecret(raw: string): OriginSecret {
  let parsed: { current?: unknown; previous?: unknown };
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error('the origin secret must be JSON { "current": "...", "previous": "..." }');
  }
  const ok = (v: unknown): v is string => typeof v === 'string' && v.length >= 32;
  if (!ok(parsed.current)) throw new Error('the origin secret\'s "current" must be at least 32 characters');
  if (parsed.previous !== undefined && !ok(parsed.previous)) {
    throw new Error('the origin secret\'s "previous", when given, must be at least 32 characters');
  }
  return { current: parsed.current, ...(parsed.previous !== undefined ? { previous: parsed.previous as string } : {}) };
}

/**
 * The secrets by ARN, each set by the stack only on the functions whose needs name it
 * (infra/stacks/needs.ts): a function holds the ARNs, and the read permission, of its own secrets only.
 */
const SECRET_ARNS = {
  portalSession: 'PORTAL_SESSION_SECRET_ARN',
  certificateKeys: 'CERTIFICATE_KEYS_SECRET_ARN',
  origin: 'ORIGIN_VERIFY_SECRET_ARN',
} as const;

/** The need (infra/stacks/needs.ts) that gives a function each secret. */
const NEED_OF: Record<keyof typeof SECRET_ARNS, string> = {
  portalSession: 'secret:portal-session',
  certificateKeys: 'secret:certificate-keys',
  origin: 'secret:origin',
};

type Arns = Partial<Record<keyof typeof SECRET_ARNS, string>>;

/** In AWS, the ARNs of this function's secrets; undefined when none is set (the twin, the tests: local values). */
function arns(): Arns | undefined {
  const out: Arns = {};
  for (const [key, env] of Object.entries(SECRET_ARNS) as [keyof typeof SECRET_ARNS, string][]) {
    const value = process.env[env];
    if (value) out[key] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Whether the function runs deployed (it was given secrets by ARN), where the origin check applies. */
export function deployedSecrets(): boolean {
  return arns() !== undefined;
}

function notGranted(key: keyof typeof SECRET_ARNS): never {
  throw new Error(
    `this function may not read the ${key} secret: give its handler the need '${NEED_OF[key]}' (infra/stacks/needs.ts)`,
  );
}

/** Secrets whose reading throws for a secret the function was not given (names the missing need). */
function granted(values: { portalSession?: string; certificateKeys?: CertificateKeys }): Secrets {
  return {
    get portalSession() {
      return values.portalSession ?? notGranted('portalSession');
    },
    get certificateKeys() {
      return values.certificateKeys ?? notGranted('certificateKeys');
    },
  };
}

function localSecrets(): Secrets {
  return {
    portalSession: requiredEnv('PORTAL_SESSION_SECRET'),
    certificateKeys: parseCertificateKeys(requiredEnv('CERTIFICATE_SECRET')),
  };
}

let fetched: Secrets | undefined;
let fetchedOrigin: OriginSecret | undefined;

/**
 * Fetches this function's secrets (AWS) or reads the local values. Cheap when warm: Powertools answers
 * from its cache until `SECRET_MAX_AGE_SECONDS` have passed.
 */
export async function loadSecrets(options: { forceFetch?: boolean } = {}): Promise<Secrets> {
  const where = arns();
  if (!where) return localSecrets();
  // Imported only in AWS: the twin and the tests never load the Secrets Manager client.
  const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
  const get = async (arn: string | undefined) =>
    arn ? getSecret(arn, { maxAge: SECRET_MAX_AGE_SECONDS, forceFetch: options.forceFetch === true }) : undefined;
  const [portalSession, certificate, origin] = await Promise.all([
    get(where.portalSession),
    get(where.certificateKeys),
    get(where.origin),
  ]);
  if (where.portalSession && (typeof portalSession !== 'string' || portalSession.length < 32)) {
    throw new Error('the portal session secret is missing or shorter than 32 characters');
  }
  if (where.certificateKeys && typeof certificate !== 'string') throw new Error('the certificate secret is missing');
  if (where.origin && typeof origin !== 'string') throw new Error('the origin secret is missing');
  fetched = granted({
    portalSession: portalSession as string | undefined,
    certificateKeys: typeof certificate === 'string' ? parseCertificateKeys(certificate) : undefined,
  });
  fetchedOrigin = typeof origin === 'string' ? parseOriginSecret(origin) : undefined;
  return fetched;
}

/** Seconds between two forced fetches of the secrets (see `refreshSecretsForUnknownKey`). */
export const FORCED_FETCH_INTERVAL_SECONDS = 30;
let lastForcedFetch = Number.NEGATIVE_INFINITY;

/**
 * A link signed with a key id this container's cached ring does not hold may come from a key rotated
 * in during the last few minutes (the renderer fetched the new ring first): the ring is fetched again,
 * bypassing the cache, at most once every 30 seconds, so forged key ids cannot turn every check into a
 * Secrets Manager call. True when a fresh ring was fetched.
 */
export async function refreshSecretsForUnknownKey(now: number = Date.now()): Promise<boolean> {
  if (!arns()?.certificateKeys) return false;
  if (now - lastForcedFetch < FORCED_FETCH_INTERVAL_SECONDS * 1000) return false;
  lastForcedFetch = now;
  await loadSecrets({ forceFetch: true });
  return true;
}

/** What the handler wrappers await before any work: the fetch in AWS; nothing locally (read when used). */
export async function prefetchSecrets(): Promise<void> {
  if (arns()) await loadSecrets();
}

/** The secrets, synchronously: in AWS the values `loadSecrets` last fetched; locally the environment's. */
export function secrets(): Secrets {
  if (!arns()) return localSecrets();
  if (!fetched) {
    throw new Error('secrets are fetched at cold start: await loadSecrets() first (the handler wrappers do)');
  }
  return fetched;
}

/**
 * The origin secret the API's functions compare CloudFront's header with; undefined where no origin
 * secret is given (the twin, the tests, and functions that are not behind CloudFront).
 */
export async function originSecret(): Promise<OriginSecret | undefined> {
  if (!arns()?.origin) return undefined;
  await loadSecrets();
  return fetchedOrigin;
}

/** For tests. */
export function resetSecrets(): void {
  fetched = undefined;
  lastForcedFetch = Number.NEGATIVE_INFINITY;
  fetchedOrigin = undefined;
}
