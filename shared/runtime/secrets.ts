/**
 * The product's two secrets, never held in environment variables in AWS: the stack hands each function
 * the ARN of each secret (an ARN is not a secret), and `loadSecrets` fetches the values with
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

/** In AWS, both ARNs are set by the stack; without them the values are local ones. */
function arns(): { portalSession: string; certificate: string } | undefined {
  const portalSession = process.env.PORTAL_SESSION_SECRET_ARN;
  const certificate = process.env.CERTIFICATE_KEYS_SECRET_ARN;
  if (!portalSession && !certificate) return undefined;
  if (!portalSession || !certificate) {
    throw new Error('set both PORTAL_SESSION_SECRET_ARN and CERTIFICATE_KEYS_SECRET_ARN, or neither (local values)');
  }
  return { portalSession, certificate };
}

function localSecrets(): Secrets {
  return {
    portalSession: requiredEnv('PORTAL_SESSION_SECRET'),
    certificateKeys: parseCertificateKeys(requiredEnv('CERTIFICATE_SECRET')),
  };
}

let fetched: Secrets | undefined;

/**
 * Fetches the secrets (AWS) or reads the local values. Cheap when warm: Powertools answers from its
 * cache until `SECRET_MAX_AGE_SECONDS` have passed.
 */
export async function loadSecrets(): Promise<Secrets> {
  const where = arns();
  if (!where) return localSecrets();
  // Imported only in AWS: the twin and the tests never load the Secrets Manager client.
  const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
  const [portalSession, certificate] = await Promise.all([
    getSecret(where.portalSession, { maxAge: SECRET_MAX_AGE_SECONDS }),
    getSecret(where.certificate, { maxAge: SECRET_MAX_AGE_SECONDS }),
  ]);
  if (typeof portalSession !== 'string' || portalSession.length < 32) {
    throw new Error('the portal session secret is missing or shorter than 32 characters');
  }
  if (typeof certificate !== 'string') throw new Error('the certificate secret is missing');
  fetched = { portalSession, certificateKeys: parseCertificateKeys(certificate) };
  return fetched;
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

/** For tests. */
export function resetSecrets(): void {
  fetched = undefined;
}
