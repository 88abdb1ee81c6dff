/**
 * Application numbers (3.1) on DynamoDB Local, through the portal's handlers: given when an application
 * is started, per election, distinct under a burst of parallel creations, carried to its people and
 * their grid rows; applications and people stored before numbers were given still read, with null.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import * as getApplicationFn from '#functions/http/portal/get-application';
import * as listApplicationsFn from '#functions/http/portal/list-applications';
import { applicationItem, getApplication } from '#data/applications';
import { formatApplicationNumber } from '#data/application-numbers';
import { getPerson, personItem } from '#data/persons';
import { gridRowOf } from '#data/triage';
import { getPortalApplication, listPortalApplications } from '#http/routes/portal';
import { ddb } from '#runtime/clients';
import { setNow } from '#runtime/clock';
import { config } from '#runtime/config';
import { makePerson } from './fixtures';
import { type Invited, addPerson, call, invitedOrganization, newApplication } from './intake-fixtures';

const NOW = new Date('2027-02-24T06:00:00Z');

beforeAll(() => setNow(NOW));

type AppBody = { id: string; number: string | null; people: { id: string; applicationNumber: string | null }[] };

describe('application numbers (3.1)', () => {
  it('numbers an election’s applications from 0001 with its short code, and the next election anew', async () => {
    const first = await invitedOrganization();
    const a = await newApplication(first);
    const b = await newApplication(first, 'mfa');
    // electionBody: a presidential election voting on 2027-03-14.
    expect([(a as { number?: string }).number, (b as { number?: string }).number]).toEqual([
      'PR27-A-0001',
      'PR27-A-0002',
    ]);
    const other = await invitedOrganization();
    const c = await newApplication(other);
    expect((c as { number?: string }).number).toBe('PR27-A-0001');
    expect((await getApplication(b.id)).number).toBe('PR27-A-0002');
  });

  it('gives a parallel burst of creations distinct numbers without gaps', async () => {
    const first = await invitedOrganization();
    const second: Invited = await invitedOrganization({ electionId: first.electionId });
    const burst = await Promise.all(
      Array.from({ length: 24 }, (_, i) => newApplication(i % 2 ? first : second, i % 3 ? 'direct' : 'mfa')),
    );
    const numbers = await Promise.all(burst.map(async (x) => (await getApplication(x.id)).number));
    expect(new Set(numbers).size).toBe(24);
    const expected = Array.from({ length: 24 }, (_, i) =>
      formatApplicationNumber({ kind: 'presidential', votingDay: '2027-03-14' }, i + 1),
    );
    expect([...numbers].sort()).toEqual(expected);
  });

  it('carries the number to the application’s people, the portal’s answers and the grid row', async () => {
    const who = await invitedOrganization();
    await newApplication(who);
    const app = await newApplication(who);
    const p = await addPerson(who, app.id);
    const stored = await getPerson(p.id);
    expect(stored.applicationNumber).toBe('PR27-A-0002');
    expect(gridRowOf(stored, new Map()).applicationNumber).toBe('PR27-A-0002');
    const one = await call<AppBody>(getApplicationFn, getPortalApplication, who.portal, {
      params: { applicationId: app.id },
    });
    expect(one.status).toBe(200);
    expect(one.body.number).toBe('PR27-A-0002');
    expect(one.body.people.map((x) => x.applicationNumber)).toEqual(['PR27-A-0002']);
    const list = await call<{ data: AppBody[] }>(listApplicationsFn, listPortalApplications, who.portal);
    expect(list.body.data.map((x) => x.number).sort()).toEqual(['PR27-A-0001', 'PR27-A-0002']);
  });

  it('reads applications and people stored before numbers were given, with null', async () => {
    const who = await invitedOrganization();
    const app = await newApplication(who);
    const p = await addPerson(who, app.id);
    // As stored before numbers: no attribute at all.
    const { number: _n, ...oldApp } = await getApplication(app.id);
    await ddb.send(new PutCommand({ TableName: config().tableName, Item: applicationItem(oldApp as never) }));
    const { applicationNumber: _a, ...oldPerson } = await getPerson(p.id);
    await ddb.send(new PutCommand({ TableName: config().tableName, Item: personItem(oldPerson as never) }));
    expect((await getApplication(app.id)).number).toBeNull();
    expect((await getPerson(p.id)).applicationNumber).toBeNull();
    const one = await call<AppBody>(getApplicationFn, getPortalApplication, who.portal, {
      params: { applicationId: app.id },
    });
    expect(one.status).toBe(200);
    expect(one.body.number).toBeNull();
    expect(one.body.people[0]?.applicationNumber).toBeNull();
    expect(gridRowOf(makePerson({ electionId: who.electionId }), new Map()).applicationNumber).toBeNull();
  });
});
