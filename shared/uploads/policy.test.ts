import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetConfig } from '#runtime/config';
import { objectKeyOf, parseObjectKey } from './object-keys';
import { decodePolicy, presignUpload, uploadConditions } from './policy';

const ENV = {
  TABLE_NAME: 'unit-table',
  DOCUMENTS_BUCKET: 'unit-documents',
  CERTIFICATES_BUCKET: 'unit-certificates',
  PORTAL_SESSION_SECRET: 'unit-portal-secret-0123456789abcdef',
  CERTIFICATE_SECRET: 'unit-certificate-secret-0123456789',
  AWS_REGION: 'eu-central-1',
  AWS_ACCESS_KEY_ID: 'unit',
  AWS_SECRET_ACCESS_KEY: 'unit',
};
const saved: Record<string, string | undefined> = {};

beforeAll(() => {
  for (const [k, v] of Object.entries(ENV)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  resetConfig();
});
afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetConfig();
});

const parts = {
  electionId: '01JA0000000000000000000001',
  organizationId: '01JA0000000000000000000002',
  applicationId: '01JA0000000000000000000003',
  personId: '01JA0000000000000000000004',
  kind: 'photo' as const,
  uploadId: '01JA0000000000000000000005',
};

describe('presigned POST policy', () => {
  it('binds key, content type, size range and a 10-minute expiry (decoded from the signed policy)', async () => {
    const key = objectKeyOf(parts);
    const before = Date.now();
    const upload = await presignUpload('photo', 'image/jpeg', key);
    const policy = decodePolicy(upload.fields.Policy ?? '');
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 1, 2 * 1024 * 1024],
        ['eq', '$Content-Type', 'image/jpeg'],
        ['eq', '$key', key],
        { key },
        { bucket: 'unit-documents' },
        { 'Content-Type': 'image/jpeg' },
      ]),
    );
    const expires = new Date(policy.expiration).getTime();
    expect(expires - before).toBeGreaterThan(590_000);
    expect(expires - before).toBeLessThanOrEqual(601_000);
    expect(upload.expiresAt).toBe(new Date(policy.expiration).toISOString());
    expect(upload.fields.key).toBe(key);
    expect(upload.fields['Content-Type']).toBe('image/jpeg');
    expect(upload.fields['X-Amz-Signature']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('allows documents up to 10 MB and photos up to 2 MB', () => {
    expect(uploadConditions('passport', 'application/pdf', 'k')[0]).toEqual(['content-length-range', 1, 10485760]);
    expect(uploadConditions('letter', 'application/pdf', 'k')[0]).toEqual(['content-length-range', 1, 10485760]);
    expect(uploadConditions('photo', 'image/png', 'k')[0]).toEqual(['content-length-range', 1, 2097152]);
  });
});

describe('object keys', () => {
  it('round-trips the key of a person document and of the letter', () => {
    expect(parseObjectKey(objectKeyOf(parts))).toEqual(parts);
    const letter = { ...parts, personId: null, kind: 'letter' as const };
    expect(objectKeyOf(letter)).toBe(
      `documents/${parts.electionId}/${parts.organizationId}/${parts.applicationId}/letter/letter/${parts.uploadId}`,
    );
    expect(parseObjectKey(objectKeyOf(letter))).toEqual(letter);
  });

  it('refuses keys the system did not issue', () => {
    expect(parseObjectKey('documents/../etc/passwd')).toBeNull();
    expect(parseObjectKey(objectKeyOf(parts).replace('/photo/', '/letter/'))).toBeNull();
    expect(parseObjectKey(`${objectKeyOf(parts)}/extra`)).toBeNull();
  });
});
