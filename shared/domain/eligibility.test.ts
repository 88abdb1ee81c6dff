import { describe, expect, it } from 'vitest';
import {
  type EligibilityInput,
  FLAG_CODES,
  FLAGS,
  type FlagCode,
  computeFlags,
  hasBlockingFlag,
  passportKey,
} from './eligibility';

/** A person with nothing to flag: invited, in the window, documents received, passport valid long enough. */
const base: EligibilityInput = {
  person: {
    citizenship: 'DE',
    passportExpiresOn: '2030-01-01',
    documents: { passport: 'received', photo: 'received' },
  },
  election: { calledOn: '2027-01-10', votingDay: '2027-03-14' },
  hasInvitation: true,
  otherNominationsInElection: 0,
  grossRevocations: 0,
  now: new Date('2027-02-20T06:00:00Z'),
};

type Patch = {
  person?: Partial<EligibilityInput['person']>;
} & Partial<Omit<EligibilityInput, 'person'>>;

function input(patch: Patch): EligibilityInput {
  return { ...base, ...patch, person: { ...base.person, ...(patch.person ?? {}) } };
}

describe('computeFlags: each flag is raised by its own condition, and only by it', () => {
  it('a complete, invited person in the window has no flags', () => {
    expect(computeFlags(base)).toEqual([]);
  });

  it.each<{ label: string; patch: Patch; flags: FlagCode[] }>([
    {
      label: 'Art. 10: a citizen of the Kyrgyz Republic',
      patch: { person: { citizenship: 'KG' } },
      flags: ['KG_CITIZEN'],
    },
    {
      label: 'Art. 10: citizenship in lower case is still KG',
      patch: { person: { citizenship: 'kg' } },
      flags: ['KG_CITIZEN'],
    },
    { label: 'Art. 10: a citizen of Kazakhstan is not flagged', patch: { person: { citizenship: 'KZ' } }, flags: [] },
    { label: '3.9: one earlier gross revocation', patch: { grossRevocations: 1 }, flags: ['PREVIOUSLY_REVOKED_GROSS'] },
    {
      label: '3.7: passport expires the day before voting day (results pending)',
      patch: { person: { passportExpiresOn: '2027-03-13' } },
      flags: ['PASSPORT_EXPIRES_BEFORE_MANDATE_END'],
    },
    {
      label: '3.7: passport valid through voting day itself is fine (results pending)',
      patch: { person: { passportExpiresOn: '2027-03-14' } },
      flags: [],
    },
    {
      label: '3.7: passport expires the day before the results are published',
      patch: {
        person: { passportExpiresOn: '2027-03-20' },
        election: { ...base.election, resultsPublishedOn: '2027-03-21' },
      },
      flags: ['PASSPORT_EXPIRES_BEFORE_MANDATE_END'],
    },
    {
      label: '3.7: passport outlives the first results but not the repeat voting',
      patch: {
        person: { passportExpiresOn: '2027-03-25' },
        election: { ...base.election, resultsPublishedOn: '2027-03-21', repeatVoting: { votingDay: '2027-03-28' } },
      },
      flags: ['PASSPORT_EXPIRES_BEFORE_MANDATE_END'],
    },
    {
      label: '3.1: passport copy still pending',
      patch: { person: { documents: { passport: 'pending', photo: 'received' } } },
      flags: ['DOCUMENTS_MISSING'],
    },
    {
      label: '3.1: photo never uploaded',
      patch: { person: { documents: { passport: 'received' } } },
      flags: ['DOCUMENTS_MISSING'],
    },
    { label: '3.1: no documents at all', patch: { person: { documents: {} } }, flags: ['DOCUMENTS_MISSING'] },
    {
      label: '3.1: a purged passport copy counts as missing',
      patch: { person: { documents: { passport: 'purged', photo: 'received' } } },
      flags: ['DOCUMENTS_MISSING'],
    },
    {
      label: '3.1: a rejected photo',
      patch: { person: { documents: { passport: 'received', photo: 'rejected' } } },
      flags: ['DOCUMENTS_REJECTED'],
    },
    {
      label: '3.1: one rejected and one missing document raise both flags',
      patch: { person: { documents: { passport: 'rejected' } } },
      flags: ['DOCUMENTS_MISSING', 'DOCUMENTS_REJECTED'],
    },
    { label: '2.2: the organization holds no invitation', patch: { hasInvitation: false }, flags: ['NO_INVITATION'] },
    {
      label: '3.6: last day D−3 23:59:59 Bishkek is inside the window',
      patch: { now: new Date('2027-03-11T17:59:59Z') },
      flags: [],
    },
    {
      label: '3.6: D−2 00:00 Bishkek (18:00 UTC of D−3) is outside the window',
      patch: { now: new Date('2027-03-11T18:00:00Z') },
      flags: ['OUTSIDE_WINDOW'],
    },
    {
      label: '3.6: before the calling is outside the window',
      patch: { now: new Date('2027-01-09T17:59:59Z') },
      flags: ['OUTSIDE_WINDOW'],
    },
    {
      label: '3.6: offset 5 puts D−3 outside the window',
      patch: { now: new Date('2027-03-10T06:00:00Z'), election: { ...base.election, windowOffsetDays: 5 } },
      flags: ['OUTSIDE_WINDOW'],
    },
    {
      label: '3.1: the same passport nominated again in this election',
      patch: { otherNominationsInElection: 1 },
      flags: ['DUPLICATE_NOMINATION'],
    },
  ])('$label', ({ patch, flags }) => {
    expect(computeFlags(input(patch))).toEqual(flags);
  });

  it('raises every flag at once when everything is wrong', () => {
    const flags = computeFlags(
      input({
        person: { citizenship: 'KG', passportExpiresOn: '2027-01-01', documents: { photo: 'rejected' } },
        hasInvitation: false,
        otherNominationsInElection: 2,
        grossRevocations: 1,
        now: new Date('2027-03-12T06:00:00Z'),
      }),
    );
    expect([...flags].sort()).toEqual([...FLAG_CODES].sort());
  });
});

describe('flag definitions', () => {
  it.each<{ flag: FlagCode; clause: string; blocking: boolean }>([
    { flag: 'KG_CITIZEN', clause: 'Art. 10', blocking: true },
    { flag: 'PREVIOUSLY_REVOKED_GROSS', clause: '3.9', blocking: false },
    { flag: 'PASSPORT_EXPIRES_BEFORE_MANDATE_END', clause: '3.7', blocking: false },
    { flag: 'DOCUMENTS_MISSING', clause: '3.1', blocking: false },
    { flag: 'DOCUMENTS_REJECTED', clause: '3.1', blocking: false },
    { flag: 'NO_INVITATION', clause: '2.2', blocking: false },
    { flag: 'OUTSIDE_WINDOW', clause: '3.6', blocking: false },
    { flag: 'DUPLICATE_NOMINATION', clause: '3.1', blocking: false },
  ])('$clause: $flag (blocking: $blocking) has labels in ky, ru and en', ({ flag, clause, blocking }) => {
    const def = FLAGS[flag];
    expect(def.clause).toBe(clause);
    expect(def.blocking).toBe(blocking);
    for (const lang of ['ky', 'ru', 'en'] as const) expect(def.label[lang].length).toBeGreaterThan(5);
    expect(def.label.ky).toMatch(/[\u0400-\u04FF]/);
    expect(def.label.ru).toMatch(/[\u0400-\u04FF]/);
  });

  it('Art. 10: only KG_CITIZEN blocks an accreditation; the other flags leave the decision to a person', () => {
    expect(hasBlockingFlag(['KG_CITIZEN'])).toBe(true);
    expect(hasBlockingFlag(['OUTSIDE_WINDOW', 'KG_CITIZEN'])).toBe(true);
    expect(hasBlockingFlag(FLAG_CODES.filter((f) => f !== 'KG_CITIZEN'))).toBe(false);
    expect(hasBlockingFlag([])).toBe(false);
  });
});

describe('3.1, 3.9: passportKey normalises so spacing and case do not hide a duplicate', () => {
  it.each([
    { citizenship: 'DE', number: 'C01X00T47', key: 'DE#C01X00T47' },
    { citizenship: 'de', number: 'c01x00t47', key: 'DE#C01X00T47' },
    { citizenship: 'DE', number: 'C01 X00 T47', key: 'DE#C01X00T47' },
    { citizenship: 'DE', number: 'C01-X00-T47', key: 'DE#C01X00T47' },
    { citizenship: 'DE', number: ' c01x00t47 ', key: 'DE#C01X00T47' },
  ])('$citizenship / "$number" -> $key', ({ citizenship, number, key }) => {
    expect(passportKey(citizenship, number)).toBe(key);
  });

  it('keeps citizenship apart: the same number in two countries is two people', () => {
    expect(passportKey('DE', 'C01X00T47')).not.toBe(passportKey('AT', 'C01X00T47'));
  });
});
