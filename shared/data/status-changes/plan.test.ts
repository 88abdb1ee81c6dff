/**
 * Planning bulk status changes: every transaction within DynamoDB's 100 actions, every person in
 * exactly one, one counter update per counter item with the net moves, a lead in the first chunk only.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEvent } from '#data/persons';
import type { TransactItem } from '#data/transact';
import type { PersonStatus } from '#domain/lifecycle';
import type { Person } from '#schemas/person';
import { byOrganization, counterDeltas, counterUpdates, cutChunks } from './plan';
import { type StatusChangeRun, planStatusChanges } from './write';

process.env.TABLE_NAME ??= 'unit';
process.env.DOCUMENTS_BUCKET ??= 'documents';
process.env.CERTIFICATES_BUCKET ??= 'certificates';
process.env.PORTAL_SESSION_SECRET ??= 'unit-secret-0123456789abcdef0123456789';
process.env.CERTIFICATE_SECRET ??= 'unit-secret-0123456789abcdef0123456789';

const scope = (org: string, country = 'DE') => ({ electionId: 'E', organizationId: org, organizationCountry: country });
const person = (i: number, orgs: number, countries: number, status: PersonStatus = 'accredited'): Person =>
  ({
    id: `P${i}`,
    electionId: 'E',
    organizationId: `O${i % orgs}`,
    organizationCountry: `C${(i % orgs) % countries}`,
    status,
    familyNameLatin: `Observer${i}`,
    givenNamesLatin: 'Anna',
    citizenship: 'DE',
    passportNumber: `X${i}`,
    version: 1,
    decisions: [],
  }) as unknown as Person;
const actor = { kind: 'system', id: 'job:test', label: 'test' } as const;
const AT = new Date('2027-03-21T00:00:00Z');

/** The jobs' shape: per person its write, its audit entry and `extra` outbox messages. */
const expiry = (extra: number, lead: TransactItem[] = []): StatusChangeRun<Person> => ({
  actor,
  now: () => AT,
  personOf: (p) => p,
  extraActions: () => extra,
  change: (before, at) => ({
    before,
    after: applyEvent(before, 'expire', {}, at),
    event: 'expire',
    extra: Array.from({ length: extra }, (_, k) => ({
      Put: { TableName: 'unit', Item: { pk: `X${before.id}`, sk: `${k}` } },
    })),
  }),
  lead,
});

const personIdOf = (a: TransactItem) => (a.Put?.Item?.entity === 'person' ? String(a.Put.Item.id) : null);
const counterItems = (t: TransactItem[]) => t.filter((a) => String(a.Update?.Key?.sk ?? '').startsWith('COUNT#'));

describe('cutChunks', () => {
  it('keeps every transaction within the action limit, counting one counter update per election, organization and country', () => {
    const entries = Array.from({ length: 100 }, (_, i) => ({ scope: scope(`O${i % 7}`, `C${i % 3}`), actions: 4 }));
    const sizes = cutChunks(entries, { fixed: 3 });
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(100);
    let offset = 0;
    for (const n of sizes) {
      const slice = entries.slice(offset, offset + n);
      offset += n;
      const orgs = new Set(slice.map((e) => e.scope.organizationId)).size;
      const countries = new Set(slice.map((e) => e.scope.organizationCountry)).size;
      expect(3 + n * 4 + 1 + orgs + countries).toBeLessThanOrEqual(100);
    }
  });

  it('fits more people when they come organization by organization', () => {
    const mixed = Array.from({ length: 200 }, (_, i) => ({ scope: scope(`O${i % 25}`, `C${i % 10}`), actions: 4 }));
    const grouped = byOrganization(mixed, (e) => e.scope);
    expect(cutChunks(grouped, { fixed: 3 }).length).toBeLessThan(cutChunks(mixed, { fixed: 3 }).length);
  });

  it('leaves room for the lead in the first chunk only', () => {
    const entries = Array.from({ length: 98 }, () => ({ scope: scope('O'), actions: 2 }));
    expect(cutChunks(entries, {})).toEqual([48, 48, 2]);
    expect(cutChunks(entries, { lead: 10 })).toEqual([43, 48, 7]);
  });

  it('refuses a person who cannot fit at all', () => {
    expect(() => cutChunks([{ scope: scope('O'), actions: 95 }], { fixed: 3 })).toThrow(RangeError);
  });
});

describe('counter merging', () => {
  it('nets the moves per counter item and status', () => {
    const d = counterDeltas([
      { scope: scope('A'), from: 'submitted', to: 'accredited' },
      { scope: scope('A'), from: 'submitted', to: 'refused' },
      { scope: scope('B', 'FR'), from: 'mfa_checked', to: 'accredited' },
    ]);
    const byKey = Object.fromEntries([...d.values()].map((v) => [v.key.sk, Object.fromEntries(v.deltas)]));
    expect(byKey['COUNT#STATUS']).toEqual({ submitted: -2, accredited: 2, refused: 1, mfa_checked: -1 });
    expect(byKey['COUNT#ORG#A']).toEqual({ submitted: -2, accredited: 1, refused: 1 });
    expect(byKey['COUNT#CC#FR']).toEqual({ mfa_checked: -1, accredited: 1 });
  });

  it('writes nothing for moves that cancel out or stay in place', () => {
    expect(
      counterUpdates([
        { scope: scope('A'), from: 'accredited', to: 'accredited' },
        { scope: scope('A'), from: 'accredited', to: 'expired' },
        { scope: scope('A'), from: 'expired', to: 'accredited' },
      ]),
    ).toEqual([]);
  });
});

describe('planStatusChanges', () => {
  it('keeps every transaction within 100 actions and every person in exactly one (random populations)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 3 }),
        (n, orgs, countries, extra) => {
          const people = Array.from({ length: n }, (_, i) => person(i, orgs, countries));
          const txs = planStatusChanges(people, expiry(extra), AT);
          const ids: string[] = [];
          for (const t of txs) {
            expect(t.length).toBeLessThanOrEqual(100);
            const keys = t.map((a) => JSON.stringify(a.Put?.Item ? [a.Put.Item.pk, a.Put.Item.sk] : a.Update?.Key));
            expect(new Set(keys).size).toBe(keys.length); // one action per item
            ids.push(...t.flatMap((a) => personIdOf(a) ?? []));
          }
          expect(ids.sort()).toEqual(people.map((p) => p.id).sort());
        },
      ),
      { seed: 20270321, numRuns: 30 },
    );
  }, 60_000);

  it('fills transactions when few organizations are involved, with one counter update per counter item', () => {
    const people = Array.from({ length: 1000 }, (_, i) => person(i, 25, 10));
    const txs = planStatusChanges(people, expiry(0), AT);
    expect(txs.length).toBeLessThanOrEqual(24);
    const first = txs[0]!;
    const counters = counterItems(first);
    const persons = first.filter((a) => personIdOf(a)).length;
    const election = counters.find((a) => a.Update?.Key?.sk === 'COUNT#STATUS')!;
    expect(Object.values(election.Update?.ExpressionAttributeValues ?? {}).sort()).toEqual([-persons, persons]);
  });

  it('puts the lead into the first transaction only, and writes it even without people', () => {
    const lead: TransactItem = { Put: { TableName: 'unit', Item: { pk: 'APP#1', sk: 'META' } } };
    const txs = planStatusChanges(
      Array.from({ length: 120 }, (_, i) => person(i, 1, 1, 'draft')),
      {
        ...expiry(0, [lead]),
        change: (b, at) => ({ before: b, after: applyEvent(b, 'submit', {}, at), event: 'submit' }),
      },
      AT,
    );
    expect(txs[0]![0]).toBe(lead);
    expect(txs.slice(1).flat()).not.toContain(lead);
    expect(planStatusChanges([], expiry(0, [lead]), AT)).toEqual([[lead]]);
    expect(planStatusChanges([], expiry(0), AT)).toEqual([]);
  });

  it('gives each person its conditional write and its audit entry, citing the event’s clause', () => {
    const [t] = planStatusChanges([person(1, 1, 1)], expiry(0), AT);
    const put = t!.find((a) => personIdOf(a))!;
    expect(put.Put?.ConditionExpression).toContain('#version = :version');
    expect(put.Put?.Item?.status).toBe('expired');
    const audit = t!.find((a) => a.Put?.Item?.entity === 'audit')!;
    expect(audit.Put?.Item).toMatchObject({ action: 'expire', clause: '3.7', entityId: 'P1' });
  });
});
