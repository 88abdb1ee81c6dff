/**
 * Eligibility flags from stored data (3.9, Art. 10, 3.1, 3.6, 3.7, 2.2): the pure rule is
 * `computeFlags` (shared/domain/eligibility.ts); this module gathers what it needs from the table:
 * other nominations of the same passport in the election, and earlier gross revocations (4.7 a).
 */
import type { ElectionDates } from '#domain/calendar';
import { type FlagCode, computeFlags, passportKey } from '#domain/eligibility';
import { groundsFutureRefusal, type RevocationReason } from '#domain/grounds';
import type { PersonStatus } from '#domain/lifecycle';
import type { Person } from '#schemas/person';
import { nominationsOfPassport } from './persons';

/** Nominations that still stand: a withdrawn, refused, lapsed, revoked or expired one is no duplicate. */
export const LIVE_STATUSES: readonly PersonStatus[] = ['draft', 'submitted', 'returned', 'mfa_checked', 'accredited'];

export type FlagSubject = Pick<
  Person,
  'id' | 'electionId' | 'citizenship' | 'passportNumber' | 'passportExpiresOn' | 'documents'
>;

export interface FlagContext {
  election: ElectionDates;
  /** The sending organization holds an active invitation to the election (2.2). */
  hasInvitation: boolean;
  now: Date;
}

/** 4.7, 3.9: the person's latest decision was a revocation for a violation marked gross. */
export function wasRevokedGross(p: Pick<Person, 'status' | 'decisions'>): boolean {
  if (p.status !== 'revoked') return false;
  const last = p.decisions.at(-1);
  return (
    !!last && last.outcome === 'revoked' && groundsFutureRefusal(last.revocationReason as RevocationReason, last.gross)
  );
}

export function flagsFromNominations(
  subject: FlagSubject,
  nominations: readonly Person[],
  ctx: FlagContext,
): FlagCode[] {
  const others = nominations.filter((n) => n.id !== subject.id);
  return computeFlags({
    person: {
      citizenship: subject.citizenship,
      passportExpiresOn: subject.passportExpiresOn,
      documents: subject.documents,
    },
    election: ctx.election,
    hasInvitation: ctx.hasInvitation,
    otherNominationsInElection: others.filter(
      (n) => n.electionId === subject.electionId && LIVE_STATUSES.includes(n.status),
    ).length,
    grossRevocations: others.filter(wasRevokedGross).length,
    now: ctx.now,
  });
}

export async function flagsOf(subject: FlagSubject, ctx: FlagContext): Promise<FlagCode[]> {
  return flagsFromNominations(subject, await nominationsOfPassport(subject.citizenship, subject.passportNumber), ctx);
}

/**
 * Flags of many people: one index query per distinct passport, a bounded number at a time. The people
 * are already stored (as drafts), so a duplicate inside the same batch is found by the same query.
 */
export async function flagsOfMany(
  subjects: readonly FlagSubject[],
  ctx: FlagContext,
  concurrency = 16,
): Promise<Map<string, FlagCode[]>> {
  const byPassport = new Map<string, FlagSubject[]>();
  for (const s of subjects) {
    const k = passportKey(s.citizenship, s.passportNumber);
    byPassport.set(k, [...(byPassport.get(k) ?? []), s]);
  }
  const groups = [...byPassport.values()];
  const result = new Map<string, FlagCode[]>();
  let next = 0;
  async function worker() {
    while (next < groups.length) {
      const group = groups[next++];
      if (!group?.[0]) continue;
      const nominations = await nominationsOfPassport(group[0].citizenship, group[0].passportNumber);
      for (const s of group) result.set(s.id, flagsFromNominations(s, nominations, ctx));
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, groups.length) }, worker));
  return result;
}
