/**
 * The access-code limits (2.5) on DynamoDB Local: a burst of parallel wrong codes has exactly the limit
 * evaluated, the right code is accepted during an attack, unknown invitations are limited by source,
 * and each lockout is audited once. Source addresses are drawn from a seeded generator (printed on
 * failure; `ACCESS_CODE_SEED=<n>` replays).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import * as createSessionFn from '#functions/http/portal/create-session';
import { queryPage } from '#data/paging';
import { ACCESS_CODE_FAILURES, ACCESS_CODE_SOURCE_FAILURES } from '#data/rate-limit';
import { createPortalSession } from '#http/routes/portal';
import { setNow } from '#runtime/clock';
import { newId } from './fixtures';
import { call, invitedOrganization } from './intake-fixtures';

const SEED = Number(process.env.ACCESS_CODE_SEED ?? Date.now() % 2 ** 31);
let state = SEED;
function nextRandom(): number {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return state;
}
/** A source address no other test uses. */
function randomIp(): string {
  return `10.${nextRandom() % 256}.${nextRandom() % 256}.${(nextRandom() % 254) + 1}`;
}

const NOW = new Date('2027-02-24T06:00:00Z');
beforeEach(() => setNow(NOW));

function signInFrom(ip: string, code: string) {
  return call<{ token: string }>(
    createSessionFn,
    createPortalSession,
    { anonymous: true, ip },
    { body: { accessCode: code } },
  );
}

describe(`access-code limits (2.5), seed ${SEED}`, () => {
  it('evaluates exactly the limit of 20 parallel wrong codes for one invitation, refuses the rest with 429', async () => {
    const who = await invitedOrganization();
    const [invitationId] = who.code.split('.');
    const wrong = `${invitationId}.${'A'.repeat(26)}`;
    const answers = await Promise.all(Array.from({ length: 20 }, () => signInFrom(randomIp(), wrong)));
    const statuses = answers.map((a) => a.status);
    expect(
      statuses.filter((s) => s === 401),
      `seed ${SEED}`,
    ).toHaveLength(ACCESS_CODE_FAILURES.limit);
    expect(
      statuses.filter((s) => s === 429),
      `seed ${SEED}`,
    ).toHaveLength(20 - ACCESS_CODE_FAILURES.limit);
    const audit = await queryPage<Record<string, unknown>>({
      partition: `AUDIT#invitation#${invitationId}`,
      limit: 100,
    });
    expect(audit.items.filter((a) => a.action === 'access-code-rejected')).toHaveLength(ACCESS_CODE_FAILURES.limit);
    // The lockout is audited once, however many attempts it refused.
    expect(audit.items.filter((a) => a.action === 'access-code-lockout')).toHaveLength(1);
  });

  it('accepts the right code while its invitation is under attack, from the attacker’s address too', async () => {
    const who = await invitedOrganization();
    const [invitationId] = who.code.split('.');
    const attacker = randomIp();
    const wrong = `${invitationId}.${'B'.repeat(26)}`;
    for (let i = 0; i < ACCESS_CODE_FAILURES.limit; i++) expect((await signInFrom(attacker, wrong)).status).toBe(401);
    expect((await signInFrom(attacker, wrong)).status).toBe(429);
    const during = await Promise.all([
      signInFrom(randomIp(), who.code),
      signInFrom(attacker, wrong),
      signInFrom(attacker, who.code),
    ]);
    expect(during.map((a) => a.status)).toEqual([201, 429, 201]);
  });

  it('limits wrong codes for unknown invitations by source address, and leaves other addresses alone', async () => {
    const guesser = randomIp();
    const guesses = await Promise.all(
      Array.from({ length: ACCESS_CODE_SOURCE_FAILURES.limit + 5 }, () =>
        signInFrom(guesser, `${newId()}.${'C'.repeat(26)}`),
      ),
    );
    const statuses = guesses.map((g) => g.status);
    expect(
      statuses.filter((s) => s === 401),
      `seed ${SEED}`,
    ).toHaveLength(ACCESS_CODE_SOURCE_FAILURES.limit);
    expect(
      statuses.filter((s) => s === 429),
      `seed ${SEED}`,
    ).toHaveLength(5);
    expect(Number(guesses.find((g) => g.status === 429)?.headers['retry-after'])).toBeGreaterThan(0);
    expect((await signInFrom(randomIp(), `${newId()}.${'C'.repeat(26)}`)).status).toBe(401);
    // An organization signing in from the guesser's address with its right code is not refused.
    const who = await invitedOrganization();
    expect((await signInFrom(guesser, who.code)).status).toBe(201);
  });
});
