/**
 * What each staff group may see and do in the UI: the API's own access rules, route by route. Each
 * UI action names the API route it calls (method and path); `permissions.test.ts` checks every one
 * against the route table (shared/http/routes.ts), so the UI never offers what the API would refuse.
 */
import { ANY_STAFF, CEC_ADMIN, CEC_STAFF, MFA, type StaffGroup } from '#http/route';

export interface UiPermission {
  /** The API route this action calls. */
  route: string;
  groups: readonly StaffGroup[];
}

type Actions = Partial<Record<string, UiPermission>>;

export const UI_PERMISSIONS: Record<string, Actions> = {
  elections: {
    list: { route: 'GET /v1/admin/elections', groups: ANY_STAFF },
    show: { route: 'GET /v1/admin/elections/{electionId}', groups: ANY_STAFF },
    create: { route: 'POST /v1/admin/elections', groups: CEC_ADMIN },
    edit: { route: 'PATCH /v1/admin/elections/{electionId}', groups: CEC_ADMIN },
  },
  organizations: {
    list: { route: 'GET /v1/admin/organizations', groups: CEC_STAFF },
    show: { route: 'GET /v1/admin/organizations/{organizationId}', groups: CEC_STAFF },
    create: { route: 'POST /v1/admin/organizations', groups: CEC_ADMIN },
    edit: { route: 'PATCH /v1/admin/organizations/{organizationId}', groups: CEC_ADMIN },
  },
  invitations: {
    list: { route: 'GET /v1/admin/elections/{electionId}/invitations', groups: CEC_STAFF },
    show: { route: 'GET /v1/admin/invitations/{invitationId}', groups: CEC_STAFF },
    create: { route: 'POST /v1/admin/invitations', groups: CEC_ADMIN },
    reissue: { route: 'POST /v1/admin/invitations/{invitationId}/reissue-code', groups: CEC_ADMIN },
  },
  proposals: {
    list: { route: 'GET /v1/admin/elections/{electionId}/proposals', groups: CEC_STAFF },
    create: { route: 'POST /v1/admin/proposals', groups: CEC_ADMIN },
    invite: { route: 'POST /v1/admin/proposals/{proposalId}/invite', groups: CEC_ADMIN },
    decline: { route: 'POST /v1/admin/proposals/{proposalId}/decline', groups: CEC_ADMIN },
  },
  people: {
    list: { route: 'GET /v1/admin/elections/{electionId}/people', groups: CEC_STAFF },
    show: { route: 'GET /v1/admin/people/{personId}', groups: CEC_STAFF },
    edit: { route: 'PATCH /v1/admin/people/{personId}', groups: CEC_STAFF },
  },
  resolutions: {
    list: { route: 'GET /v1/admin/elections/{electionId}/resolutions', groups: CEC_STAFF },
    show: { route: 'GET /v1/admin/resolutions/{resolutionId}', groups: CEC_STAFF },
    create: { route: 'POST /v1/admin/elections/{electionId}/resolutions', groups: CEC_STAFF },
    edit: { route: 'POST /v1/admin/resolutions/{resolutionId}/items', groups: CEC_STAFF },
    delete: { route: 'DELETE /v1/admin/resolutions/{resolutionId}', groups: CEC_STAFF },
    adopt: { route: 'POST /v1/admin/resolutions/{resolutionId}/adopt', groups: CEC_ADMIN },
  },
  statistics: {
    show: { route: 'GET /v1/admin/elections/{electionId}/statistics', groups: CEC_STAFF },
  },
  'mfa-queue': {
    list: { route: 'GET /v1/admin/mfa/queue', groups: MFA },
    show: { route: 'GET /v1/admin/mfa/applications/{applicationId}', groups: MFA },
    decide: { route: 'POST /v1/admin/mfa/applications/{applicationId}/decision', groups: ['mfa-officer'] },
  },
  audit: {
    list: { route: 'GET /v1/admin/audit', groups: CEC_STAFF },
  },
  outbox: {
    list: { route: 'GET /v1/admin/outbox', groups: CEC_ADMIN },
    trouble: { route: 'GET /v1/admin/outbox/trouble', groups: CEC_ADMIN },
    retry: { route: 'POST /v1/admin/outbox/{id}/retry', groups: CEC_ADMIN },
  },
};

/** react-admin asks e.g. `list` for a menu entry and `edit` for a button. */
export function canDo(groups: readonly string[], resource: string, action: string): boolean {
  const actions = UI_PERMISSIONS[resource];
  if (!actions) return false;
  const p = actions[action] ?? (action === 'show' || action === 'export' ? actions.list : undefined);
  if (!p) return false;
  return p.groups.some((g) => groups.includes(g));
}
