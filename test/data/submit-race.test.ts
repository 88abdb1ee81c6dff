/**
 * A submit that loses a race to a write the organization did not make: between the submit's read of
 * its representatives and its transaction, another organization's nomination of the same passport sets
 * the duplicate flag on one of them (3.1). The organization still gets its submit (the submit reads
 * again), with the flag, and nothing is written twice.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as submitFn from '#functions/http/portal/submit-application';
import { getPerson, updatePerson } from '#data/persons';
import { systemActor } from '#data/audit';
import { queryPage } from '#data/paging';
import { keys } from '#data/keys';
import { submitPortalApplication } from '#http/routes/portal';
import { setNow } from '#runtime/clock';
import { MemoryStore, call, completeApplication, invitedOrganization } from './intake-fixtures';

/** Runs once, right after the submit's read of the people (then the submit writes what it read). */
const race = vi.hoisted(() => ({ once: null as null | (() => Promise<void>), reads: 0 }));

vi.mock('#data/persons', async (importOriginal) => {
  const real = await importOriginal<typeof import('#data/persons')>();
  return {
    ...real,
    getPeople: async (...args: Parameters<typeof real.getPeople>) => {
      const people = await real.getPeople(...args);
      race.reads++;
      const write = race.once;
      race.once = null;
      if (write) await write();
      return people;
    },
  };
});

const NOW = new Date('2027-02-24T06:00:00Z');
const store = new MemoryStore();

beforeAll(() => setNow(NOW));

describe('submit racing a concurrent write', () => {
  it('reads again and submits when a representative gained a flag meanwhile (no 409)', async () => {
    const who = await invitedOrganization();
    const { app, persons: people } = await completeApplication(who, store, ['Anna', 'Bolot']);
    const target = people[0]!.id;
    // What another organization's nomination of the same passport does to this representative.
    race.once = async () => {
      const before = await getPerson(target);
      if (!before) throw new Error('the representative is gone');
      await updatePerson(before, { flags: [...before.flags, 'DUPLICATE_NOMINATION'] }, systemActor('flags'), NOW, {
        action: 'flags',
        clause: '3.1',
      });
    };
    race.reads = 0;
    const res = await call<{ status: string; people: { id: string; status: string; flags: { code: string }[] }[] }>(
      submitFn,
      submitPortalApplication,
      who.portal,
      { params: { applicationId: app.id } },
    );
    expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(200);
    // The first read lost the race; the submit read again.
    expect(race.reads).toBe(2);
    expect(res.body.people.map((p) => p.status)).toEqual(['submitted', 'submitted']);
    const after = await getPerson(target);
    expect(after?.status).toBe('submitted');
    // One submit entry in the application's audit trail: the lost try wrote nothing.
    const audit = await queryPage<{ action: string }>({
      partition: keys.audit('application', app.id, '', '').pk,
      limit: 100,
    });
    expect(audit.items.filter((e) => e.action === 'submit')).toHaveLength(1);
  });
});
