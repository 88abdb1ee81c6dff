/**
 * The public certificate check (3.4) against DynamoDB Local: what it reads on every scan and what it
 * keeps. A revocation (4.7) is on the certificate item, read strongly consistent on every check, so it
 * shows on the very next scan; the election's calendar is kept for CALENDAR_REUSE_MS, so the results'
 * publication recorded late (3.7) shows once that time has passed, and a publication recorded on its
 * own day changes no answer before 00:00 after it anyway.
 */
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#data/audit';
import { certificatePut, certificateRevokeUpdate } from '#data/certificates';
import { updateElection } from '#data/elections';
import { transact } from '#data/transact';
import { CALENDAR_REUSE_MS, checkCertificate } from '#pdf/check';
import { signCertificate } from '#pdf/verification';
import {
  certificateOf,
  makeApplication,
  makeElection,
  makeOrganization,
  personOf,
  seedPeople,
  useOwnTable,
} from './jobs-fixtures';

const NOW = new Date('2027-03-20T06:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
const actor = systemActor('certificate-check-test');

beforeAll(async () => {
  await useOwnTable('cert-check');
});

async function issued() {
  const election = await makeElection();
  const org = await makeOrganization();
  const app = await makeApplication(election.id, org, { status: 'submitted' });
  const number = `2027-PR-TEST-${ulid().slice(-5)}`;
  const person = personOf(app, org, 'accredited', { certificateNumber: number });
  await seedPeople([person]);
  await transact([certificatePut(certificateOf(person, number, NOW))]);
  const check = (at: Date) => checkCertificate(election.id, number, signCertificate(election.id, number), at);
  return { election, number, check };
}

describe('the public certificate check', () => {
  it('shows a revocation on the very next scan, while the calendar is kept (4.7)', async () => {
    const { election, number, check } = await issued();
    expect((await check(NOW)).status).toBe('valid');
    await transact([
      certificateRevokeUpdate(election.id, number, { at: later(500), reason: 'VIOLATION', resolutionId: ulid() }),
    ]);
    const next = await check(later(1000));
    expect(next.status).toBe('revoked');
    expect(next.certificate?.name.latin).toBeTruthy();
  });

  it('answers from the calendar it read for CALENDAR_REUSE_MS, then reads it again (3.7)', async () => {
    const { election, check } = await issued();
    expect((await check(NOW)).status).toBe('valid');
    // The results recorded late: published on 15 March, so every mandate ended at 00:00 on the 16th.
    await updateElection(election.id, { resultsPublishedOn: '2027-03-15', version: election.version }, actor, NOW);
    expect((await check(later(CALENDAR_REUSE_MS - 1))).status).toBe('valid');
    const read = await check(later(CALENDAR_REUSE_MS));
    expect(read.status).toBe('expired');
    expect(read.certificate?.mandateEndedOn).toBe('2027-03-15');
  });

  it('says unknown for a number that does not exist, with the election’s calendar at hand', async () => {
    const { election, check } = await issued();
    await check(NOW);
    const missing = `2027-PR-TEST-${ulid().slice(-5)}`;
    const out = await checkCertificate(election.id, missing, signCertificate(election.id, missing), later(10));
    expect(out).toEqual({ status: 'unknown', number: missing, checkedAt: later(10).toISOString() });
  });
});
