/**
 * Rotation of the certificate key ring (shared/runtime/secrets.ts), as pure steps of Secrets
 * Manager's four-step rotation (functions/secrets/rotate-certificate-keys.ts runs them):
 *
 * - createSecret: the pending ring is the current ring plus one new key under a new key id, made
 *   current. Every earlier key stays, so a certificate printed years ago still verifies (3.4).
 * - setSecret: nothing to do: the ring is read only by the product's own functions.
 * - testSecret: the pending ring must hold every earlier key unchanged and a new current key that
 *   signs and verifies a link.
 * - finishSecret: the pending version becomes AWSCURRENT (Secrets Manager's staging labels).
 */
import { randomBytes } from 'node:crypto';
import { signCertificate, verifyCertificateSignature } from '#pdf/verification';
import { type CertificateKeys, parseCertificateKeys } from './secrets';

/** Key ids the rotation gives: k1 (the first deploy's key), k2, k3, … */
const NUMBERED_KID = /^k(\d+)$/;

/** The next key id after every numbered id in the ring (k1 → k2; ids of another shape are skipped). */
export function nextKid(ring: CertificateKeys): string {
  let highest = 0;
  for (const kid of Object.keys(ring.keys)) {
    const m = NUMBERED_KID.exec(kid);
    if (m) highest = Math.max(highest, Number(m[1]));
  }
  let n = highest + 1;
  while (Object.hasOwn(ring.keys, `k${n}`)) n++;
  return `k${n}`;
}

/** A new key: 48 random bytes in base64url (64 characters). */
export function newCertificateKey(): string {
  return randomBytes(48).toString('base64url');
}

/** createSecret: the current ring (JSON or the plain first key) plus a new current key; earlier keys kept. */
export function rotatedRing(currentRaw: string, key: string = newCertificateKey()): CertificateKeys {
  const ring = parseCertificateKeys(currentRaw);
  const kid = nextKid(ring);
  return { current: kid, keys: { ...ring.keys, [kid]: key } };
}

/** The ring as stored in the secret. */
export function serializeRing(ring: CertificateKeys): string {
  return JSON.stringify({ current: ring.current, keys: ring.keys });
}

/**
 * testSecret: refuses (throws, so Secrets Manager stops the rotation and AWSCURRENT stays) a pending
 * ring that lost or changed an earlier key, kept the old current key, or cannot sign and verify.
 */
export function checkRotatedRing(currentRaw: string, pendingRaw: string): CertificateKeys {
  const before = parseCertificateKeys(currentRaw);
  const after = parseCertificateKeys(pendingRaw);
  for (const [kid, key] of Object.entries(before.keys)) {
    if (after.keys[kid] !== key) {
      throw new Error(
        `the rotated key ring lost or changed key "${kid}": certificates signed with it would not verify`,
      );
    }
  }
  if (Object.hasOwn(before.keys, after.current)) {
    throw new Error(`the rotated key ring's current key "${after.current}" is not a new key`);
  }
  const probe = ['rotation-check', 'KG-0000'] as const;
  if (!verifyCertificateSignature(...probe, signCertificate(...probe, after), after)) {
    throw new Error('the rotated key ring does not verify a link signed with its current key');
  }
  return after;
}
