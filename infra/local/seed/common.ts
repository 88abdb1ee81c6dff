/**
 * What every part of the demo data shares: the seed's actor, its fixed ids, the derived access codes,
 * and finding records that their repositories number themselves again by name.
 */
import { createHash } from 'node:crypto';
import { base32, hashSecret } from '#data/access-codes';
import { systemActor } from '#data/audit';

export const actor = systemActor('seed');

/** Fixed ULID-shaped ids (Crockford base32: no I, L, O, U): `01JSEED` + kind + number. */
export function seedId(kind: number, n: number): string {
  return `01JSEED${String(kind).padStart(3, '0')}${String(n).padStart(16, '0')}`;
}

/** The demo access code of an invitation: derived from its id, so it is the same after every restart. */
export function demoAccessCode(invitationId: string): { code: string; hash: string } {
  const secret = base32(createHash('sha256').update(`cec-twin-demo:${invitationId}`).digest().subarray(0, 16));
  return { code: `${invitationId}.${secret}`, hash: hashSecret(secret) };
}

/** Every election and organization there is, by name (their own list queries, page by page). */
export async function byName<T>(
  list: (opts: { limit: number; cursor?: string }) => Promise<{ items: T[]; nextCursor: string | null }>,
  name: (item: T) => string,
): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  let cursor: string | undefined;
  do {
    const page = await list({ limit: 100, cursor });
    for (const item of page.items) out.set(name(item), item);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}
