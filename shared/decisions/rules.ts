/**
 * The rules of deciding, as pure functions: what one resolution item does to one person (3.3, 3.4,
 * 3.9, Art. 10, 4.7), and whether a resolution may be adopted now (3.6, 3.7). The adoption engine and
 * the draft editor both ask these; nothing here reads the table or the clock.
 */
import { isMandateOver, isWindowOpen, lastAccreditationDay, mandateEndsOn, windowClosesAt } from '#domain/calendar';
import type { ElectionDates } from '#domain/calendar';
import { KYRGYZ_REPUBLIC } from '#domain/eligibility';
import { REFUSAL_GROUNDS, REVOCATION_REASONS, type RefusalGround, type RevocationReason } from '#domain/grounds';
import { type PersonEvent, canApply, canBeDecided } from '#domain/lifecycle';
import { bishkekDate, compareDates } from '#domain/time';
import type { Person } from '#schemas/person';
import type { ItemDecision, ItemOutcome, ResolutionKind } from '#schemas/resolution';

/** What a resolution item says (as stored). */
export interface ItemIntent {
  personId: string;
  decision: ItemDecision;
  ground: RefusalGround | null;
  revocationReason: RevocationReason | null;
  gross: boolean;
  reason: string;
}

/** What adopting the item will do to the person. */
export interface PlannedDecision {
  personId: string;
  event: PersonEvent;
  outcome: ItemOutcome;
  ground: RefusalGround | null;
  revocationReason: RevocationReason | null;
  gross: boolean;
  reason: string;
  /** True when Art. 10 overrode what the reviewer selected. */
  forced: boolean;
  /** The clauses the decision rests on, for the audit log. */
  clause: string;
}

export interface ItemProblem {
  personId: string;
  rule: string;
  clause: string;
}

export const KG_CITIZEN_REASON =
  'A citizen of the Kyrgyz Republic cannot be accredited as an international observer (Art. 10)';

/** Art. 10: decided from the citizenship itself, not only from the flag (which may be stale). */
export function isKyrgyzCitizen(p: Pick<Person, 'citizenship' | 'flags'>): boolean {
  return p.citizenship.toUpperCase() === KYRGYZ_REPUBLIC || p.flags.includes('KG_CITIZEN');
}

export function allowedDecisions(kind: ResolutionKind): ItemDecision[] {
  return kind === 'accreditation' ? ['accredit', 'refuse'] : ['revoke'];
}

function undecidableRule(p: Person): ItemProblem {
  if (p.channel === 'mfa' && p.status === 'submitted') {
    return {
      personId: p.id,
      rule: 'was sent through the MFA and has not been checked and forwarded by it yet (3.2)',
      clause: '3.2',
    };
  }
  if (['accredited', 'refused', 'revoked', 'expired'].includes(p.status)) {
    return {
      personId: p.id,
      rule: `has already been decided (${p.status}); a person is decided once (3.3)`,
      clause: '3.3',
    };
  }
  if (p.status === 'lapsed') {
    return { personId: p.id, rule: 'lapsed when the accreditation window closed (3.6)', clause: '3.6' };
  }
  if (p.status === 'withdrawn') {
    return { personId: p.id, rule: 'was withdrawn by the organization (3.1)', clause: '3.1' };
  }
  return {
    personId: p.id,
    rule: `is ${p.status}: only a submitted representative (checked by the MFA when sent through it) can be decided (3.2, 3.3)`,
    clause: '3.3',
  };
}

/**
 * What adopting `item` would do to `person` now, or why it cannot be done. Art. 10 is absolute: a
 * citizen of the Kyrgyz Republic is refused on that ground whatever the reviewer selected.
 */
export function planItem(
  kind: ResolutionKind,
  electionId: string,
  item: ItemIntent,
  person: Person | undefined,
): { ok: true; plan: PlannedDecision } | { ok: false; problem: ItemProblem } {
  const fail = (rule: string, clause: string) => ({
    ok: false as const,
    problem: { personId: item.personId, rule, clause },
  });
  if (!person) return fail('no such representative', '3.3');
  if (person.electionId !== electionId) return fail('belongs to another election', '3.3');
  if (!allowedDecisions(kind).includes(item.decision)) {
    return fail(`"${item.decision}" is not a decision of a ${kind} resolution`, kind === 'revocation' ? '4.7' : '3.3');
  }
  if (kind === 'revocation') {
    if (!canApply(person.status, 'revoke')) {
      return fail(`is ${person.status}: only an accredited observer can be stripped of accreditation (4.7)`, '4.7');
    }
    const reason = item.revocationReason ?? 'VIOLATION';
    return {
      ok: true,
      plan: {
        personId: person.id,
        event: 'revoke',
        outcome: 'revoked',
        ground: null,
        revocationReason: reason,
        gross: reason === 'VIOLATION' && item.gross,
        reason: item.reason,
        forced: false,
        clause: REVOCATION_REASONS[reason].clause,
      },
    };
  }
  if (!canBeDecided(person.status, person.channel)) {
    const p = undecidableRule(person);
    return fail(p.rule, p.clause);
  }
  if (isKyrgyzCitizen(person)) {
    const chosenKg = item.decision === 'refuse' && item.ground === 'KG_CITIZEN';
    return {
      ok: true,
      plan: {
        personId: person.id,
        event: 'refuse',
        outcome: 'refused',
        ground: 'KG_CITIZEN',
        revocationReason: null,
        gross: false,
        reason: chosenKg && item.reason ? item.reason : KG_CITIZEN_REASON,
        forced: !chosenKg,
        clause: '3.4, Art. 10',
      },
    };
  }
  if (item.decision === 'accredit') {
    return {
      ok: true,
      plan: {
        personId: person.id,
        event: 'accredit',
        outcome: 'accredited',
        ground: null,
        revocationReason: null,
        gross: false,
        reason: item.reason,
        forced: false,
        clause: '3.3, 3.4',
      },
    };
  }
  const ground = item.ground;
  if (!ground) return fail('a refusal needs a ground of 3.9', '3.4');
  return {
    ok: true,
    plan: {
      personId: person.id,
      event: 'refuse',
      outcome: 'refused',
      ground,
      revocationReason: null,
      gross: false,
      reason: item.reason,
      forced: false,
      clause: `3.4, ${REFUSAL_GROUNDS[ground].clause}`,
    },
  };
}

export interface AdoptionTiming {
  kind: ResolutionKind;
  adoptedOn: string;
  /** When the adoption began (now, for a first attempt; the recorded start, for a resumption). */
  startedAt: Date;
  now: Date;
}

/**
 * Whether a resolution may be adopted (or its adoption resumed) now; the rule and its clause when not.
 *
 * Accreditation (3.6): the resolution must be dated inside the window (from the calling to D − 3) and
 * not in the future, and the adoption must have begun while the window was open. The window is a limit
 * on the CEC's act, so an adoption begun in time may be finished after the close; refusals are checked
 * too, since the window is the time to decide at all (after it, the undecided lapse).
 * Revocation (4.7, 3.7): possible while mandates run, i.e. until results are officially published.
 */
export function timingProblem(e: ElectionDates, t: AdoptionTiming): { rule: string; clause: string } | null {
  const today = bishkekDate(t.now);
  if (compareDates(t.adoptedOn, today) > 0) {
    return { rule: `the resolution is dated ${t.adoptedOn}, after today (${today}) in Bishkek`, clause: '3.3' };
  }
  if (compareDates(t.adoptedOn, e.calledOn) < 0) {
    return {
      rule: `the resolution is dated ${t.adoptedOn}, before the election was called (${e.calledOn})`,
      clause: '3.6',
    };
  }
  if (t.kind === 'revocation') {
    if (isMandateOver(e, t.now)) {
      return {
        rule: `mandates ended with the publication of the results on ${mandateEndsOn(e)}; there is nothing left to revoke (3.7, 4.7)`,
        clause: '3.7',
      };
    }
    return null;
  }
  const last = lastAccreditationDay(e);
  if (compareDates(t.adoptedOn, last) > 0) {
    return {
      rule: `accreditation ends ${e.windowOffsetDays ?? 3} days before voting day: the last day is ${last}, the resolution is dated ${t.adoptedOn} (3.6)`,
      clause: '3.6',
    };
  }
  if (!isWindowOpen(e, t.startedAt)) {
    return {
      rule: `the accreditation window closed at ${windowClosesAt(e).toISOString()} (00:00 Bishkek after ${last}) (3.6)`,
      clause: '3.6',
    };
  }
  return null;
}
