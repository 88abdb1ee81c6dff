/**
 * Checkpoints of the scheduled jobs (design principle 6): after every page a job records where it is,
 * per election (and phase), so that a crash or a spent time budget resumes at the same place, and a
 * finished scope is marked `done` so that running the job again changes nothing more.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '#data/keys';
import { queryAll } from '#data/paging';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';

export interface Checkpoint {
  /** What the checkpoint covers: an election id, or an election id and a reminder day. */
  scope: string;
  /** The step within the scope a job is on (a status, `applications`, `sweep` ...). */
  phase: string | null;
  /** The cursor of the next page of that step; null to start the step from its beginning. */
  cursor: string | null;
  done: boolean;
  /** Records changed so far in this scope (people lapsed, mandates expired, documents purged ...). */
  count: number;
  /** Records left as they were because they changed under the job (retried on the next run). */
  skipped: number;
  updatedAt: string;
}

export interface CheckpointStore {
  /** Every checkpoint of a job: one Query of the job's own partition (one item per election). */
  all(job: string): Promise<Map<string, Checkpoint>>;
  save(job: string, checkpoint: Checkpoint): Promise<void>;
}

export function freshCheckpoint(scope: string, phase: string | null, now: Date): Checkpoint {
  return { scope, phase, cursor: null, done: false, count: 0, skipped: 0, updatedAt: now.toISOString() };
}

const FIELDS = ['scope', 'phase', 'cursor', 'done', 'count', 'skipped', 'updatedAt'] as const;

/** The checkpoints in the table, under `keys.jobCheckpoint(job, scope)`. */
export const tableCheckpoints: CheckpointStore = {
  async all(job) {
    const result = new Map<string, Checkpoint>();
    for await (const items of queryAll({ partition: keys.jobCheckpoint(job, '').pk })) {
      for (const item of items) {
        const cp = Object.fromEntries(FIELDS.map((f) => [f, item[f] ?? null])) as unknown as Checkpoint;
        cp.count = Number(cp.count ?? 0);
        cp.skipped = Number(cp.skipped ?? 0);
        cp.done = cp.done === true;
        result.set(cp.scope, cp);
      }
    }
    return result;
  },
  async save(job, cp) {
    await ddb.send(
      new PutCommand({
        TableName: config().tableName,
        Item: { ...keys.jobCheckpoint(job, cp.scope), entity: 'job-checkpoint', schemaVersion: 1, job, ...cp },
      }),
    );
  },
};
