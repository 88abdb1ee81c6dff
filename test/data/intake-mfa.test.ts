/**
 * The MFA step (3.2) through its handlers, on DynamoDB Local: the queue of applications sent through
 * the MFA, returning one with a note (the organization edits and resubmits), forwarding it, and the gate
 * that keeps the CEC from deciding before the MFA has checked.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as decideFn from '#functions/http/mfa/decide';
import * as mfaGetFn from '#functions/http/mfa/get-application';
import * as queueFn from '#functions/http/mfa/queue';
import * as getApplicationFn from '#functions/http/portal/get-application';
import * as submitFn from '#functions/http/portal/submit-application';
import * as updateRepresentativeFn from '#functions/http/portal/update-representative';
import { canBeDecided } from '#domain/lifecycle';
import { getPerson } from '#data/persons';
import { mfaDecide, mfaGetApplication, mfaQueue } from '#http/routes/mfa';
import { getPortalApplication, submitPortalApplication, updatePortalRepresentative } from '#http/routes/portal';
import { setNow } from '#runtime/clock';
import { fixture } from '#test/fixtures/documents';
import {
  ADMIN,
  type Invited,
  MFA_OFFICER,
  MemoryStore,
  REVIEWER,
  call,
  completeApplication,
  invitedOrganization,
  representative,
  upload,
} from './intake-fixtures';

type ErrorBody = { error: { code: string; message: string; clause?: string; issues?: { field: string }[] } };
type AppBody = {
  id: string;
  status: string;
  mfaStatus: string;
  mfaNote: string | null;
  version: number;
  people: { id: string; status: string; version: number }[];
};

const store = new MemoryStore();

beforeAll(() => setNow(new Date('2027-02-24T06:00:00Z')));

async function submittedApplication(who: Invited, channel: 'direct' | 'mfa', people = 2) {
  const { app, persons } = await completeApplication(who, store, people, channel);
  const ids = persons.map((p) => p.id);
  const res = await call<AppBody>(submitFn, submitPortalApplication, who.portal, { params: { applicationId: app.id } });
  if (res.status !== 200) throw new Error(`submit failed: ${JSON.stringify(res.body)}`);
  return { applicationId: app.id, people: ids };
}

async function queue(status?: string) {
  const res = await call<{ data: { id: string; organizationName: string | null }[] }>(queueFn, mfaQueue, MFA_OFFICER, {
    query: { limit: '200', ...(status ? { status } : {}) },
  });
  return res.body.data;
}

describe('the MFA queue and its decision (3.2)', () => {
  it('holds MFA applications until checked; the CEC cannot decide on their people before', async () => {
    const who = await invitedOrganization({ organization: { name: { original: 'Embassy of Japan' } } });
    const mfa = await submittedApplication(who, 'mfa');
    const direct = await submittedApplication(who, 'direct', 1);

    const pending = await queue();
    expect(pending.map((a) => a.id)).toContain(mfa.applicationId);
    expect(pending.map((a) => a.id)).not.toContain(direct.applicationId);
    expect(pending.find((a) => a.id === mfa.applicationId)?.organizationName).toBe('Embassy of Japan');

    // The gate: such people are `submitted`, and only `mfa_checked` ones may be decided.
    for (const id of mfa.people) {
      const p = await getPerson(id);
      expect(p).toMatchObject({ status: 'submitted', channel: 'mfa' });
      expect(canBeDecided(p.status, p.channel)).toBe(false);
    }
    const directPerson = await getPerson(direct.people[0]!);
    expect(canBeDecided(directPerson.status, directPerson.channel)).toBe(true);

    const detail = await call<AppBody>(mfaGetFn, mfaGetApplication, MFA_OFFICER, {
      params: { applicationId: mfa.applicationId },
    });
    expect(detail.status).toBe(200);
    expect(detail.body.people).toHaveLength(2);
    const notMfa = await call(mfaGetFn, mfaGetApplication, MFA_OFFICER, {
      params: { applicationId: direct.applicationId },
    });
    expect(notMfa.status).toBe(404);
  });

  it('returns with a note: the organization sees it, edits and resubmits; then forwards to the CEC', async () => {
    const who = await invitedOrganization();
    const mfa = await submittedApplication(who, 'mfa');
    const read = await call<AppBody>(mfaGetFn, mfaGetApplication, MFA_OFFICER, {
      params: { applicationId: mfa.applicationId },
    });

    const noNote = await call<ErrorBody>(decideFn, mfaDecide, MFA_OFFICER, {
      params: { applicationId: mfa.applicationId },
      body: { outcome: 'returned', version: read.body.version },
    });
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.issues?.[0]?.field).toBe('body.note');
    // The decision is the MFA's alone (3.2): neither a reviewer nor the CEC's administrator makes it.
    for (const caller of [REVIEWER, ADMIN]) {
      const res = await call(decideFn, mfaDecide, caller, {
        params: { applicationId: mfa.applicationId },
        body: { outcome: 'forwarded', version: read.body.version },
      });
      expect(res.status).toBe(403);
    }
    const stale = await call<ErrorBody>(decideFn, mfaDecide, MFA_OFFICER, {
      params: { applicationId: mfa.applicationId },
      body: { outcome: 'forwarded', version: read.body.version - 1 },
    });
    expect(stale.status).toBe(409);

    const returned = await call<AppBody>(decideFn, mfaDecide, MFA_OFFICER, {
      params: { applicationId: mfa.applicationId },
      body: {
        outcome: 'returned',
        note: 'The passport copy of the second person is illegible.',
        version: read.body.version,
      },
    });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'draft', mfaStatus: 'returned' });
    expect(returned.body.people.map((p) => p.status)).toEqual(['returned', 'returned']);
    expect((await queue()).map((a) => a.id)).not.toContain(mfa.applicationId);
    expect((await queue('returned')).map((a) => a.id)).toContain(mfa.applicationId);

    const seen = await call<AppBody>(getApplicationFn, getPortalApplication, who.portal, {
      params: { applicationId: mfa.applicationId },
    });
    expect(seen.body.mfaNote).toBe('The passport copy of the second person is illegible.');
    const person = seen.body.people[1]!;
    const edited = await call(updateRepresentativeFn, updatePortalRepresentative, who.portal, {
      params: { applicationId: mfa.applicationId, personId: person.id },
      body: { ...representative({ givenNamesLatin: 'Corrected' }), version: person.version },
    });
    expect(edited.status).toBe(200);
    await upload(who, store, mfa.applicationId, {
      kind: 'passport',
      personId: person.id,
      contentType: 'application/pdf',
      bytes: await fixture('letter.pdf'),
    });
    const resubmitted = await call<AppBody>(submitFn, submitPortalApplication, who.portal, {
      params: { applicationId: mfa.applicationId },
    });
    expect(resubmitted.body).toMatchObject({ status: 'submitted', mfaStatus: 'pending' });
    expect((await queue()).map((a) => a.id)).toContain(mfa.applicationId);

    const again = await call<AppBody>(mfaGetFn, mfaGetApplication, MFA_OFFICER, {
      params: { applicationId: mfa.applicationId },
    });
    const forwarded = await call<AppBody>(decideFn, mfaDecide, MFA_OFFICER, {
      params: { applicationId: mfa.applicationId },
      body: { outcome: 'forwarded', version: again.body.version },
    });
    expect(forwarded.status).toBe(200);
    expect(forwarded.body.mfaStatus).toBe('forwarded');
    expect(forwarded.body.people.map((p) => p.status)).toEqual(['mfa_checked', 'mfa_checked']);
    for (const p of forwarded.body.people) {
      const stored = await getPerson(p.id);
      expect(canBeDecided(stored.status, stored.channel)).toBe(true);
    }
    const twice = await call<ErrorBody>(decideFn, mfaDecide, MFA_OFFICER, {
      params: { applicationId: mfa.applicationId },
      body: { outcome: 'forwarded', version: forwarded.body.version },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.clause).toBe('3.2');
  });

  it('refuses an MFA decision on an application sent directly (409, 3.2)', async () => {
    const who = await invitedOrganization();
    const direct = await submittedApplication(who, 'direct', 1);
    const res = await call<ErrorBody>(decideFn, mfaDecide, MFA_OFFICER, {
      params: { applicationId: direct.applicationId },
      body: { outcome: 'forwarded', version: 2 },
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'NOT_MFA_CHANNEL', clause: '3.2' });
  });
});
