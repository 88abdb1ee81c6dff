import { describe, expect, it } from 'vitest';
import type { Person } from '#schemas/person';
import { type ItemIntent, KG_CITIZEN_REASON, planItem, timingProblem } from './rules';

const E = 'E'.repeat(26);
const election = { calledOn: '2027-01-10', votingDay: '2027-03-14', windowOffsetDays: 3, resultsPublishedOn: null };

function person(over: Partial<Person> = {}): Person {
  return {
    id: 'P'.repeat(26),
    electionId: E,
    citizenship: 'DE',
    flags: [],
    status: 'submitted',
    channel: 'direct',
    decisions: [],
    ...over,
  } as Person;
}

const accredit: ItemIntent = {
  personId: 'P'.repeat(26),
  decision: 'accredit',
  ground: null,
  revocationReason: null,
  gross: false,
  reason: '',
};

describe('planItem', () => {
  it('accredits a submitted person sent directly (3.3)', () => {
    expect(planItem('accreditation', E, accredit, person())).toMatchObject({
      ok: true,
      plan: { event: 'accredit', outcome: 'accredited', forced: false },
    });
  });

  it('refuses a citizen of the Kyrgyz Republic whatever was selected (Art. 10)', () => {
    for (const p of [person({ citizenship: 'KG' }), person({ flags: ['KG_CITIZEN'] })]) {
      expect(planItem('accreditation', E, accredit, p)).toMatchObject({
        ok: true,
        plan: {
          outcome: 'refused',
          ground: 'KG_CITIZEN',
          forced: true,
          reason: KG_CITIZEN_REASON,
          clause: '3.4, Art. 10',
        },
      });
    }
    const chosen = { ...accredit, decision: 'refuse' as const, ground: 'KG_CITIZEN' as const, reason: 'Citizen' };
    expect(planItem('accreditation', E, chosen, person({ citizenship: 'KG' }))).toMatchObject({
      plan: { forced: false, reason: 'Citizen' },
    });
    const otherGround = { ...chosen, ground: 'NO_LEGAL_CAPACITY' as const };
    expect(planItem('accreditation', E, otherGround, person({ citizenship: 'kg' }))).toMatchObject({
      plan: { ground: 'KG_CITIZEN', forced: true },
    });
  });

  it('waits for the MFA on its channel (3.2) and decides a person once (3.3)', () => {
    expect(planItem('accreditation', E, accredit, person({ channel: 'mfa' }))).toMatchObject({
      ok: false,
      problem: { clause: '3.2' },
    });
    expect(planItem('accreditation', E, accredit, person({ channel: 'mfa', status: 'mfa_checked' })).ok).toBe(true);
    expect(planItem('accreditation', E, accredit, person({ status: 'refused' }))).toMatchObject({
      ok: false,
      problem: { clause: '3.3' },
    });
    expect(planItem('accreditation', E, accredit, undefined)).toMatchObject({ ok: false });
    expect(planItem('accreditation', 'X'.repeat(26), accredit, person())).toMatchObject({ ok: false });
  });

  it('revokes only the accredited, with the clause of the reason (4.7)', () => {
    const revoke: ItemIntent = {
      ...accredit,
      decision: 'revoke',
      revocationReason: 'ORGANIZATION_REQUEST',
      gross: true,
      reason: 'Letter',
    };
    expect(planItem('revocation', E, revoke, person({ status: 'accredited' }))).toMatchObject({
      ok: true,
      // Only a violation can be gross (4.7 a): the mark is dropped for (b).
      plan: { outcome: 'revoked', revocationReason: 'ORGANIZATION_REQUEST', gross: false, clause: '4.7 b' },
    });
    expect(planItem('revocation', E, revoke, person())).toMatchObject({ ok: false, problem: { clause: '4.7' } });
    expect(planItem('revocation', E, accredit, person({ status: 'accredited' }))).toMatchObject({ ok: false });
  });
});

describe('timingProblem', () => {
  const at = (iso: string) => new Date(iso);
  const t = (now: string, over: Partial<Parameters<typeof timingProblem>[1]> = {}) =>
    timingProblem(election, {
      kind: 'accreditation',
      adoptedOn: '2027-03-11',
      startedAt: at(now),
      now: at(now),
      ...over,
    });

  it('allows adoption until 23:59:59 Bishkek of D − 3 and not from 00:00 of D − 2 (3.6)', () => {
    expect(t('2027-03-11T17:59:59Z')).toBeNull();
    expect(t('2027-03-11T18:00:00Z')).toMatchObject({ clause: '3.6' });
  });

  it('lets an adoption begun inside the window be finished after it', () => {
    expect(t('2027-03-12T09:00:00Z', { startedAt: at('2027-03-11T17:00:00Z') })).toBeNull();
  });

  it('refuses a resolution dated in the future or after the last day', () => {
    expect(t('2027-03-01T06:00:00Z')).toMatchObject({ clause: '3.3' });
    expect(t('2027-03-13T06:00:00Z', { adoptedOn: '2027-03-12', startedAt: at('2027-03-11T06:00:00Z') })).toMatchObject(
      {
        clause: '3.6',
      },
    );
  });

  it('allows revocation while mandates run, not after results are published (3.7, 4.7)', () => {
    const published = { ...election, resultsPublishedOn: '2027-03-20' };
    const now = at('2027-03-20T17:59:59Z');
    expect(timingProblem(published, { kind: 'revocation', adoptedOn: '2027-03-20', startedAt: now, now })).toBeNull();
    const after = at('2027-03-20T18:00:00Z');
    expect(
      timingProblem(published, { kind: 'revocation', adoptedOn: '2027-03-20', startedAt: after, now: after }),
    ).toMatchObject({ clause: '3.7' });
  });
});
