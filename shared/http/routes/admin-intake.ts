/**
 * Intake, staff side (/v1/admin): elections and their calendar (2.2, 3.6, 3.7), organizations,
 * invitations and their access codes (2.2, 2.5), proposals (2.3), applications, and the organizations'
 * written revocation requests (4.7 b). Reviewers read, `cec-admin` writes; elections are readable by
 * every staff group (MFA officers need the calendar too). Contact emails stay within staff.
 */
import { application } from '#schemas/application';
import { page } from '#schemas/common';
import { electionInput, electionPatch, electionView } from '#schemas/election';
import {
  applicationDetail,
  applicationListQuery,
  applicationIdParams,
  declineProposalInput,
  electionIdParams,
  invitationIdParams,
  invitationView,
  inviteFromProposalInput,
  issueInvitationInput,
  issuedInvitation,
  organizationIdParams,
  organizationListQuery,
  pageQuery,
  proposalIdParams,
  revocationRequest,
} from '#schemas/intake';
import { proposal, proposalInput } from '#schemas/invitation';
import { organization, organizationInput, organizationPatch } from '#schemas/organization';
import { ANY_STAFF, CEC_ADMIN, CEC_STAFF, defineRoute } from '../route';

const TAG = 'intake';
/** Staff bodies are small forms. */
const SMALL_BODY = 16 * 1024;

export const adminListElections = defineRoute({
  method: 'GET',
  path: '/v1/admin/elections',
  handler: 'http/admin/elections/list',
  access: { kind: 'staff', groups: ANY_STAFF },
  summary: 'Elections with their derived calendar (2.2, 3.6, 3.7), newest voting day first',
  tag: TAG,
  query: pageQuery,
  response: page(electionView),
});

export const adminGetElection = defineRoute({
  method: 'GET',
  path: '/v1/admin/elections/{electionId}',
  handler: 'http/admin/elections/get',
  access: { kind: 'staff', groups: ANY_STAFF },
  summary: 'One election with its derived calendar',
  tag: TAG,
  params: electionIdParams,
  response: electionView,
});

export const adminCreateElection = defineRoute({
  method: 'POST',
  path: '/v1/admin/elections',
  handler: 'http/admin/elections/create',
  access: { kind: 'staff', groups: CEC_ADMIN },
  summary:
    'Record an election: kind, names, called-on date, voting day, window offset (default 3), results and repeat voting; inconsistent dates are refused naming the rule',
  tag: TAG,
  body: electionInput,
  response: electionView,
  maxBodyBytes: SMALL_BODY,
});

export const adminUpdateElection = defineRoute({
  method: 'PATCH',
  path: '/v1/admin/elections/{electionId}',
  handler: 'http/admin/elections/update',
  access: { kind: 'staff', groups: CEC_ADMIN },
  summary: 'Change an election (e.g. results publication, repeat voting, 3.7) with the version read',
  tag: TAG,
  params: electionIdParams,
  body: electionPatch,
  response: electionView,
  maxBodyBytes: SMALL_BODY,
});

export const adminListOrganizations = defineRoute({
  method: 'GET',
  path: '/v1/admin/organizations',
  handler: 'http/admin/organizations/list',
  access: { kind: 'staff', groups: CEC_STAFF },
  summary: 'Organizations in name order, or `ids=A,B` for several at once',
  tag: TAG,
  query: organizationListQuery,
  response: page(organization),
});

export const adminGetOrganization = defineRoute({
  method: 'GET',
  path: '/v1/admin/organizations/{organizationId}',
  handler: 'http/admin/organizations/get',
  access: { kind: 'staff', groups: CEC_STAFF },
  summary: 'One organization',
  tag: TAG,
  params: organizationIdParams,
  response: organization,
});

export const adminCreateOrganization = defineRoute({
  method: 'POST',
  path: '/v1/admin/organizations',
  handler: 'http/admin/organizations/create',
  access: { kind: 'staff', groups: CEC_ADMIN },
  summary: 'Record an organization: names, type, country, contact email and preferred language',
  tag: TAG,
  body: organizationInput,
  response: organization,
  maxBodyBytes: SMALL_BODY,
});

export const adminUpdateOrganization = defineRoute({
  method: 'PATCH',
  path: '/v1/admin/organizations/{organizationId}',
  handler: 'http/admin/organizations/update',
  access: { kind: 'staff', groups: CEC_ADMIN },
  summary: 'Change an organization with the version read',
  tag: TAG,
  params: organizationIdParams,
  body: organizationPatch,
  response: organization,
  maxBodyBytes: SMALL_BODY,
});

export const adminListInvitations = defineRoute({
  method: 'GET',
  path: '/v1/admin/elections/{electionId}/invitations',
  handler: 'http/admin/invitations/list',
  access: { kind: 'staff', groups: CEC_STAFF },
  summary: 'Invitations of an election, by invitation date',
  tag: TAG,
  params: electionIdParams,
  query: pageQuery,
  response: page(invitationView),
});

export const adminGetInvitation = defineRoute({
  method: 'GET',
  path: '/v1/admin/invitations/{invitationId}',
  handler: 'http/admin/invitations/get',
  access: { kind: 'staff', groups: CEC_STAFF },
  summary: 'One invitation (never its access code)',
  tag: TAG,
  params: invitationIdParams,
  response: invitationView,
});

export const adminIssueInvitation = defineRoute({
  method: 'POST',
  path: '/v1/admin/invitations',
  handler: 'http/admin/invitations/issue',
  access: { kind: 'staff', groups: CEC_ADMIN },
  summary:
    'Issue an invitation (2.2, 2.5): refused (409) before the calling is published and after the window closed; emails the organization its access code',
  tag: TAG,
  body: issueInvitationInput,
  response: issuedInvitation,
  maxBodyBytes: SMALL_BODY,
});

export const adminReissueAccessCode = defineRoute({
  method: 'POST',
  path: '/v1/admin/invitations/{invitationId}/reissue-code',
  handler: 'http/admin/invitations/reissue-code',
  access: { kind: 'staff', groups: CEC_ADMIN },
  summary: 'Email a new access code; the previous code and the sessions opened with it stop working (2.5)',
  tag: TAG,
  params: invitationIdParams,
  response: issuedInvitation,
});

export const adminListProposals = defineRoute({
  method: 'GET',
  path: '/v1/admin/elections/{electionId}/proposals',
  handler: 'http/admin/proposals/list',
  access: { kind: 'staff', groups: CEC_STAFF },
  summary: 'Invitation proposals of non-profits for an election (2.3)',
  tag: TAG,
  params: electionIdParams,
  query: pageQuery,
  response: page(proposal),
});

export const adminGetProposal = defineRoute({
  method: 'GET',
  path: '/v1/admin/proposals/{proposalId}',
  handler: 'http/admin/proposals/get',
  access: { kind: 'staff', groups: CEC_STAFF },
  summary: 'One invitation proposal (2.3)',
  tag: TAG,
  params: proposalIdParams,
  response: proposal,
});

export const adminCreateProposal = defineRoute({
  method: 'POST',
  path: '/v1/admin/proposals',
  handler: 'http/admin/proposals/create',
  access: { kind: 'staff', groups: CEC_ADMIN },
  summary: 'Record a non-profit’s proposal whom to invite (2.3)',
  tag: TAG,
  body: proposalInput,
  response: proposal,
  maxBodyBytes: SMALL_BODY,
});

export const adminInviteFromProposal = defineRoute({
  method: 'POST',
  path: '/v1/admin/proposals/{proposalId}/invite',
  handler: 'http/admin/proposals/invite',
  access: { kind: 'staff', groups: CEC_ADMIN },
  summary: 'Turn a proposal into an invitation of the proposed organization (2.3, 2.2)',
  tag: TAG,
  params: proposalIdParams,
  body: inviteFromProposalInput,
  response: issuedInvitation,
  maxBodyBytes: SMALL_BODY,
});

export const adminDeclineProposal = defineRoute({
  method: 'POST',
  path: '/v1/admin/proposals/{proposalId}/decline',
  handler: 'http/admin/proposals/decline',
  access: { kind: 'staff', groups: CEC_ADMIN },
  summary: 'Decline a proposal with a note (2.3)',
  tag: TAG,
  params: proposalIdParams,
  body: declineProposalInput,
  response: proposal,
  maxBodyBytes: SMALL_BODY,
});

export const adminListApplications = defineRoute({
  method: 'GET',
  path: '/v1/admin/elections/{electionId}/applications',
  handler: 'http/admin/applications/list',
  access: { kind: 'staff', groups: CEC_STAFF },
  summary: 'Applications of an election, newest first; `organizationId` narrows to one organization',
  tag: TAG,
  params: electionIdParams,
  query: applicationListQuery,
  response: page(application),
});

export const adminGetApplication = defineRoute({
  method: 'GET',
  path: '/v1/admin/applications/{applicationId}',
  handler: 'http/admin/applications/get',
  access: { kind: 'staff', groups: CEC_STAFF },
  summary: 'One application with its people (status, flags, document states) and its letter',
  tag: TAG,
  params: applicationIdParams,
  response: applicationDetail,
});

export const adminListRevocationRequests = defineRoute({
  method: 'GET',
  path: '/v1/admin/elections/{electionId}/revocation-requests',
  handler: 'http/admin/revocation-requests/list',
  access: { kind: 'staff', groups: CEC_STAFF },
  summary: 'Organizations’ written requests to revoke their observers (4.7 b), newest first',
  tag: TAG,
  params: electionIdParams,
  query: pageQuery,
  response: page(revocationRequest),
});

export const adminIntakeRoutes = [
  adminListElections,
  adminGetElection,
  adminCreateElection,
  adminUpdateElection,
  adminListOrganizations,
  adminGetOrganization,
  adminCreateOrganization,
  adminUpdateOrganization,
  adminListInvitations,
  adminGetInvitation,
  adminIssueInvitation,
  adminReissueAccessCode,
  adminListProposals,
  adminGetProposal,
  adminCreateProposal,
  adminInviteFromProposal,
  adminDeclineProposal,
  adminListApplications,
  adminGetApplication,
  adminListRevocationRequests,
];
