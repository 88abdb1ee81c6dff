import { describe, expect, it } from 'vitest';
import { signCertificate, verificationUrl, verifyCertificateSignature } from './verification';

const secret = 'test-secret';

describe('verification link signature', () => {
  it('is the key id and HMAC-SHA256 of "<electionId>:<number>" in base64url, and verifies', () => {
    const sig = signCertificate('01EL', '2027-PR-7QXA-00042', secret);
    expect(sig).toMatch(/^k1[A-Za-z0-9_-]{43}$/);
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

  it('builds the verification page URL the QR code carries', () => {
    const url = new URL(verificationUrl('01EL', '2027-PR-1', 'https://site.example/', secret));
    expect(url.pathname).toBe('/verify/01EL/2027-PR-1');
    expect(url.searchParams.get('sig')).toBe(signCertificate('01EL', '2027-PR-1', secret));
  });

  it('keeps certificates signed before a rotation verifying, and signs new ones with the new key', () => {
    const before = { current: 'k1', keys: { k1: 'first-key-0123456789abcdef' } };
    const after = { current: 'k2', keys: { ...before.keys, k2: 'second-key-0123456789abcdef' } };
    const old = signCertificate('01EL', '2027-PR-1', before);
    const fresh = signCertificate('01EL', '2027-PR-1', after);
    expect(fresh).toMatch(/^k2[A-Za-z0-9_-]{43}$/);
    expect(verifyCertificateSignature('01EL', '2027-PR-1', old, after)).toBe(true);
    expect(verifyCertificateSignature('01EL', '2027-PR-1', fresh, after)).toBe(true);
    // A link made before key ids existed is checked with the initial key.
    expect(verifyCertificateSignature('01EL', '2027-PR-1', old.slice(2), after)).toBe(true);
    // A key removed from the ring no longer verifies; a made-up key id never does.
    expect(verifyCertificateSignature('01EL', '2027-PR-1', old, { current: 'k2', keys: { k2: after.keys.k2 } })).toBe(
      false,
    );
    expect(verifyCertificateSignature('01EL', '2027-PR-1', `k9${fresh.slice(2)}`, after)).toBe(false);
    expect(verifyCertificateSignature('01EL', '2027-PR-1', `constructor${fresh.slice(2)}`, after)).toBe(false);
  });
});
