/**
 * Record ids: ULIDs (time-ordered, 80 random bits) whose random part is drawn from a pool of
 * crypto-random bytes refilled 4 KB at a time. The package's default asks the system for one byte per
 * character, which dominated the client's work in bulk writes (an audit entry and an outbox message
 * per person).
 */
import { randomFillSync } from 'node:crypto';
import { ulid } from 'ulid';

const pool = Buffer.alloc(4096);
let poolAt = pool.length;

function pooledRandom(): number {
  if (poolAt >= pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  return pool[poolAt++]! / 0x100;
}

/** A new ULID for a record written at `seedTime` (epoch ms; now by default). */
export function recordId(seedTime: number = Date.now()): string {
  return ulid(seedTime, pooledRandom);
}
