/**
 * The staff side of intake through its handlers, on DynamoDB Local: elections and their calendar,
 * organizations, invitations with their access codes (2.2, 2.5), proposals (2.3).
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import * as createElectionFn from '#functions/http/admin/elections/create';
import * as getElectionFn from '#functions/http/admin/elections/get';
import * as listElectionsFn from '#functions/http/admin/elections/list';
import * as updateElectionFn from '#functions/http/admin/elections/update';
import * as getInvitationFn from '#functions/http/admin/invitations/get';
import * as issueInvitationFn from '#functions/http/admin/invitations/issue';
import * as listInvitationsFn from '#functions/http/admin/invitations/list';
import * as reissueFn from '#functions/http/admin/invitations/reissue-code';
import * as getOrganizationFn from '#functions/http/admin/organizations/get';
import * as listOrganizationsFn from '#functions/http/admin/organizations/list';
import * as updateOrganizationFn from '#functions/http/admin/organizations/update';
import * as createProposalFn from '#functions/http/admin/proposals/create';
import * as declineProposalFn from '#functions/http/admin/proposals/decline';
import * as inviteFromProposalFn from '#functions/http/admin/proposals/invite';
import * as getProposalFn from '#functions/http/admin/proposals/get';
import * as listProposalsFn from '#functions/http/admin/proposals/list';
import { hashSecret } from '#data/access-codes';
import { keys } from '#data/keys';
import { queryPage } from '#data/paging';
import {
  adminCreateElection,
  adminCreateProposal,
  adminDeclineProposal,
  adminGetElection,
  adminGetInvitation,
  adminGetProposal,
  adminGetOrganization,
  adminInviteFromProposal,
  adminIssueInvitation,
  adminListElections,
  adminListInvitations,
  adminListOrganizations,
  adminListProposals,
  adminReissueAccessCode,
  adminUpdateElection,
  adminUpdateOrganization,
} from '#http/routes/admin-intake';
import { ddb } from '#runtime/clients';
import { setNow } from '#runtime/clock';
import { config } from '#runtime/config';
import {
  ADMIN,
  ANONYMOUS,
  MFA_OFFICER,
  REVIEWER,
  accessCodeFromOutbox,
  call,
  createElectionAs,
  createOrganizationAs,
  electionBody,
  organizationBody,
  signIn,
} from './intake-fixtures';

type Body = Record<string, unknown> & {
  error?: { code: string; message: string; clause?: string; issues?: unknown[] };
};

const invitationBody = (electionId: string, organizationId: string) => ({
  electionId,
  organizationId,
  invitingAuthority: 'jogorku_kenesh',
  invitedOn: '2027-02-01',
  mfaDispatchRef: '12/3-456',
});

beforeAll(() => {
  setNow(new Date('2027-02-24T06:00:00Z'));
});

describe('elections (admin)', () => {
  it('records an election with the default window offset and answers with the derived calendar (3.6, 3.7)', async () => {
    const res = await call<Body>(createElectionFn, adminCreateElection, ADMIN, { body: electionBody() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      windowOffsetDays: 3,
      phase: 'called',
      calendar: {
        lastAccreditationDay: '2027-03-11',
        windowClosesAt: '2027-03-11T18:00:00.000Z',
        passportMustBeValidOn: '2027-03-14',
        mandateEndsOn: null,
      },
    });
    const got = await call<Body>(getElectionFn, adminGetElection, REVIEWER, {
      params: { electionId: String(res.body.id) },
    });
    expect(got.status).toBe(200);
    const list = await call<{ data: { id: string }[] }>(listElectionsFn, adminListElections, MFA_OFFICER, {
      query: { limit: '200' },
    });
    expect(list.body.data.map((e) => e.id)).toContain(res.body.id);
  });

  it('refuses inconsistent dates naming the field and the rule', async () => {
    const res = await call<Body>(createElectionFn, adminCreateElection, ADMIN, {
      body: electionBody({ calledOn: '2027-03-20', votingDay: '2027-03-14' }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error?.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'body.calledOn', rule: expect.stringContaining('2.2') }),
      ]),
    );
    const repeat = await call<Body>(createElectionFn, adminCreateElection, ADMIN, {
      body: electionBody({ repeatVoting: { votingDay: '2027-03-01' } }),
    });
    expect(repeat.status).toBe(400);
    expect(JSON.stringify(repeat.body)).toContain('repeatVoting.votingDay');
  });

  it('sets results and a repeat voting with the version read; the mandate runs to the repeat results (3.7)', async () => {
    const id = await createElectionAs(ADMIN);
    const res = await call<Body>(updateElectionFn, adminUpdateElection, ADMIN, {
      params: { electionId: id },
      body: { version: 1, repeatVoting: { votingDay: '2027-03-28', resultsPublishedOn: '2027-04-02' } },
    });
    expect(res.status).toBe(200);
    expect(res.body.calendar).toMatchObject({ mandateEndsOn: '2027-04-02', passportMustBeValidOn: '2027-04-02' });
    const stale = await call<Body>(updateElectionFn, adminUpdateElection, ADMIN, {
      params: { electionId: id },
      body: { version: 1, windowOffsetDays: 5 },
    });
    expect(stale.status).toBe(409);
    const bad = await call<Body>(updateElectionFn, adminUpdateElection, ADMIN, {
      params: { electionId: id },
      body: { version: 2, resultsPublishedOn: '2027-03-01' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toContain('3.7');
  });

  it('lets only cec-admin write; a reviewer and an MFA officer may read', async () => {
    expect((await call(createElectionFn, adminCreateElection, REVIEWER, { body: electionBody() })).status).toBe(403);
    expect((await call(createElectionFn, adminCreateElection, MFA_OFFICER, { body: electionBody() })).status).toBe(403);
    expect((await call(createElectionFn, adminCreateElection, ANONYMOUS, { body: electionBody() })).status).toBe(401);
  });
});

describe('organizations (admin)', () => {
  it('records, reads, lists and changes an organization; unknown fields are refused', async () => {
    const id = await createOrganizationAs(ADMIN, { name: { original: 'ОБСЕ/БДИПЧ', en: 'OSCE/ODIHR' } });
    const got = await call<Body>(getOrganizationFn, adminGetOrganization, REVIEWER, { params: { organizationId: id } });
    expect(got.body).toMatchObject({ name: { original: 'ОБСЕ/БДИПЧ' }, type: 'foreign_election_body', version: 1 });
    const many = await call<{ data: { id: string }[] }>(listOrganizationsFn, adminListOrganizations, REVIEWER, {
      query: { ids: id },
    });
    expect(many.body.data.map((o) => o.id)).toEqual([id]);
    const changed = await call<Body>(updateOrganizationFn, adminUpdateOrganization, ADMIN, {
      params: { organizationId: id },
      body: { version: 1, preferredLanguage: 'ru' },
    });
    expect(changed.body).toMatchObject({ preferredLanguage: 'ru', version: 2 });
    const unknown = await call<Body>(updateOrganizationFn, adminUpdateOrganization, ADMIN, {
      params: { organizationId: id },
      body: { version: 2, legalCapacity: true },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.issues).toEqual([{ field: 'body.legalCapacity', rule: 'is not a known field' }]);
  });

  it('keeps contact emails from anyone but staff', async () => {
    const id = await createOrganizationAs(ADMIN);
    expect(
      (await call(getOrganizationFn, adminGetOrganization, ANONYMOUS, { params: { organizationId: id } })).status,
    ).toBe(401);
    // MFA officers work the queue; the organizations' register is the CEC's.
    expect(
      (await call(getOrganizationFn, adminGetOrganization, MFA_OFFICER, { params: { organizationId: id } })).status,
    ).toBe(403);
  });
});

describe('invitations and access codes (2.2, 2.5)', () => {
  it('refuses an invitation before the calling is published (409, 2.2) and writes nothing', async () => {
    // An election is recorded once its calling is published (2.2, Art. 10.1): record it on that day,
    // then ask for an invitation at a moment before it, as a clock behind the calling would.
    setNow(new Date('2027-03-01T06:00:00Z'));
    const electionId = await createElectionAs(ADMIN, { calledOn: '2027-03-01', votingDay: '2027-05-16' });
    setNow(new Date('2027-02-24T06:00:00Z'));
    const organizationId = await createOrganizationAs(ADMIN);
    const res = await call<Body>(issueInvitationFn, adminIssueInvitation, ADMIN, {
      body: { ...invitationBody(electionId, organizationId), invitedOn: '2027-03-02' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'CALLING_NOT_PUBLISHED', clause: '2.2' });
    expect(res.body.error?.message).toContain('2027-03-01');
    const guard = await ddb.send(
      new GetCommand({ TableName: config().tableName, Key: keys.invitationGuard(electionId, organizationId) }),
    );
    expect(guard.Item).toBeUndefined();
  });

  it('refuses an invitation once the window has closed (409, 3.6)', async () => {
    const electionId = await createElectionAs(ADMIN, { calledOn: '2027-01-05', votingDay: '2027-02-21' });
    const organizationId = await createOrganizationAs(ADMIN);
    const res = await call<Body>(issueInvitationFn, adminIssueInvitation, ADMIN, {
      body: invitationBody(electionId, organizationId),
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'WINDOW_CLOSED', clause: '3.6' });
  });

  it('issues one invitation per organization and election; the code goes out sealed and is stored only hashed', async () => {
    const electionId = await createElectionAs(ADMIN);
    const organizationId = await createOrganizationAs(ADMIN, {
      contactEmail: 'head@cec.example.kz',
      preferredLanguage: 'ru',
    });
    const res = await call<{
      invitation: Record<string, unknown> & { id: string; codeIssuedAt: string };
      sentTo: string[];
    }>(issueInvitationFn, adminIssueInvitation, ADMIN, { body: invitationBody(electionId, organizationId) });
    expect(res.status).toBe(201);
    expect(res.body.sentTo).toEqual(['head@cec.example.kz']);
    expect(res.body.invitation).toMatchObject({
      status: 'active',
      codeGeneration: 1,
      invitingAuthority: 'jogorku_kenesh',
    });
    expect(JSON.stringify(res.body)).not.toMatch(/codeHash|sealed/);

    const invitationId = res.body.invitation.id;
    const code = await accessCodeFromOutbox(invitationId, res.body.invitation.codeIssuedAt);
    expect(code).toMatch(new RegExp(`^${invitationId}\\.[A-Z2-7]{26}$`));
    const stored = await ddb.send(
      new GetCommand({ TableName: config().tableName, Key: keys.invitation(invitationId) }),
    );
    expect(stored.Item?.codeHash).toBe(hashSecret(code.split('.')[1]!));
    expect(JSON.stringify(stored.Item)).not.toContain(code.split('.')[1]);

    // The outbox item names the template, the recipient and the organization's language (contract).
    const outbox = await queryPage<Record<string, unknown>>({
      index: 'gsi1',
      partition: 'OUTBOX#pending',
      prefix: res.body.invitation.codeIssuedAt,
      limit: 20,
      filter: { expression: 'entityId = :id', names: {}, values: { ':id': invitationId } },
    });
    expect(outbox.items[0]).toMatchObject({
      kind: 'email',
      template: 'access-code',
      to: ['head@cec.example.kz'],
      payload: { lang: 'ru', organizationId, electionId, invitationId, portalUrl: expect.any(String) },
    });

    const again = await call<Body>(issueInvitationFn, adminIssueInvitation, ADMIN, {
      body: invitationBody(electionId, organizationId),
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'ALREADY_INVITED', clause: '2.2' });

    const list = await call<{ data: { id: string }[] }>(listInvitationsFn, adminListInvitations, REVIEWER, {
      params: { electionId },
    });
    expect(list.body.data.map((i) => i.id)).toEqual([invitationId]);
    const got = await call<Body>(getInvitationFn, adminGetInvitation, REVIEWER, { params: { invitationId } });
    expect(got.body).not.toHaveProperty('codeHash');
  });

  it('reissue rotates the code: the old code and its sessions stop working, the new one signs in', async () => {
    const electionId = await createElectionAs(ADMIN);
    const organizationId = await createOrganizationAs(ADMIN);
    const issued = await call<{ invitation: { id: string; codeIssuedAt: string } }>(
      issueInvitationFn,
      adminIssueInvitation,
      ADMIN,
      { body: invitationBody(electionId, organizationId) },
    );
    const invitationId = issued.body.invitation.id;
    const oldCode = await accessCodeFromOutbox(invitationId, issued.body.invitation.codeIssuedAt);
    const oldSession = await signIn(oldCode);
    expect(oldSession.status).toBe(201);

    setNow(new Date('2027-02-24T06:05:00Z'));
    const re = await call<{ invitation: { codeGeneration: number; codeIssuedAt: string } }>(
      reissueFn,
      adminReissueAccessCode,
      ADMIN,
      { params: { invitationId } },
    );
    expect(re.status).toBe(200);
    expect(re.body.invitation.codeGeneration).toBe(2);
    const newCode = await accessCodeFromOutbox(invitationId, re.body.invitation.codeIssuedAt);
    expect(newCode).not.toBe(oldCode);

    expect((await signIn(oldCode)).status).toBe(401);
    expect((await signIn(newCode)).status).toBe(201);
    const { handler } = await import('#functions/http/portal/get-session');
    const { getPortalSession } = await import('#http/routes/portal');
    const stale = await call<Body>({ handler }, getPortalSession, { portal: oldSession.body.token });
    expect(stale.status).toBe(401);
    setNow(new Date('2027-02-24T06:00:00Z'));
  });
});

describe('proposals (2.3)', () => {
  it('records a non-profit’s proposal and turns it into an invitation', async () => {
    const electionId = await createElectionAs(ADMIN);
    const proposer = await createOrganizationAs(ADMIN, { type: 'non_profit_proposer', country: 'KG' });
    const proposed = await createOrganizationAs(ADMIN, { type: 'international_organization', country: 'AT' });
    const res = await call<Body>(createProposalFn, adminCreateProposal, ADMIN, {
      body: {
        electionId,
        proposerOrganizationId: proposer,
        proposedOrganizationId: proposed,
        note: 'Election experts',
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'proposed', invitationId: null });
    const proposalId = String(res.body.id);

    const list = await call<{ data: { id: string }[] }>(listProposalsFn, adminListProposals, REVIEWER, {
      params: { electionId },
    });
    expect(list.body.data.map((p) => p.id)).toEqual([proposalId]);

    const invited = await call<{ invitation: { id: string; proposalId: string; organizationId: string } }>(
      inviteFromProposalFn,
      adminInviteFromProposal,
      ADMIN,
      { params: { proposalId }, body: { invitingAuthority: 'cec', invitedOn: '2027-02-20', mfaDispatchRef: 'P-1' } },
    );
    expect(invited.status).toBe(201);
    expect(invited.body.invitation).toMatchObject({ proposalId, organizationId: proposed });
    const after = await call<{ data: { status: string; invitationId: string }[] }>(
      listProposalsFn,
      adminListProposals,
      REVIEWER,
      { params: { electionId } },
    );
    expect(after.body.data[0]).toMatchObject({ status: 'invited', invitationId: invited.body.invitation.id });
    const one = await call<Body>(getProposalFn, adminGetProposal, REVIEWER, { params: { proposalId } });
    expect(one.body).toMatchObject({ id: proposalId, status: 'invited', proposerOrganizationId: proposer });
    const twice = await call<Body>(inviteFromProposalFn, adminInviteFromProposal, ADMIN, {
      params: { proposalId },
      body: { invitingAuthority: 'cec', invitedOn: '2027-02-20', mfaDispatchRef: 'P-1' },
    });
    expect(twice.status).toBe(409);
  });

  it('refuses a proposal from an organization that is not a non-profit proposer, and declines with a note', async () => {
    const electionId = await createElectionAs(ADMIN);
    const notProposer = await createOrganizationAs(ADMIN);
    const proposer = await createOrganizationAs(ADMIN, { type: 'non_profit_proposer' });
    const proposed = await createOrganizationAs(ADMIN);
    const refused = await call<Body>(createProposalFn, adminCreateProposal, ADMIN, {
      body: { electionId, proposerOrganizationId: notProposer, proposedOrganizationId: proposed },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'NOT_A_PROPOSER', clause: '2.3' });
    const p = await call<Body>(createProposalFn, adminCreateProposal, ADMIN, {
      body: { electionId, proposerOrganizationId: proposer, proposedOrganizationId: proposed },
    });
    const declined = await call<Body>(declineProposalFn, adminDeclineProposal, ADMIN, {
      params: { proposalId: String(p.body.id) },
      body: { note: 'Not specialised in elections', version: 1 },
    });
    expect(declined.body).toMatchObject({ status: 'declined', decisionNote: 'Not specialised in elections' });
    // A non-profit proposes; it is not invited to send observers itself (1.3, 2.3).
    const invitingProposer = await call<Body>(issueInvitationFn, adminIssueInvitation, ADMIN, {
      body: invitationBody(electionId, proposer),
    });
    expect(invitingProposer.status).toBe(409);
  });
});

describe('organization bodies', () => {
  it('names every bad field of an organization', async () => {
    const { handler } = await import('#functions/http/admin/organizations/create');
    const { adminCreateOrganization } = await import('#http/routes/admin-intake');
    const res = await call<Body>({ handler }, adminCreateOrganization, ADMIN, {
      body: organizationBody({ type: 'club', country: 'Germany', contactEmail: 'nope' }),
    });
    expect(res.status).toBe(400);
    const fields = ((res.body.error?.issues ?? []) as { field: string }[]).map((i) => i.field).sort();
    expect(fields).toEqual(['body.contactEmail', 'body.country', 'body.type']);
  });
});
