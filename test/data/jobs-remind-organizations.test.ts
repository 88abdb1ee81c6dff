/**
 * Reminders 7 and 2 days before the window closes (3.6), on DynamoDB Local with an injected clock.
 * Voting day 2027-03-14, offset 3: last accreditation day 2027-03-11; 7 days left on 2027-03-05,
 * 2 days left on 2027-03-10. The schedule fires at 09:00 Bishkek (03:00 UTC).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { remindOrganizations } from '#jobs/remind-organizations';
import {
  auditOf,
  contextAt,
  makeApplication,
  makeElection,
  makeOrganization,
  outboxOf,
  useOwnTable,
} from './jobs-fixtures';

beforeAll(async () => {
  await useOwnTable('remind');
});

const at9 = (day: string) => `${day}T03:00:00.000Z`;

describe('remind-organizations job (3.6)', () => {
  it('reminds unfinished applications 7 and 2 days before the close, once each', async () => {
    // Prepare
    const e = await makeElection();
    const drafting = await makeOrganization({ preferredLanguage: 'ru', contactEmail: 'draft@example.org' });
    const corrected = await makeOrganization({ contactEmail: 'mfa-returned@example.org' });
    const finished = await makeOrganization({ contactEmail: 'done@example.org' });
    const draftApp = await makeApplication(e.id, drafting);
    const returnedApp = await makeApplication(e.id, corrected, {
      channel: 'mfa',
      status: 'submitted',
      mfaStatus: 'returned',
      submittedAt: '2027-02-01T06:00:00.000Z',
    });
    await makeApplication(e.id, finished, { status: 'submitted', submittedAt: '2027-02-01T06:00:00.000Z' });

    // Act + Assess: 8 days left, nothing
    expect((await remindOrganizations(contextAt(at9('2027-03-04')))).changed).toBe(0);
    expect(await outboxOf(e.id)).toHaveLength(0);

    // 7 days left
    expect((await remindOrganizations(contextAt(at9('2027-03-05')))).changed).toBe(2);
    let mail = await outboxOf(e.id);
    expect(mail).toHaveLength(2);
    const toDraft = mail.find((m) => (m.payload as { applicationId: string }).applicationId === draftApp.id);
    expect(toDraft).toMatchObject({
      template: 'reminder',
      to: ['draft@example.org'],
      payload: {
        lang: 'ru',
        electionId: e.id,
        organizationId: drafting.id,
        daysLeft: 7,
        lastAccreditationDay: '2027-03-11',
      },
    });
    expect(mail.map((m) => m.to)).toContainEqual(['mfa-returned@example.org']);

    // Same day again, and the next day: already reminded
    expect((await remindOrganizations(contextAt('2027-03-05T10:00:00Z'))).changed).toBe(0);
    expect((await remindOrganizations(contextAt(at9('2027-03-06')))).changed).toBe(0);
    expect(await outboxOf(e.id)).toHaveLength(2);

    // 2 days left: the second reminder
    expect((await remindOrganizations(contextAt(at9('2027-03-10')))).changed).toBe(2);
    mail = await outboxOf(e.id);
    expect(mail).toHaveLength(4);
    expect(mail.filter((m) => (m.payload as { daysLeft: number }).daysLeft === 2)).toHaveLength(2);
    expect((await auditOf('application', draftApp.id)).map((a) => [a.action, a.clause])).toEqual([
      ['remind', '3.6'],
      ['remind', '3.6'],
    ]);
    expect(await auditOf('application', returnedApp.id)).toHaveLength(2);

    // Last day, and after the close: nothing more
    expect((await remindOrganizations(contextAt(at9('2027-03-11')))).changed).toBe(0);
    expect((await remindOrganizations(contextAt(at9('2027-03-12')))).changed).toBe(0);
    expect(await outboxOf(e.id)).toHaveLength(4);
  });

  it('catches up a missed reminder day with the true number of days left', async () => {
    const e = await makeElection({ votingDay: '2027-05-16' }); // last day 2027-05-13; 7 left on 05-07
    const org = await makeOrganization();
    await makeApplication(e.id, org);

    // The schedule did not run on 05-07; it runs on 05-08 (6 days left).
    expect((await remindOrganizations(contextAt(at9('2027-05-08')))).changed).toBe(1);
    expect((await outboxOf(e.id)).map((m) => (m.payload as { daysLeft: number }).daysLeft)).toEqual([6]);
  });
});
