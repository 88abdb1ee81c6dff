import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signCertificate, verifyCertificateSignatureNow } from '#pdf/verification';
import { loadSecrets, originSecret, parseCertificateKeys, parseOriginSecret, resetSecrets, secrets } from './secrets';

const sm = mockClient(SecretsManagerClient);
const SESSION_ARN = 'arn:aws:secretsmanager:eu-central-1:111122223333:secret:PortalSession-AbCdEf';
const CERT_ARN = 'arn:aws:secretsmanager:eu-central-1:111122223333:secret:CertificateKeys-GhIjKl';
const ORIGIN_ARN = 'arn:aws:secretsmanager:eu-central-1:111122223333:secret:OriginVerify-MnOpQr';
const saved = { ...process.env };

describe('certificate key ring', () => {
  it('reads a plain string as the initial key, and the JSON ring as it is', () => {
    expect(parseCertificateKeys('generated-at-first-deploy')).toEqual({
      current: 'k1',
      keys: { k1: 'generated-at-first-deploy' },
    });
    const ring = { current: 'k2', keys: { k1: 'a'.repeat(32), k2: 'b'.repeat(32) } };
    expect(parseCertificateKeys(JSON.stringify(ring))).toEqual(ring);
  });

  it('refuses a ring whose current key is missing, a short key, or a bad key id', () => {
    expect(() => parseCertificateKeys(JSON.stringify({ current: 'k3', keys: { k1: 'a'.repeat(32) } }))).toThrow(
      /current certificate key "k3"/,
    );
    expect(() => parseCertificateKeys(JSON.stringify({ current: 'k1', keys: { k1: 'short' } }))).toThrow(/16/);
    expect(() => parseCertificateKeys(JSON.stringify({ current: 'a.b', keys: { 'a.b': 'a'.repeat(32) } }))).toThrow(
      /letters, digits/,
    );
    expect(() => parseCertificateKeys('{not json')).toThrow(/valid JSON/);
  });
});

describe('secrets', () => {
  beforeEach(() => {
    sm.reset();
    resetSecrets();
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('uses the local values when no secret ARNs are configured (the twin)', async () => {
    delete process.env.PORTAL_SESSION_SECRET_ARN;
    delete process.env.CERTIFICATE_KEYS_SECRET_ARN;
    process.env.PORTAL_SESSION_SECRET = 'local-session-secret-0123456789abcdef';
    process.env.CERTIFICATE_SECRET = 'local-certificate-secret';
    expect((await loadSecrets()).portalSession).toBe('local-session-secret-0123456789abcdef');
    expect(secrets().certificateKeys).toEqual({ current: 'k1', keys: { k1: 'local-certificate-secret' } });
    expect(sm.calls()).toHaveLength(0);
  });

  it('fetches both secrets by ARN in AWS, once per cache period, and never reads them from the environment', async () => {
    process.env.PORTAL_SESSION_SECRET_ARN = SESSION_ARN;
    process.env.CERTIFICATE_KEYS_SECRET_ARN = CERT_ARN;
    delete process.env.PORTAL_SESSION_SECRET;
    delete process.env.CERTIFICATE_SECRET;
    const ring = { current: 'k2', keys: { k1: 'a'.repeat(32), k2: 'b'.repeat(32) } };
    sm.on(GetSecretValueCommand, { SecretId: SESSION_ARN }).resolves({ SecretString: 's'.repeat(64) });
    sm.on(GetSecretValueCommand, { SecretId: CERT_ARN }).resolves({ SecretString: JSON.stringify(ring) });
    expect(() => secrets()).toThrow(/loadSecrets/);
    await loadSecrets();
    await loadSecrets();
    expect(secrets()).toEqual({ portalSession: 's'.repeat(64), certificateKeys: ring });
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('fetches only the secrets the function was given; reading another names the missing need', async () => {
    process.env.CERTIFICATE_KEYS_SECRET_ARN = `${CERT_ARN}-only`;
    delete process.env.PORTAL_SESSION_SECRET_ARN;
    delete process.env.ORIGIN_VERIFY_SECRET_ARN;
    process.env.PORTAL_SESSION_SECRET = 'a-local-value-that-must-not-be-used-in-aws';
    sm.on(GetSecretValueCommand, { SecretId: `${CERT_ARN}-only` }).resolves({ SecretString: 'c'.repeat(32) });
    await loadSecrets();
    expect(secrets().certificateKeys).toEqual({ current: 'k1', keys: { k1: 'c'.repeat(32) } });
    expect(() => secrets().portalSession).toThrow(/secret:portal-session.*needs\.ts/);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(await originSecret()).toBeUndefined();
  });

  it('refuses a too short session secret and an origin secret that is not the JSON pair', async () => {
    process.env.PORTAL_SESSION_SECRET_ARN = `${SESSION_ARN}-short`;
    delete process.env.CERTIFICATE_KEYS_SECRET_ARN;
    sm.on(GetSecretValueCommand).resolves({ SecretString: 'short' });
    await expect(loadSecrets()).rejects.toThrow(/32 characters/);
    expect(() => parseOriginSecret('plain')).toThrow(/JSON/);
    expect(() => parseOriginSecret(JSON.stringify({ current: 'short' }))).toThrow(/32/);
    expect(parseOriginSecret(JSON.stringify({ current: 'o'.repeat(32), previous: 'p'.repeat(32) }))).toEqual({
      current: 'o'.repeat(32),
      previous: 'p'.repeat(32),
    });
  });

  it('fetches the origin secret for the API functions that are given it', async () => {
    process.env.ORIGIN_VERIFY_SECRET_ARN = ORIGIN_ARN;
    delete process.env.PORTAL_SESSION_SECRET_ARN;
    delete process.env.CERTIFICATE_KEYS_SECRET_ARN;
    sm.on(GetSecretValueCommand, { SecretId: ORIGIN_ARN }).resolves({
      SecretString: JSON.stringify({ current: 'o'.repeat(40) }),
    });
    expect(await originSecret()).toEqual({ current: 'o'.repeat(40) });
    expect(() => secrets().certificateKeys).toThrow(/secret:certificate-keys/);
  });
  it('fetches the ring again when a link names a key rotated in after this container cached it, at most every 30 s', async () => {
    const arn = `${CERT_ARN}-rotated`;
    process.env.CERTIFICATE_KEYS_SECRET_ARN = arn;
    delete process.env.PORTAL_SESSION_SECRET_ARN;
    delete process.env.ORIGIN_VERIFY_SECRET_ARN;
    const before = { current: 'k1', keys: { k1: 'a'.repeat(32) } };
    const after = { current: 'k2', keys: { k1: 'a'.repeat(32), k2: 'b'.repeat(32) } };
    sm.on(GetSecretValueCommand, { SecretId: arn })
      .resolvesOnce({ SecretString: JSON.stringify(before) })
      .resolves({ SecretString: JSON.stringify(after) });
    await loadSecrets();
    const newLink = signCertificate('PR-2027', '2027-PR-AAAA-00001', after);
    expect(newLink.startsWith('k2')).toBe(true);
    // The cached ring lacks k2: one forced fetch finds it.
    expect(await verifyCertificateSignatureNow('PR-2027', '2027-PR-AAAA-00001', newLink)).toBe(true);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(2);
    // A forged key id right after costs no fetch; a wrong MAC under a known key never fetches.
    const forged = `k9${newLink.slice(2)}`;
    expect(await verifyCertificateSignatureNow('PR-2027', '2027-PR-AAAA-00001', forged)).toBe(false);
    expect(await verifyCertificateSignatureNow('PR-2027', '2027-PR-AAAA-00002', newLink)).toBe(false);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });
});
