/**
 * The life of a representative, as an explicit transition table.
 *
 *   draft ──submit──▶ submitted ──mfaForward──▶ mfa_checked ──accredit──▶ accredited ──revoke──▶ revoked
 *     │                 │  ▲ └──mfaReturn──▶ returned     │   └─refuse──▶ refused         └─expire──▶ expired
 *     │                 │  └──────resubmit──────┘         │
 *     └─withdraw─▶ withdrawn ◀── (any undecided state) ── lapse (3.6) ──▶ lapsed
 *
 * A person sent directly to the CEC is decided from `submitted`; one sent through the MFA must first
 * be checked and forwarded by it (3.2), which `canBeDecided` enforces.
 */
import { RuleViolationError } from './errors';

export const PERSON_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'mfa_checked',
  'accredited',
  'refused',
  'lapsed',
  'withdrawn',
  'revoked',
  'expired',
] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

export const PERSON_EVENTS = [
  'submit',
  'withdraw',
  'mfaForward',
  'mfaReturn',
  'accredit',
  'refuse',
  'lapse',
  'revoke',
  'expire',
] as const;
export type PersonEvent = (typeof PERSON_EVENTS)[number];

/** The clause each event rests on, for errors and the audit log. */
export const EVENT_CLAUSE: Record<PersonEvent, string> = {
  submit: '3.1',
  withdraw: '3.1',
  mfaForward: '3.2',
  mfaReturn: '3.2',
  accredit: '3.3',
  refuse: '3.4',
  lapse: '3.6',
  revoke: '4.7',
  expire: '3.7',
};

export const TRANSITIONS: Readonly<Record<PersonStatus, Partial<Record<PersonEvent, PersonStatus>>>> = {
  draft: { submit: 'submitted', withdraw: 'withdrawn', lapse: 'lapsed' },
  submitted: {
    mfaForward: 'mfa_checked',
    mfaReturn: 'returned',
    accredit: 'accredited',
    refuse: 'refused',
    withdraw: 'withdrawn',
    lapse: 'lapsed',
  },
  returned: { submit: 'submitted', withdraw: 'withdrawn', lapse: 'lapsed' },
  mfa_checked: { accredit: 'accredited', refuse: 'refused', withdraw: 'withdrawn', lapse: 'lapsed' },
  accredited: { revoke: 'revoked', expire: 'expired' },
  refused: {},
  lapsed: {},
  withdrawn: {},
  revoked: {},
  expired: {},
};

/** States in which the CEC has not decided yet; the window's close lapses them (3.6). */
export const UNDECIDED_STATUSES: readonly PersonStatus[] = ['draft', 'submitted', 'returned', 'mfa_checked'];
/** States the organization may still edit. */
export const EDITABLE_STATUSES: readonly PersonStatus[] = ['draft', 'returned'];
/** States shown on the published list (3.3). */
export const PUBLISHED_STATUSES: readonly PersonStatus[] = ['accredited', 'revoked', 'expired'];

export class IllegalTransitionError extends RuleViolationError {
  override name = 'IllegalTransitionError';
  constructor(
    readonly from: PersonStatus,
    readonly event: PersonEvent,
  ) {
    super(
      `a representative who is ${from} cannot be given "${event}" (${EVENT_CLAUSE[event]})`,
      'ILLEGAL_TRANSITION',
      EVENT_CLAUSE[event],
    );
  }
}

export function nextStatus(from: PersonStatus, event: PersonEvent): PersonStatus {
  const to = TRANSITIONS[from][event];
  if (!to) throw new IllegalTransitionError(from, event);
  return to;
}

export function canApply(from: PersonStatus, event: PersonEvent): boolean {
  return TRANSITIONS[from][event] !== undefined;
}

/** The states from which `event` is legal: the condition a conditional write puts on the status. */
export function statusesAllowing(event: PersonEvent): PersonStatus[] {
  return PERSON_STATUSES.filter((s) => TRANSITIONS[s][event] !== undefined);
}

export type Channel = 'direct' | 'mfa';

/**
 * 3.2, 3.3: the CEC decides on a person sent directly once submitted, and on one sent through the
 * MFA only after the MFA has checked and forwarded the documents.
 */
export function canBeDecided(status: PersonStatus, channel: Channel): boolean {
  return channel === 'direct' ? status === 'submitted' : status === 'mfa_checked';
}

export function decidableStatus(channel: Channel): PersonStatus {
  return channel === 'direct' ? 'submitted' : 'mfa_checked';
}
