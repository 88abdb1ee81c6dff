import { describe, expect, it } from 'vitest';
import { signCertificate, verificationUrl, verifyCertificateSignature } from './verification';

const secret = 'test-secret';

describe('verification link signature', () => {
  it('is HMAC-SHA256 of "<electionId>:<number>" in base64url and verifies', () => {
    const sig = signCertificate('01EL', '2027-PR-7QXA-00042', secret);
    expect(sig).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(verifyCertificateSignature('01EL', '2027-PR-7QXA-00042', sig, secret)).toBe(true);
  });

  it('does not verify another number, another election, a truncated or a foreign signature', () => {
    const sig = signCertificate('01EL', '2027-PR-7QXA-00042', secret);
    expect(verifyCertificateSignature('01EL', '2027-PR-7QXA-00043', sig, secret)).toBe(false);
    expect(verifyCertificateSignature('01EM', '2027-PR-7QXA-00042', sig, secret)).toBe(false);
    expect(verifyCertificateSignature('01EL', '2027-PR-7QXA-00042', sig.slice(0, -1), secret)).toBe(false);
    expect(verifyCertificateSignature('01EL', '2027-PR-7QXA-00042', sig, 'other')).toBe(false);
    expect(verifyCertificateSignature('01EL', '2027-PR-7QXA-00042', '', secret)).toBe(false);
  });

  it('builds the public URL the QR code carries', () => {
    const url = new URL(verificationUrl('01EL', '2027-PR-1', 'https://api.example/', secret));
    expect(url.pathname).toBe('/v1/public/certificates/01EL/2027-PR-1');
    expect(url.searchParams.get('sig')).toBe(signCertificate('01EL', '2027-PR-1', secret));
  });
});
