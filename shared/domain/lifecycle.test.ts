import { describe, expect, it } from 'vitest';
import { RuleViolationError } from './errors';
import {
  type Channel,
  EDITABLE_STATUSES,
  IllegalTransitionError,
  PERSON_EVENTS,
  PERSON_STATUSES,
  PUBLISHED_STATUSES,
  type PersonEvent,
  type PersonStatus,
  UNDECIDED_STATUSES,
  canApply,
  canBeDecided,
  decidableStatus,
  nextStatus,
  statusesAllowing,
} from './lifecycle';

/**
 * The expected transition table, written out independently of `TRANSITIONS`, so that a change to the
 * table in code that is not also a change of the rules makes these tests fail.
 */
const LEGAL: [PersonStatus, PersonEvent, PersonStatus, string][] = [
  ['draft', 'submit', 'submitted', '3.1'],
  ['draft', 'withdraw', 'withdrawn', '3.1'],
  ['draft', 'lapse', 'lapsed', '3.6'],
  ['submitted', 'mfaForward', 'mfa_checked', '3.2'],
  ['submitted', 'mfaReturn', 'returned', '3.2'],
  ['submitted', 'accredit', 'accredited', '3.3'],
  ['submitted', 'refuse', 'refused', '3.4'],
  ['submitted', 'withdraw', 'withdrawn', '3.1'],
  ['submitted', 'lapse', 'lapsed', '3.6'],
  ['returned', 'submit', 'submitted', '3.1'],
  ['returned', 'withdraw', 'withdrawn', '3.1'],
  ['returned', 'lapse', 'lapsed', '3.6'],
  ['mfa_checked', 'accredit', 'accredited', '3.3'],
  ['mfa_checked', 'refuse', 'refused', '3.4'],
  ['mfa_checked', 'withdraw', 'withdrawn', '3.1'],
  ['mfa_checked', 'lapse', 'lapsed', '3.6'],
  ['accredited', 'revoke', 'revoked', '4.7'],
  ['accredited', 'expire', 'expired', '3.7'],
];

const legalKey = new Set(LEGAL.map(([from, event]) => `${from}/${event}`));
const ILLEGAL: [PersonStatus, PersonEvent][] = PERSON_STATUSES.flatMap((from) =>
  PERSON_EVENTS.filter((event) => !legalKey.has(`${from}/${event}`)).map((event): [PersonStatus, PersonEvent] => [
    from,
    event,
  ]),
);

describe('the person lifecycle: every legal transition', () => {
  it.each(LEGAL)('%s --%s--> %s (%s)', (from, event, to) => {
    expect(canApply(from, event)).toBe(true);
    expect(nextStatus(from, event)).toBe(to);
  });
});

describe('the person lifecycle: illegal transitions throw IllegalTransitionError with their clause', () => {
  it.each([
    {
      label: '3.3: an accredited person cannot be accredited again',
      from: 'accredited',
      event: 'accredit',
      clause: '3.3',
    },
    {
      label: '3.3: a draft cannot be accredited before it is submitted',
      from: 'draft',
      event: 'accredit',
      clause: '3.3',
    },
    { label: '3.3: a refused person cannot be accredited', from: 'refused', event: 'accredit', clause: '3.3' },
    {
      label: '3.3: a lapsed person cannot be accredited after the window',
      from: 'lapsed',
      event: 'accredit',
      clause: '3.3',
    },
    {
      label: '3.4: an accredited person cannot be refused (revoke instead)',
      from: 'accredited',
      event: 'refuse',
      clause: '3.4',
    },
    { label: '4.7: only an accredited person can be revoked', from: 'submitted', event: 'revoke', clause: '4.7' },
    { label: '4.7: an expired mandate cannot be revoked', from: 'expired', event: 'revoke', clause: '4.7' },
    { label: '3.7: a refused person cannot expire', from: 'refused', event: 'expire', clause: '3.7' },
    {
      label: '3.6: an accredited person does not lapse at the window close',
      from: 'accredited',
      event: 'lapse',
      clause: '3.6',
    },
    { label: '3.1: a withdrawn person cannot be submitted again', from: 'withdrawn', event: 'submit', clause: '3.1' },
    {
      label: '3.1: an accredited person cannot be withdrawn as a draft (revoke, 4.7 c)',
      from: 'accredited',
      event: 'withdraw',
      clause: '3.1',
    },
    { label: '3.2: the MFA cannot forward a draft', from: 'draft', event: 'mfaForward', clause: '3.2' },
    {
      label: '3.2: the MFA cannot return what it already forwarded',
      from: 'mfa_checked',
      event: 'mfaReturn',
      clause: '3.2',
    },
  ] as { label: string; from: PersonStatus; event: PersonEvent; clause: string }[])(
    '$label',
    ({ from, event, clause }) => {
      expect(canApply(from, event)).toBe(false);
      let thrown: unknown;
      try {
        nextStatus(from, event);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(IllegalTransitionError);
      expect(thrown).toBeInstanceOf(RuleViolationError);
      const e = thrown as IllegalTransitionError;
      expect(e.clause).toBe(clause);
      expect(e.code).toBe('ILLEGAL_TRANSITION');
      expect(e.name).toBe('IllegalTransitionError');
      expect(e.message).toContain(from);
      expect(e.message).toContain(`(${clause})`);
    },
  );

  it(`every other pair (${ILLEGAL.length} of them) is refused`, () => {
    expect(ILLEGAL.length + LEGAL.length).toBe(PERSON_STATUSES.length * PERSON_EVENTS.length);
    for (const [from, event] of ILLEGAL) {
      expect(canApply(from, event), `${from}/${event}`).toBe(false);
      expect(() => nextStatus(from, event), `${from}/${event}`).toThrow(IllegalTransitionError);
    }
  });

  it.each(['refused', 'lapsed', 'withdrawn', 'revoked', 'expired'] as PersonStatus[])(
    '%s is final: no event leaves it',
    (status) => {
      for (const event of PERSON_EVENTS) expect(canApply(status, event)).toBe(false);
    },
  );
});

describe('statusesAllowing: the condition a conditional write puts on the status', () => {
  it.each([
    { event: 'accredit', from: ['submitted', 'mfa_checked'] },
    { event: 'refuse', from: ['submitted', 'mfa_checked'] },
    { event: 'lapse', from: ['draft', 'submitted', 'returned', 'mfa_checked'] },
    { event: 'revoke', from: ['accredited'] },
    { event: 'expire', from: ['accredited'] },
    { event: 'submit', from: ['draft', 'returned'] },
    { event: 'mfaForward', from: ['submitted'] },
  ] as { event: PersonEvent; from: PersonStatus[] }[])('$event from $from', ({ event, from }) => {
    expect(statusesAllowing(event).sort()).toEqual([...from].sort());
  });

  it('3.6: the window close lapses exactly the undecided states', () => {
    expect([...UNDECIDED_STATUSES].sort()).toEqual(statusesAllowing('lapse').sort());
  });

  it('3.1: an organization may edit only drafts and returned people', () => {
    expect([...EDITABLE_STATUSES].sort()).toEqual(['draft', 'returned']);
  });

  it('3.3: the published list shows accredited, revoked and expired people', () => {
    expect([...PUBLISHED_STATUSES].sort()).toEqual(['accredited', 'expired', 'revoked']);
  });
});

describe('3.2, 3.3: canBeDecided gates the CEC decision by channel', () => {
  const decidable: Record<Channel, PersonStatus> = { direct: 'submitted', mfa: 'mfa_checked' };
  const cases = PERSON_STATUSES.flatMap((status) =>
    (['direct', 'mfa'] as Channel[]).map((channel) => ({ status, channel, ok: decidable[channel] === status })),
  );

  it.each(cases)('3.2: $channel channel, $status -> decidable: $ok', ({ status, channel, ok }) => {
    expect(canBeDecided(status, channel)).toBe(ok);
  });

  it('3.2: a person sent through the MFA is not decidable until the MFA has forwarded them', () => {
    expect(canBeDecided('submitted', 'mfa')).toBe(false);
    expect(canBeDecided(nextStatus('submitted', 'mfaForward'), 'mfa')).toBe(true);
  });

  it.each([
    { channel: 'direct', status: 'submitted' },
    { channel: 'mfa', status: 'mfa_checked' },
  ] as { channel: Channel; status: PersonStatus }[])(
    '3.2: decidableStatus($channel) is $status',
    ({ channel, status }) => {
      expect(decidableStatus(channel)).toBe(status);
      expect(canApply(status, 'accredit')).toBe(true);
    },
  );
});
