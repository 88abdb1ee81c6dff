/**
 * The adoption's state machine on the resolution (3.3): draft → adopting (on the validated items
 * revision, with a lease: the attempt) → adopted by the last chunk, or back to draft when nothing was
 * applied. The per-person writes are the bulk status change engine's (shared/decisions/adoption.ts).
 */
import { auditPut } from '#data/audit';
import { keys } from '#data/keys';
import { ConditionFailedError, type TransactItem, transact } from '#data/transact';
import { ConcurrencyError, RuleViolationError } from '#domain/errors';
import type { Actor } from '#schemas/audit';
import type { AdoptionCheckpoint, AdoptionOutcome, AdoptionProgress, Resolution } from '#schemas/resolution';
import { table } from './drafts';

const ADOPTION_NAMES = {
  '#status': 'status',
  '#ad': 'adoption',
  '#att': 'attempt',
  '#done': 'done',
  '#chunks': 'chunks',
  '#ua': 'updatedAt',
};

/**
 * draft → adopting: only on the items revision that was validated (nothing changed since), with the
 * first attempt's lease. Returns the resolution as it now is.
 */
export async function startAdoption(
  r: Resolution,
  total: number,
  electionVersion: number,
  actor: Actor,
  now: Date,
): Promise<Resolution> {
  const adoption: AdoptionProgress = {
    attempt: 1,
    startedAt: now.toISOString(),
    startedBy: actor,
    total,
    done: 0,
    chunks: 0,
    electionVersion,
    checkpoint: null,
    finishedAt: null,
  };
  const outcome: AdoptionOutcome = { accredited: 0, refused: 0, revoked: 0, forcedRefusals: 0 };
  try {
    await transact([
      {
        Update: {
          TableName: table(),
          Key: keys.resolution(r.id),
          UpdateExpression: 'SET #status = :adopting, #ad = :adoption, #oc = :outcome, #v = #v + :one, #ua = :at',
          ConditionExpression: '#status = :draft AND #rev = :rev',
          ExpressionAttributeNames: {
            '#status': 'status',
            '#ad': 'adoption',
            '#oc': 'outcome',
            '#v': 'version',
            '#ua': 'updatedAt',
            '#rev': 'itemsRevision',
          },
          ExpressionAttributeValues: {
            ':adopting': 'adopting',
            ':draft': 'draft',
            ':adoption': adoption,
            ':outcome': outcome,
            ':one': 1,
            ':at': now.toISOString(),
            ':rev': r.itemsRevision,
          },
        },
      },
      auditPut({
        at: now,
        actor,
        entityType: 'resolution',
        entityId: r.id,
        action: 'adopt-start',
        clause: r.kind === 'revocation' ? '4.7' : '3.3, 3.6',
        detail: { number: r.number, adoptedOn: r.adoptedOn, items: total, electionVersion },
      }),
    ]);
  } catch (err) {
    if (err instanceof ConditionFailedError) {
      throw new ConcurrencyError('the resolution changed while it was being checked; adopt again');
    }
    throw err;
  }
  return { ...r, status: 'adopting', adoption, outcome, version: r.version + 1, updatedAt: now.toISOString() };
}

/**
 * Resuming an adoption that stopped part-way: the next attempt takes the lease (a run still going
 * on with an older attempt fails its next chunk), on the election version the window was checked on.
 */
export async function resumeAdoption(
  r: Resolution,
  electionVersion: number,
  actor: Actor,
  now: Date,
): Promise<Resolution> {
  const prev = r.adoption;
  if (!prev) throw new RuleViolationError('the resolution has no adoption to resume', 'NO_ADOPTION', '3.3');
  const attempt = prev.attempt + 1;
  try {
    await transact([
      {
        Update: {
          TableName: table(),
          Key: keys.resolution(r.id),
          UpdateExpression: 'SET #ad.#att = :next, #ad.#ev = :ev, #ua = :at',
          ConditionExpression: '#status = :adopting AND #ad.#att = :prev AND #rev = :rev',
          ExpressionAttributeNames: {
            '#status': 'status',
            '#ad': 'adoption',
            '#att': 'attempt',
            '#ua': 'updatedAt',
            '#ev': 'electionVersion',
            '#rev': 'itemsRevision',
          },
          ExpressionAttributeValues: {
            ':next': attempt,
            ':prev': prev.attempt,
            ':ev': electionVersion,
            ':at': now.toISOString(),
            ':adopting': 'adopting',
            ':rev': r.itemsRevision,
          },
        },
      },
      auditPut({
        at: now,
        actor,
        entityType: 'resolution',
        entityId: r.id,
        action: 'adopt-resume',
        clause: '3.3',
        detail: { attempt, done: prev.done, total: prev.total },
      }),
    ]);
  } catch (err) {
    if (err instanceof ConditionFailedError) {
      throw new ConcurrencyError('another adoption run of this resolution started meanwhile; adopt again');
    }
    throw err;
  }
  return { ...r, adoption: { ...prev, attempt, electionVersion }, updatedAt: now.toISOString() };
}

/**
 * The resolution's progress after a chunk, conditional on the progress and attempt the run holds: a
 * chunk is counted exactly once, and a crash resumes where the last committed chunk left off. The
 * checkpoint (the chunk's last person in the order of application) is written in the same transaction
 * as the people it covers, so it always names the end of the applied prefix. The last chunk also marks
 * the resolution adopted.
 */
export function adoptionProgressUpdate(
  resolutionId: string,
  held: { attempt: number; done: number },
  chunk: {
    applied: number;
    outcome: AdoptionOutcome;
    last: boolean;
    at: Date;
    /** The chunk's last person; null for a chunk without people (the checkpoint stays). */
    checkpoint: AdoptionCheckpoint | null;
  },
): TransactItem {
  const sets = [
    '#ad.#done = #ad.#done + :n',
    '#ad.#chunks = #ad.#chunks + :one',
    '#oc.#acc = #oc.#acc + :acc',
    '#oc.#ref = #oc.#ref + :ref',
    '#oc.#rvk = #oc.#rvk + :rvk',
    '#oc.#forced = #oc.#forced + :forced',
    '#ua = :at',
  ];
  const names: Record<string, string> = {
    ...ADOPTION_NAMES,
    '#oc': 'outcome',
    '#acc': 'accredited',
    '#ref': 'refused',
    '#rvk': 'revoked',
    '#forced': 'forcedRefusals',
  };
  const values: Record<string, unknown> = {
    ':n': chunk.applied,
    ':one': 1,
    ':acc': chunk.outcome.accredited,
    ':ref': chunk.outcome.refused,
    ':rvk': chunk.outcome.revoked,
    ':forced': chunk.outcome.forcedRefusals,
    ':at': chunk.at.toISOString(),
    ':adopting': 'adopting',
    ':done': held.done,
    ':attempt': held.attempt,
  };
  if (chunk.checkpoint) {
    sets.push('#ad.#cp = :cp');
    names['#cp'] = 'checkpoint';
    values[':cp'] = chunk.checkpoint;
  }
  if (chunk.last) {
    sets.push('#status = :adopted', '#ad.#fin = :at', '#v = #v + :one');
    names['#fin'] = 'finishedAt';
    names['#v'] = 'version';
    values[':adopted'] = 'adopted';
  }
  return {
    Update: {
      TableName: table(),
      Key: keys.resolution(resolutionId),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: '#status = :adopting AND #ad.#done = :done AND #ad.#att = :attempt',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * adopting → draft, when the first chunk could not be applied: nothing was changed, so the resolution
 * is a draft again (all or none). Only while no chunk has been committed; a no-op otherwise.
 */
export async function abandonAdoption(r: Resolution, attempt: number, actor: Actor, now: Date, why: string) {
  try {
    await transact([
      {
        Update: {
          TableName: table(),
          Key: keys.resolution(r.id),
          UpdateExpression: 'SET #status = :draft, #ad = :null, #oc = :null, #v = #v + :one, #ua = :at',
          ConditionExpression: '#status = :adopting AND #ad.#att = :attempt AND #ad.#done = :zero',
          ExpressionAttributeNames: {
            '#status': 'status',
            '#ad': 'adoption',
            '#att': 'attempt',
            '#done': 'done',
            '#ua': 'updatedAt',
            '#oc': 'outcome',
            '#v': 'version',
          },
          ExpressionAttributeValues: {
            ':draft': 'draft',
            ':adopting': 'adopting',
            ':null': null,
            ':one': 1,
            ':zero': 0,
            ':attempt': attempt,
            ':at': now.toISOString(),
          },
        },
      },
      auditPut({
        at: now,
        actor,
        entityType: 'resolution',
        entityId: r.id,
        action: 'adopt-abandon',
        clause: '3.3',
        detail: { why },
      }),
    ]);
    return true;
  } catch (err) {
    if (err instanceof ConditionFailedError) return false;
    throw err;
  }
}
