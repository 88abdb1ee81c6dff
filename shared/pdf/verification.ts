/**
 * The certificate's verification link (3.3, 3.4): anyone shown a certificate can check it is real.
 * The QR code carries the verification page `${PUBLIC_URL}/verify/<electionId>/<number>?sig=<kid><HMAC>`
 * (a page for people, served with the admin UI); the same check for machines is the API's
 * `/v1/public/certificates/<electionId>/<number>?sig=…` (JSON), which the page itself calls. Here
 * the HMAC is HMAC-SHA256(key, `${electionId}:${number}`) in base64url under the Commission's current
 * certificate key (always 43 characters, so the key id before it needs no separator and the whole
 * stays in the base64url alphabet), and `<kid>` names that key, so a number typed from a forged card
 * does not verify without the signature that only the Commission can make.
 *
 * The keys are a ring (shared/runtime/secrets.ts): rotating adds a key and makes it current, old keys
 * stay for verification, so certificates printed before a rotation keep verifying. A signature without
 * a key id (links made before key ids existed) is checked with the initial key.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { config } from '#runtime/config';
import {
  type CertificateKeys,
  INITIAL_CERTIFICATE_KID,
  parseCertificateKeys,
  refreshSecretsForUnknownKey,
  secrets,
} from '#runtime/secrets';

/** The key ring, or one key as a plain string (tests; the ring of the initial key). */
export type CertificateKeyRing = CertificateKeys | string;

const ringOf = (keys: CertificateKeyRing): CertificateKeys =>
  typeof keys === 'string' ? parseCertificateKeys(keys) : keys;

function hmac(key: string, electionId: string, number: string): string {
  return createHmac('sha256', key).update(`${electionId}:${number}`, 'utf8').digest('base64url');
}

/** Length of an HMAC-SHA256 in base64url without padding. */
const MAC_LENGTH = 43;

/** `<kid><HMAC>` with the current key. */
export function signCertificate(
  electionId: string,
  number: string,
  keys: CertificateKeyRing = secrets().certificateKeys,
): string {
  const ring = ringOf(keys);
  const key = ring.keys[ring.current];
  if (!key) throw new Error(`the current certificate key "${ring.current}" is not in the key ring`);
  return `${ring.current}${hmac(key, electionId, number)}`;
}

/**
 * Checks with the key the signature names (the initial key when it names none), in constant time; a
 * signature of an unknown key, the wrong length or alphabet is simply not valid.
 */
export function verifyCertificateSignature(
  electionId: string,
  number: string,
  sig: string,
  keys: CertificateKeyRing = secrets().certificateKeys,
): boolean {
  const ring = ringOf(keys);
  if (sig.length < MAC_LENGTH) return false;
  const kid = kidOf(sig);
  const key = Object.hasOwn(ring.keys, kid) ? ring.keys[kid] : undefined;
  if (!key) return false;
  const expected = Buffer.from(hmac(key, electionId, number), 'utf8');
  const given = Buffer.from(sig.slice(-MAC_LENGTH), 'utf8');
  if (given.length !== expected.length) return false;
  return timingSafeEqual(given, expected);
}

/** The key id a signature names (the initial key's when it names none). */
const kidOf = (sig: string): string =>
  sig.length === MAC_LENGTH ? INITIAL_CERTIFICATE_KID : sig.slice(0, -MAC_LENGTH);

/**
 * The public checks' form: a signature naming a key this container's cached ring lacks (a key rotated
 * in minutes ago, already used by the renderer) fetches the ring again before answering "unknown"
 * (the fetch is rate-limited in secrets.ts, so forged key ids cost nothing).
 */
export async function verifyCertificateSignatureNow(electionId: string, number: string, sig: string): Promise<boolean> {
  if (verifyCertificateSignature(electionId, number, sig)) return true;
  if (sig.length < MAC_LENGTH || Object.hasOwn(secrets().certificateKeys.keys, kidOf(sig))) return false;
  if (!(await refreshSecretsForUnknownKey())) return false;
  return verifyCertificateSignature(electionId, number, sig);
}

/** The API's path of the check (JSON, for machines). */
export function verificationPath(electionId: string, number: string): string {
  return `/v1/public/certificates/${encodeURIComponent(electionId)}/${encodeURIComponent(number)}`;
}

/** The verification page's path (for people; the QR code opens it). */
export function verificationPagePath(electionId: string, number: string): string {
  return `/verify/${encodeURIComponent(electionId)}/${encodeURIComponent(number)}`;
}

export function verificationUrl(
  electionId: string,
  number: string,
  publicUrl = config().publicUrl,
  keys: CertificateKeyRing = secrets().certificateKeys,
): string {
  const base = publicUrl.replace(/\/+$/, '');
  return `${base}${verificationPagePath(electionId, number)}?sig=${signCertificate(electionId, number, keys)}`;
}
