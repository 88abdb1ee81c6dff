/**
 * The twin's S3 thread yields the cores to the API's functions: in AWS, S3 and the upload checker's
 * Lambda have CPUs of their own, on the twin they share the machine (s3-worker.ts).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { getPriority } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadLetters } from './dead-letters';
import { freePort } from './ports';
import { type LocalS3, startS3 } from './s3';

/** The nice value of each of this process's threads (field 19 of /proc/self/task/<id>/stat). */
function threadNiceValues(): number[] {
  return readdirSync('/proc/self/task').map((id) => {
    const stat = readFileSync(`/proc/self/task/${id}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

/** Linux keeps a nice value per thread; a process started below nice 10 shows the S3 thread's own. */
const linux = process.platform === 'linux' && getPriority() < 10;
let s3: LocalS3 | undefined;
let before: number[] = [];

beforeAll(async () => {
  if (!linux) return;
  before = threadNiceValues();
  s3 = await startS3({
    port: await freePort(),
    buckets: { documents: 'priority-test-documents', certificates: 'priority-test-certificates' },
    corsOrigins: ['http://localhost:5173'],
    consumers: [],
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    deadLetters: new DeadLetters(),
  });
});

afterAll(async () => {
  await s3?.stop();
});

describe.runIf(linux)('the S3 thread', () => {
  it('runs at nice 10 while the process and its other threads keep their priority', async () => {
    expect(before.filter((n) => n === 10)).toEqual([]);
    const after = threadNiceValues();
    expect(after.filter((n) => n === 10)).toHaveLength(1);
    expect(after.filter((n) => n !== 10).every((n) => n === getPriority())).toBe(true);
    // It still answers: a bucket it was given exists.
    const res = await fetch(`${s3!.endpoint}/priority-test-documents`, { method: 'HEAD' });
    expect(res.status).toBe(200);
  });
});
