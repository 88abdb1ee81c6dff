/**
 * The certificate's verification link (3.3, 3.4): anyone shown a certificate can check it is real.
 * The QR code carries `${PUBLIC_URL}/v1/public/certificates/<electionId>/<number>?sig=<HMAC>` where
 * the signature is HMAC-SHA256(certificateSecret, `${electionId}:${number}`) in base64url, so a number
 * typed from a forged card does not verify without the signature that only the Commission can make.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { config } from '#runtime/config';

export function signCertificate(electionId: string, number: string, secret = config().certificateSecret): string {
  return createHmac('sha256', secret).update(`${electionId}:${number}`, 'utf8').digest('base64url');
}

/** Constant-time comparison; a signature of the wrong length or alphabet is simply not valid. */
export function verifyCertificateSignature(
  electionId: string,
  number: string,
  sig: string,
  secret = config().certificateSecret,
): boolean {
  const expected = Buffer.from(signCertificate(electionId, number, secret), 'utf8');
  const given = Buffer.from(sig, 'utf8');
  if (given.length !== expected.length) return false;
  return timingSafeEqual(given, expected);
}

export function verificationPath(electionId: string, number: string): string {
  return `/v1/public/certificates/${encodeURIComponent(electionId)}/${encodeURIComponent(number)}`;
}

export function verificationUrl(
  electionId: string,
  number: string,
  publicUrl = config().publicUrl,
  secret = config().certificateSecret,
): string {
  const base = publicUrl.replace(/\/+$/, '');
  return `${base}${verificationPath(electionId, number)}?sig=${signCertificate(electionId, number, secret)}`;
}
