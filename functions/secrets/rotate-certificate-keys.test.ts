import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { signCertificate, verifyCertificateSignature } from '#pdf/verification';
import { checkRotatedRing, nextKid, rotatedRing, serializeRing } from '#runtime/key-ring-rotation';
import { parseCertificateKeys } from '#runtime/secrets';
import { type RotationEvent, rotate } from './rotate-certificate-keys';

const FIRST_KEY = 'generated-at-the-first-deploy-0123456789abcdefghijklmnopqrstuvwxyz';

describe('the key ring rotation steps (pure)', () => {
  it('adds a new current key under the next key id and keeps every earlier key', () => {
    const once = rotatedRing(FIRST_KEY, 'n'.repeat(64));
    expect(once).toEqual({ current: 'k2', keys: { k1: FIRST_KEY, k2: 'n'.repeat(64) } });
    const twice = rotatedRing(serializeRing(once));
    expect(twice.current).toBe('k3');
    expect(twice.keys.k1).toBe(FIRST_KEY);
    expect(twice.keys.k2).toBe('n'.repeat(64));
    expect(twice.keys.k3).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(nextKid({ current: 'spare', keys: { spare: 'x'.repeat(16), k7: 'y'.repeat(16) } })).toBe('k8');
  });

  it('keeps links signed before any number of rotations verifying, and signs new ones with the new key id', () => {
    let raw = FIRST_KEY;
    const signed: { number: string; sig: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const number = `KG-${String(i).padStart(4, '0')}`;
      signed.push({ number, sig: signCertificate('e-2026', number, parseCertificateKeys(raw)) });
      raw = serializeRing(checkRotatedRing(raw, serializeRing(rotatedRing(raw))));
    }
    const ring = parseCertificateKeys(raw);
    expect(ring.current).toBe('k6');
    expect(signed.map((s) => s.sig.slice(0, 2))).toEqual(['k1', 'k2', 'k3', 'k4', 'k5']);
    for (const s of signed) expect(verifyCertificateSignature('e-2026', s.number, s.sig, ring), s.number).toBe(true);
    expect(signCertificate('e-2026', 'KG-9999', ring).startsWith('k6')).toBe(true);
    // A link whose signature was made without a key id (before key ids existed) is the initial key's.
    const bare = signCertificate('e-2026', 'KG-0000', FIRST_KEY).slice(2);
    expect(verifyCertificateSignature('e-2026', 'KG-0000', bare, ring)).toBe(true);
  });

  it('refuses a pending ring that dropped or changed an earlier key, or did not add a new current one', () => {
    const before = serializeRing(rotatedRing(FIRST_KEY, 'n'.repeat(64)));
    const dropped = { current: 'k3', keys: { k2: 'n'.repeat(64), k3: 'm'.repeat(64) } };
    expect(() => checkRotatedRing(before, JSON.stringify(dropped))).toThrow(/lost or changed key "k1"/);
    const changed = { current: 'k3', keys: { k1: 'z'.repeat(64), k2: 'n'.repeat(64), k3: 'm'.repeat(64) } };
    expect(() => checkRotatedRing(before, JSON.stringify(changed))).toThrow(/"k1"/);
    expect(() => checkRotatedRing(before, before)).toThrow(/not a new key/);
  });
});

/** Secrets Manager for one secret: versions with staging labels, as the rotation sees them. */
function fakeSecretsManager(initial: string) {
  const sm = mockClient(SecretsManagerClient);
  const versions = new Map<string, { value?: string; stages: string[] }>([
    ['v0', { value: initial, stages: ['AWSCURRENT'] }],
  ]);
  sm.on(DescribeSecretCommand).callsFake(() => ({
    RotationEnabled: true,
    VersionIdsToStages: Object.fromEntries([...versions].map(([id, v]) => [id, [...v.stages]])),
  }));
  sm.on(GetSecretValueCommand).callsFake((input: { VersionId?: string; VersionStage?: string }) => {
    const found = [...versions].find(
      ([id, v]) =>
        (!input.VersionId || id === input.VersionId) && (!input.VersionStage || v.stages.includes(input.VersionStage)),
    );
    if (!found?.[1].value) throw new ResourceNotFoundException({ message: 'no such version', $metadata: {} });
    return { VersionId: found[0], SecretString: found[1].value };
  });
  sm.on(PutSecretValueCommand).callsFake((input: { ClientRequestToken: string; SecretString: string }) => {
    versions.get(input.ClientRequestToken)!.value = input.SecretString;
    return {};
  });
  sm.on(UpdateSecretVersionStageCommand).callsFake(
    (input: { MoveToVersionId: string; RemoveFromVersionId?: string }) => {
      const from = versions.get(input.RemoveFromVersionId!)!;
      from.stages = [...from.stages.filter((s) => s !== 'AWSCURRENT'), 'AWSPREVIOUS'];
      const to = versions.get(input.MoveToVersionId)!;
      to.stages = [...to.stages.filter((s) => s !== 'AWSPENDING'), 'AWSCURRENT'];
      return {};
    },
  );
  /** What Secrets Manager does when a rotation starts: a pending version under a new token. */
  const start = (token: string) => versions.set(token, { stages: ['AWSPENDING'] });
  const current = () => [...versions.values()].find((v) => v.stages.includes('AWSCURRENT'))!.value!;
  return { sm, start, current, versions };
}

describe('the rotation function (Secrets Manager four-step rotation)', () => {
  let fake: ReturnType<typeof fakeSecretsManager>;
  beforeEach(() => {
    fake = fakeSecretsManager(FIRST_KEY);
  });
  const steps = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;
  const run = async (token: string, step: RotationEvent['Step']) =>
    rotate({
      Step: step,
      SecretId: 'arn:aws:secretsmanager:eu-central-1:1:secret:CertificateKeys',
      ClientRequestToken: token,
    });

  it('makes a ring with a new current key the current version, and a second run after it changes nothing', async () => {
    const before = signCertificate('e-2026', 'KG-0001', FIRST_KEY);
    fake.start('t1');
    for (const step of steps) await run('t1', step);
    const ring = parseCertificateKeys(fake.current());
    expect(ring.current).toBe('k2');
    expect(Object.keys(ring.keys)).toEqual(['k1', 'k2']);
    expect(verifyCertificateSignature('e-2026', 'KG-0001', before, ring)).toBe(true);
    expect(fake.versions.get('v0')!.stages).toEqual(['AWSPREVIOUS']);
    // Steps repeated after success (a retry) are no-ops: the version is current already.
    for (const step of steps) await run('t1', step);
    expect(fake.sm.commandCalls(PutSecretValueCommand)).toHaveLength(1);
    expect(fake.sm.commandCalls(UpdateSecretVersionStageCommand)).toHaveLength(1);
  });

  it('creates the pending ring once even when createSecret is called again, and rotates again from it', async () => {
    fake.start('t1');
    await run('t1', 'createSecret');
    await run('t1', 'createSecret');
    expect(fake.sm.commandCalls(PutSecretValueCommand)).toHaveLength(1);
    for (const step of steps.slice(1)) await run('t1', step);
    fake.start('t2');
    for (const step of steps) await run('t2', step);
    const ring = parseCertificateKeys(fake.current());
    expect(ring.current).toBe('k3');
    expect(ring.keys.k1).toBe(FIRST_KEY);
  });

  it('refuses a token that is not pending, and stops in testSecret when the pending ring lost a key', async () => {
    await expect(run('unknown', 'createSecret')).rejects.toThrow(/not a version/);
    fake.start('t1');
    await run('t1', 'createSecret');
    fake.versions.get('t1')!.value = JSON.stringify({ current: 'k2', keys: { k2: 'n'.repeat(64) } });
    await expect(run('t1', 'testSecret')).rejects.toThrow(/lost or changed key "k1"/);
    expect(parseCertificateKeys(fake.current())).toEqual({ current: 'k1', keys: { k1: FIRST_KEY } });
  });
});
