/**
 * The scheduled jobs on the running twin, fired by its movable clock (POST /local/clock) exactly as
 * EventBridge Scheduler fires them in AWS: the reminder 7 days before the close (3.6), the close of
 * the window at 00:00 Bishkek of D − 2 (3.6), and the end of mandates after results (3.7), with the
 * certificate's public verification following. Records are put straight into the twin's table with
 * the same repositories the functions use (this file gets the twin's environment).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#data/audit';
import { certificatePut } from '#data/certificates';
import { createElection, updateElection } from '#data/elections';
import { keys } from '#data/keys';
import { transact } from '#data/transact';
import { lastAccreditationDay, windowClosesAt } from '#domain/calendar';
import { addDays, bishkekDate, startOfBishkekDay } from '#domain/time';
import { signCertificate } from '#pdf/verification';
import type { Application } from '#schemas/application';
import type { Election } from '#schemas/election';
import type { Person } from '#schemas/person';
import { storedMails } from '#local/ses';
import {
  auditOf,
  electionInput,
  makeApplication,
  makeOrganization,
  personOf,
  readItem,
  readPerson,
  seedPeople,
} from '../data/jobs-fixtures';
import { api } from '../twin/fixtures/twin-client';

const ADMIN = 'admin@cec.local';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface Firing {
  schedule: string;
  scheduledTime: string;
  status: string;
  detail?: string;
}

async function twinNow(): Promise<Date> {
  const res = await api('/local/clock', { as: ADMIN });
  return new Date(((await res.json()) as { now: string }).now);
}

async function moveTo(at: Date): Promise<Firing[]> {
  const res = await api('/local/clock', { method: 'POST', as: ADMIN, body: { at: at.toISOString() } });
  expect(res.status, res.text).toBe(200);
  return ((await res.json()) as { fired: Firing[] }).fired;
}

/** `hours` after 00:00 Bishkek of `day`. */
const bishkekTime = (day: string, hours: number) => new Date(startOfBishkekDay(day).getTime() + hours * HOUR);

const contact = `jobs-${Date.now().toString(36)}@mission.example`;
let e: Election;
let app: Application;
let undecided: Person[];
let accredited: Person;

async function outboxFor(entityId: string, template: string) {
  const { queryAll } = await import('#data/paging');
  const { indexPartitions } = await import('#data/keys');
  const found: Record<string, unknown>[] = [];
  for (const status of ['pending', 'sending', 'sent', 'failed']) {
    for await (const items of queryAll({
      index: 'gsi1',
      partition: indexPartitions.outboxByStatus(status),
      filter: {
        expression: '#e = :e AND #t = :t',
        names: { '#e': 'entityId', '#t': 'template' },
        values: { ':e': entityId, ':t': template },
      },
    })) {
      found.push(...items);
    }
  }
  // One item per id (an item may be read twice while the consumer moves it between statuses).
  return [...new Map(found.map((f) => [f.id, f])).values()];
}

beforeAll(async () => {
  const today = bishkekDate(await twinNow());
  // Voting day 12 days ahead: last accreditation day today + 9, closed from 00:00 of today + 10.
  e = await createElection(
    electionInput({ calledOn: addDays(today, -30), votingDay: addDays(today, 12) }),
    systemActor('test'),
    new Date(),
  );
  const org = await makeOrganization({ contactEmail: contact, preferredLanguage: 'ru' });
  app = await makeApplication(e.id, org);
  undecided = [personOf(app, org, 'draft'), personOf(app, org, 'submitted'), personOf(app, org, 'mfa_checked')];
  accredited = personOf(app, org, 'accredited', { certificateNumber: `JOBS-${Date.now().toString(36)}` });
  await seedPeople([...undecided, accredited]);
  await transact([
    certificatePut({
      electionId: e.id,
      number: accredited.certificateNumber!,
      personId: accredited.id,
      organizationId: org.id,
      resolutionId: app.id,
      issuedAt: new Date().toISOString(),
      objectKey: null,
      revokedAt: null,
      revocationReason: null,
      revocationResolutionId: null,
    }),
  ]);
});

afterAll(async () => {
  await api('/local/clock', { method: 'POST', as: ADMIN, body: { reset: true } });
});

describe('scheduled jobs on the twin’s clock', () => {
  it('reminds the organization of its unfinished application 7 days before the close', async () => {
    const last = lastAccreditationDay(e);
    const fired = await moveTo(bishkekTime(addDays(last, -6), 9.5));

    expect(fired).toContainEqual(expect.objectContaining({ schedule: 'remind-organizations', status: 'ok' }));
    const reminders = await outboxFor(app.id, 'reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ to: [contact], payload: { daysLeft: 7, lastAccreditationDay: last } });
  });

  it('lapses the undecided at 00:00 of D − 2, not at 23:59 of D − 3, once, and tells the organization', async () => {
    const closesAt = windowClosesAt(e);

    // 23:59 Bishkek on the last accreditation day: the window is still open.
    await moveTo(new Date(closesAt.getTime() - MINUTE));
    for (const p of undecided) expect((await readPerson(p.id)).status).toBe(p.status);
    expect((await readItem(keys.application(app.id)))?.status).toBe('draft');

    // Past 00:00 of D − 2: the schedule (00:01 Bishkek) fires the job.
    const fired = await moveTo(new Date(closesAt.getTime() + 5 * MINUTE));
    expect(fired).toContainEqual(expect.objectContaining({ schedule: 'close-windows', status: 'ok' }));
    for (const p of undecided) {
      expect((await readPerson(p.id)).status).toBe('lapsed');
      expect((await auditOf('person', p.id)).filter((a) => a.action === 'lapse')).toHaveLength(1);
      expect(await outboxFor(p.id, 'decision-lapsed')).toHaveLength(1);
    }
    expect((await readPerson(accredited.id)).status).toBe('accredited');
    expect((await readItem(keys.application(app.id)))?.status).toBe('locked');

    // Run it again by hand: nothing more happens.
    const again = await api('/local/jobs/close-windows', { method: 'POST', as: ADMIN });
    expect(again.status, again.text).toBe(200);
    for (const p of undecided) {
      expect((await auditOf('person', p.id)).filter((a) => a.action === 'lapse')).toHaveLength(1);
      expect(await outboxFor(p.id, 'decision-lapsed')).toHaveLength(1);
    }

    // The mail reaches the organization's contact (rendered and sent by the outbox consumer).
    await expect
      .poll(
        async () =>
          (await storedMails(process.env.TWIN_SES_URL!)).filter((m) => m.destination.to.includes(contact)).length,
        {
          timeout: 60_000,
          interval: 1000,
        },
      )
      .toBeGreaterThanOrEqual(2 + undecided.length); // two reminders (7 and 2 days) and a notice per person
  }, 120_000);

  it('expires mandates after the results are published, and the certificate stops verifying', async () => {
    const resultsDay = addDays(e.votingDay, 3);
    e = await updateElection(
      e.id,
      { version: e.version, resultsPublishedOn: resultsDay },
      systemActor('test'),
      new Date(),
    );
    const verify = async () => {
      const sig = signCertificate(e.id, accredited.certificateNumber!);
      const res = await api(`/v1/public/certificates/${e.id}/${accredited.certificateNumber}?sig=${sig}`);
      expect(res.status, res.text).toBe(200);
      return ((await res.json()) as { status: string }).status;
    };
    await moveTo(bishkekTime(resultsDay, 20));
    expect(await verify()).toBe('valid');
    expect((await readPerson(accredited.id)).status).toBe('accredited');

    // 00:00 after the results day; the schedule fires at 00:05 Bishkek.
    const fired = await moveTo(bishkekTime(addDays(resultsDay, 1), 0.25));
    expect(fired).toContainEqual(expect.objectContaining({ schedule: 'expire-mandates', status: 'ok' }));
    expect((await readPerson(accredited.id)).status).toBe('expired');
    expect((await auditOf('person', accredited.id)).map((a) => a.action)).toContain('expire');
    expect(await verify()).toBe('expired');
  });
});
