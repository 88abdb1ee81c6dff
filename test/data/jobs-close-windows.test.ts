/**
 * The window's close (3.6) on DynamoDB Local, driven by an injected clock: voting day 2027-03-14,
 * offset 3, last accreditation day 2027-03-11, closed from 00:00 Bishkek on 2027-03-12 (18:00 UTC on
 * 2027-03-11).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#data/audit';
import { updateElection } from '#data/elections';
import { keys } from '#data/keys';
import { transitionPerson, updatePerson } from '#data/persons';
import { transitionMany } from '#jobs/bulk-transition';
import { closeWindows } from '#jobs/close-windows';
import {
  auditOf,
  contextAt,
  counters,
  crashingCheckpoints,
  makeApplication,
  makeElection,
  makeOrganization,
  outboxOf,
  peopleWithStatus,
  personOf,
  readItem,
  readPerson,
  seedPeople,
  useOwnTable,
} from './jobs-fixtures';

const LAST_MOMENT_OPEN = '2027-03-11T17:59:59.999Z'; // 23:59:59.999 Bishkek, D − 3
const CLOSE = '2027-03-11T18:00:00.000Z'; // 00:00 Bishkek, D − 2

beforeAll(async () => {
  await useOwnTable('close');
});

describe('close-windows job (3.6)', () => {
  it('lapses the undecided at 00:00 of D − 2, not a millisecond before, once, and locks applications', async () => {
    // Prepare
    const e = await makeElection();
    const org = await makeOrganization({ preferredLanguage: 'ky', contactEmail: 'cec@example.de' });
    const draftApp = await makeApplication(e.id, org);
    const sentApp = await makeApplication(e.id, org, { status: 'submitted', submittedAt: '2027-02-01T06:00:00.000Z' });
    const undecided = [
      personOf(draftApp, org, 'draft'),
      personOf(draftApp, org, 'draft'),
      personOf(sentApp, org, 'submitted'),
      personOf(sentApp, org, 'returned'),
      personOf(sentApp, org, 'mfa_checked'),
    ];
    const decided = [personOf(sentApp, org, 'accredited'), personOf(sentApp, org, 'refused')];
    await seedPeople([...undecided, ...decided]);

    // Act: the last moment of D − 3
    const before = await closeWindows(contextAt(LAST_MOMENT_OPEN));

    // Assess: nothing happens while the window is open
    expect(before.changed).toBe(0);
    expect((await readPerson(undecided[0]!.id)).status).toBe('draft');
    expect((await readItem(keys.application(draftApp.id)))?.status).toBe('draft');

    // Act: 00:00 of D − 2
    const at = await closeWindows(contextAt(CLOSE));

    // Assess
    expect(at.done).toBe(true);
    expect(at.changed).toBe(2 + undecided.length); // two applications locked, five people lapsed
    for (const p of undecided) {
      const now = await readPerson(p.id);
      expect(now.status).toBe('lapsed');
      expect(now.version).toBe(2);
      const audit = await auditOf('person', p.id);
      expect(audit.map((a) => [a.action, a.clause])).toEqual([['lapse', '3.6']]);
      expect(audit[0]?.actor).toMatchObject({ kind: 'system', id: 'job:close-windows' });
    }
    for (const p of decided) expect((await readPerson(p.id)).status).toBe(p.status);
    expect((await readItem(keys.application(draftApp.id)))?.status).toBe('locked');
    expect((await readItem(keys.application(sentApp.id)))?.status).toBe('locked');
    expect((await auditOf('application', draftApp.id)).map((a) => a.action)).toEqual(['lock']);
    expect(await counters(e.id)).toMatchObject({
      draft: 0,
      submitted: 0,
      returned: 0,
      mfa_checked: 0,
      lapsed: 5,
      accredited: 1,
      refused: 1,
    });
    const mail = await outboxOf(e.id);
    expect(mail).toHaveLength(5);
    for (const m of mail) {
      expect(m.template).toBe('decision-lapsed');
      const person = undecided.find((p) => p.id === (m.payload as { personId: string }).personId)!;
      expect(m.to).toEqual(['cec@example.de', person.email]);
      expect(m.payload).toMatchObject({
        lang: 'ky',
        electionId: e.id,
        organizationId: org.id,
        lastAccreditationDay: '2027-03-11',
      });
    }

    // Act: the job runs again (a second schedule, a retry)
    const again = await closeWindows(contextAt('2027-03-12T18:01:00.000Z'));

    // Assess: nothing more changes
    expect(again.changed).toBe(0);
    expect(await outboxOf(e.id)).toHaveLength(5);
    expect(await auditOf('person', undecided[0]!.id)).toHaveLength(1);
    expect((await counters(e.id)).lapsed).toBe(5);
  });

  it('follows each election’s own offset', async () => {
    const e = await makeElection({ votingDay: '2027-05-16', windowOffsetDays: 5 }); // last day 05-11, closed from 05-12
    const org = await makeOrganization();
    const app = await makeApplication(e.id, org);
    const p = personOf(app, org, 'submitted');
    await seedPeople([p]);

    await closeWindows(contextAt('2027-05-11T17:59:59.000Z'));
    expect((await readPerson(p.id)).status).toBe('submitted');
    await closeWindows(contextAt('2027-05-11T18:00:00.000Z'));
    expect((await readPerson(p.id)).status).toBe('lapsed');
  });

  it('resumes after a crash between a page’s writes and its checkpoint, lapsing everyone exactly once', async () => {
    // Prepare: 23 people in draft, pages of 5
    const e = await makeElection({ votingDay: '2027-06-13' }); // closed from 2027-06-10 18:00 UTC
    const org = await makeOrganization();
    const app = await makeApplication(e.id, org);
    const people = Array.from({ length: 23 }, () => personOf(app, org, 'draft'));
    await seedPeople(people);
    const crashing = crashingCheckpoints(3); // saves: applications page, people page 1, people page 2 ✗

    // Act
    await expect(
      closeWindows(contextAt('2027-06-10T18:00:00Z', { checkpoints: crashing, pageSize: 5 })),
    ).rejects.toThrow(/simulated crash/);
    const lapsedAfterCrash = (await peopleWithStatus(e.id, 'lapsed')).length;
    const resumed = await closeWindows(contextAt('2027-06-10T18:05:00Z', { pageSize: 5 }));

    // Assess
    expect(lapsedAfterCrash).toBe(10); // two pages were written before the crash
    expect(resumed.done).toBe(true);
    expect(resumed.changed).toBe(13);
    expect(await peopleWithStatus(e.id, 'draft')).toHaveLength(0);
    expect(await peopleWithStatus(e.id, 'lapsed')).toHaveLength(23);
    expect(await counters(e.id)).toMatchObject({ draft: 0, lapsed: 23 });
    expect(await outboxOf(e.id)).toHaveLength(23);
    for (const p of people) expect(await auditOf('person', p.id)).toHaveLength(1);
  });

  it('stops when its budget is spent and continues on the next run', async () => {
    const e = await makeElection({ votingDay: '2027-07-11' }); // closed from 2027-07-08 18:00 UTC
    const org = await makeOrganization();
    const app = await makeApplication(e.id, org);
    await seedPeople(Array.from({ length: 12 }, () => personOf(app, org, 'submitted')));

    // A budget already spent: every run does one page, then stops with a checkpoint.
    const runs = [];
    for (let i = 0; i < 20; i++) {
      const r = await closeWindows(contextAt('2027-07-08T18:00:00Z', { deadline: Date.now() - 1, pageSize: 5 }));
      runs.push(r);
      if (r.done) break;
    }

    expect(runs[0]?.done).toBe(false);
    expect(runs.at(-1)?.done).toBe(true);
    expect(runs.length).toBeGreaterThan(3);
    expect(await peopleWithStatus(e.id, 'lapsed')).toHaveLength(12);
    expect(await counters(e.id)).toMatchObject({ submitted: 0, lapsed: 12 });
  });
});

describe('close-windows after a change of the calendar', () => {
  it('closes again at the new date when voting day is moved after a close', async () => {
    const e = await makeElection({ votingDay: '2027-09-12' }); // closed from 2027-09-09 18:00 UTC
    const org = await makeOrganization();
    const app = await makeApplication(e.id, org, { status: 'submitted' });
    const first = personOf(app, org, 'submitted');
    await seedPeople([first]);
    await closeWindows(contextAt('2027-09-09T18:00:00Z'));
    expect((await readPerson(first.id)).status).toBe('lapsed');

    // Voting day postponed by two weeks: the window is open again and a new nomination arrives.
    await updateElection(e.id, { version: e.version, votingDay: '2027-09-26' }, systemActor('test'), new Date());
    const late = personOf(app, org, 'submitted');
    await seedPeople([late]);
    expect((await closeWindows(contextAt('2027-09-20T18:00:00Z'))).changed).toBe(0);
    expect((await readPerson(late.id)).status).toBe('submitted');
    expect((await closeWindows(contextAt('2027-09-23T18:00:00Z'))).changed).toBe(1);
    expect((await readPerson(late.id)).status).toBe('lapsed');
    expect(await auditOf('person', first.id)).toHaveLength(1);
  });
});

describe('bulk transitions under concurrent decisions', () => {
  it('re-reads a person changed since the page was read, and leaves one decided meanwhile alone', async () => {
    const e = await makeElection({ votingDay: '2027-08-15' });
    const org = await makeOrganization();
    const app = await makeApplication(e.id, org, { status: 'submitted' });
    const edited = personOf(app, org, 'submitted');
    const decided = personOf(app, org, 'submitted');
    const plain = personOf(app, org, 'submitted');
    await seedPeople([edited, decided, plain]);
    const reviewer = { kind: 'staff' as const, id: 'reviewer-1', label: 'reviewer@cec.local' };
    // What the job read (stale copies), then the changes that race it:
    await updatePerson(edited, { reviewerNote: 'checked passport' }, reviewer, new Date('2027-08-11T10:00:00Z'));
    await transitionPerson(decided, 'accredit', reviewer, new Date('2027-08-11T10:00:00Z'));

    const out = await transitionMany([edited, decided, plain], {
      event: 'lapse',
      actor: systemActor('close-windows'),
      now: new Date('2027-08-11T18:00:00Z'),
    });

    expect(out.moved.map((p) => p.id).sort()).toEqual([edited.id, plain.id].sort());
    expect(out.skipped).toEqual([]);
    const editedNow = await readPerson(edited.id);
    expect(editedNow).toMatchObject({ status: 'lapsed', reviewerNote: 'checked passport', version: 3 });
    expect((await readPerson(decided.id)).status).toBe('accredited');
    expect(await counters(e.id)).toMatchObject({ submitted: 0, lapsed: 2, accredited: 1 });
  });
});
