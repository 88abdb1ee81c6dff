/**
 * Eligibility flags from stored data (3.9, Art. 10, 3.1, 3.6, 3.7, 2.2): the pure rule is
 * `computeFlags` (shared/domain/eligibility.ts); this module gathers what it needs from the table:
 * other nominations of the same passport in the election, and earlier gross revocations (4.7 a).
 */
import type { ElectionDates } from '#domain/calendar';
import { type FlagCode, computeFlags } from '#domain/eligibility';
import { groundsFutureRefusal, type RevocationReason } from '#domain/grounds';
import type { PersonStatus } from '#domain/lifecycle';
import { ExecuteStatementCommand } from '@aws-sdk/lib-dynamodb';
import type { Person } from '#schemas/person';
import { ddb } from '#runtime/clients';
import { logger } from '#runtime/logger';
import { config } from '#runtime/config';
import { indexPartitions } from './keys';
import { nominationsOfPassport, personFromItem } from './persons';
import { queryAll } from './paging';
import { INDEXES } from './table';

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

/** What the flags need of another nomination of the same passport. */
export type Nomination = Pick<Person, 'id' | 'electionId' | 'status' | 'decisions'>;

export function flagsFromNominations(
  subject: FlagSubject,
  nominations: readonly Nomination[],
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

/**
 * The flags of a person from their own data, carrying over what was last found about other nominations
 * of their passport (duplicates, earlier gross revocations): the first half of a recompute whose
 * lookup across elections is still running.
 */
export function flagsKnownSoFar(subject: FlagSubject & Pick<Person, 'flags'>, ctx: FlagContext): FlagCode[] {
  return computeFlags({
    person: {
      citizenship: subject.citizenship,
      passportExpiresOn: subject.passportExpiresOn,
      documents: subject.documents,
    },
    election: ctx.election,
    hasInvitation: ctx.hasInvitation,
    otherNominationsInElection: subject.flags.includes('DUPLICATE_NOMINATION') ? 1 : 0,
    grossRevocations: subject.flags.includes('PREVIOUSLY_REVOKED_GROSS') ? 1 : 0,
    now: ctx.now,
  });
}

export async function flagsOf(subject: FlagSubject, ctx: FlagContext): Promise<FlagCode[]> {
  return flagsFromNominations(subject, await nominationsOfPassport(subject.citizenship, subject.passportNumber), ctx);
}

/** Partition key values per PartiQL `IN` (DynamoDB allows at most 50). */
export const PASSPORTS_PER_STATEMENT = 50;

/**
 * Every person stored under each of these passport index partitions (`PASSPORT#<citizenship>#<number>`):
 * one PartiQL `SELECT` on the passport index per 50 partitions, side by side, with `IN` on the index's partition key,
 * so it is a multi-partition query and never a scan; pages are followed by `NextToken`. A role that may
 * not use PartiQL still gets the answer, from one Query per partition.
 */
export async function nominationsByPartition(
  partitions: readonly string[],
  opts: { projected?: boolean } = {},
): Promise<Map<string, Nomination[]>> {
  const unique = [...new Set(partitions)];
  const result = new Map<string, Nomination[]>(unique.map((k) => [k, []]));
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += PASSPORTS_PER_STATEMENT) {
    chunks.push(unique.slice(i, i + PASSPORTS_PER_STATEMENT));
  }
  try {
    await Promise.all(chunks.map((chunk) => selectChunk(chunk, result, opts.projected ?? false)));
  } catch (err) {
    if ((err as { name?: string }).name !== 'AccessDeniedException') throw err;
    logger.warn('PartiQL select not allowed: querying passports one by one', { passports: unique.length });
    await Promise.all(
      unique.map(async (partition) => {
        const people: Nomination[] = [];
        for await (const items of queryAll({ index: 'gsi4', partition })) people.push(...items.map(personFromItem));
        result.set(partition, people);
      }),
    );
  }
  return result;
}

export function nominationsOfPassports(
  passports: readonly Pick<Person, 'citizenship' | 'passportNumber'>[],
): Promise<Map<string, Nomination[]>> {
  return nominationsByPartition(
    passports.map((p) => indexPartitions.peopleByPassport(p.citizenship, p.passportNumber)),
  );
}

async function selectChunk(chunk: string[], result: Map<string, Nomination[]>, projected: boolean): Promise<void> {
  const pk = INDEXES.gsi4.pk;
  // Projected: only what the flags need of a nomination, however much the person's record holds.
  const what = projected ? `"id", "electionId", "status", "decisions", "entity", "${pk}"` : '*';
  const statement = `SELECT ${what} FROM "${config().tableName}"."gsi4" WHERE ${pk} IN [${chunk.map(() => '?').join(', ')}]`;
  let next: string | undefined;
  do {
    const out = await ddb.send(
      new ExecuteStatementCommand({ Statement: statement, Parameters: chunk, NextToken: next }),
    );
    for (const item of out.Items ?? []) {
      if (item.entity !== 'person') continue;
      result.get(String(item[pk]))?.push(
        projected
          ? {
              id: String(item.id),
              electionId: String(item.electionId),
              status: item.status as Person['status'],
              decisions: (item.decisions ?? []) as Person['decisions'],
            }
          : personFromItem(item),
      );
    }
    next = out.NextToken;
  } while (next);
}

/**
 * Flags of many people (submit): the nominations of all their passports in a few statements, then the
 * pure rule per person. The people are already stored (as drafts), so a duplicate inside the same
 * application is found too.
 */
export async function flagsOfMany(
  subjects: readonly FlagSubject[],
  ctx: FlagContext,
): Promise<Map<string, FlagCode[]>> {
  const nominations = await nominationsOfPassports(subjects);
  return new Map(
    subjects.map((s) => [
      s.id,
      flagsFromNominations(
        s,
        nominations.get(indexPartitions.peopleByPassport(s.citizenship, s.passportNumber)) ?? [],
        ctx,
      ),
    ]),
  );
}
