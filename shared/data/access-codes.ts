/**
 * Access codes of invitations (2.2, 2.5): `<invitation id>.<secret>`, where the secret is 128 random
 * bits written as 26 base32 characters. Only the SHA-256 of the secret is stored, on the invitation;
 * the code itself travels once, sealed, through the outbox to the organization's email.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const SECRET_BYTES = 16;
export const SECRET_LENGTH = 26;

/** RFC 4648 base32 without padding. */
export function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export interface NewAccessCode {
  /** The code as the organization receives it. Never stored, never logged. */
  code: string;
  /** SHA-256 (hex) of the secret part, stored on the invitation. */
  hash: string;
}

export function generateAccessCode(invitationId: string): NewAccessCode {
  const secret = base32(randomBytes(SECRET_BYTES));
  return { code: `${invitationId}.${secret}`, hash: hashSecret(secret) };
}

export function parseAccessCode(code: string): { invitationId: string; secret: string } | null {
  const m = /^([0-9A-HJKMNP-TV-Z]{26})\.([A-Z2-7]{26})$/.exec(code.trim().toUpperCase());
  return m ? { invitationId: m[1]!, secret: m[2]! } : null;
}

/** Constant-time comparison of a presented secret with the stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return stored.length === presented.length && timingSafeEqual(presented, stored);
}
