/**
 * The API's actions that are not plain records (adopt, add items, review marks, presigned links,
 * statistics, the MFA's decision, proposals, access codes), as typed calls of the generated client:
 * paths, parameters, bodies and answers come from the OpenAPI document (../api/schema.d.ts).
 */
import { useDataProvider } from 'react-admin';
import { type ApiClient, type Schemas, answer } from '../api/client';
import type { ApiDataProvider } from '../data/data-provider';

export type PersonDetail = Schemas['PersonDetail'];
export type GridRow = Schemas['GridRow'];
export type Resolution = Schemas['Resolution'];
export type ResolutionDetail = Schemas['ResolutionDetail'];
export type ResolutionInput = Schemas['ResolutionInput'];
export type ResolutionItemInput = Schemas['ResolutionItemInput'];
export type ItemsResult = Schemas['ItemsResult'];
export type AdoptionResult = Schemas['AdoptionResult'];
export type ReviewPatch = Schemas['ReviewPatch'];
/** GET /v1/admin/elections/{electionId}/statistics. */
export type Statistics = Schemas['ElectionStatistics'];
export type MfaDecision = Schemas['MfaDecision'];
/** GET /v1/admin/outbox/trouble (cec-admin). */
export type OutboxTrouble = Schemas['OutboxTrouble'];
export type InviteFromProposalInput = Schemas['InviteFromProposalInput'];
export type DeclineProposalInput = Schemas['DeclineProposalInput'];

export function adminApi(dp: Pick<ApiDataProvider, 'typed'>) {
  const call = <T>(run: (api: ApiClient) => Promise<T>) => dp.typed(run);
  const person = (personId: string) => ({ params: { path: { personId } } });
  const res = (resolutionId: string) => ({ path: { resolutionId } });
  return {
    personDetail: (personId: string) => call((api) => answer(api.GET('/v1/admin/people/{personId}', person(personId)))),
    /** Answers with the person's grid row as it now is. */
    review: (personId: string, patch: ReviewPatch) =>
      call((api) => answer(api.PATCH('/v1/admin/people/{personId}', { ...person(personId), body: patch }))),
    createResolution: (electionId: string, input: ResolutionInput) =>
      call((api) =>
        answer(
          api.POST('/v1/admin/elections/{electionId}/resolutions', { params: { path: { electionId } }, body: input }),
        ),
      ),
    resolution: (resolutionId: string, cursor?: string) =>
      call((api) =>
        answer(
          api.GET('/v1/admin/resolutions/{resolutionId}', {
            params: { ...res(resolutionId), query: { limit: 200, ...(cursor ? { cursor } : {}) } },
          }),
        ),
      ),
    addItems: (resolutionId: string, items: ResolutionItemInput[]) =>
      call((api) =>
        answer(api.POST('/v1/admin/resolutions/{resolutionId}/items', { params: res(resolutionId), body: { items } })),
      ),
    removeItem: (resolutionId: string, personId: string) =>
      call((api) =>
        answer(
          api.DELETE('/v1/admin/resolutions/{resolutionId}/items/{personId}', {
            params: { path: { resolutionId, personId } },
          }),
        ),
      ),
    /** Adopts, or resumes an adoption that stopped part-way; an adopted resolution comes back as it is. */
    adopt: (resolutionId: string) =>
      call((api) => answer(api.POST('/v1/admin/resolutions/{resolutionId}/adopt', { params: res(resolutionId) }))),
    discard: (resolutionId: string) =>
      call((api) => answer(api.DELETE('/v1/admin/resolutions/{resolutionId}', { params: res(resolutionId) }))),
    statistics: (electionId: string) =>
      call((api) =>
        answer(api.GET('/v1/admin/elections/{electionId}/statistics', { params: { path: { electionId } } })),
      ),
    /** Mail in trouble: failed letters waiting for the redrive, and parked ones (cec-admin). */
    outboxTrouble: () => call((api) => answer(api.GET('/v1/admin/outbox/trouble'))),
    /** A failed or parked outbox item back to pending for a new round of attempts (cec-admin; audited). */
    retryOutbox: (id: string) =>
      call((api) => answer(api.POST('/v1/admin/outbox/{id}/retry', { params: { path: { id } } }))),
    /** 3.2: checked and forwarded, or returned with a note. */
    mfaDecide: (applicationId: string, decision: MfaDecision) =>
      call((api) =>
        answer(
          api.POST('/v1/admin/mfa/applications/{applicationId}/decision', {
            params: { path: { applicationId } },
            body: decision,
          }),
        ),
      ),
    /** 2.3: the proposal becomes an invitation (its access code is emailed). */
    inviteFromProposal: (proposalId: string, input: InviteFromProposalInput) =>
      call((api) =>
        answer(api.POST('/v1/admin/proposals/{proposalId}/invite', { params: { path: { proposalId } }, body: input })),
      ),
    declineProposal: (proposalId: string, input: DeclineProposalInput) =>
      call((api) =>
        answer(api.POST('/v1/admin/proposals/{proposalId}/decline', { params: { path: { proposalId } }, body: input })),
      ),
    /** 2.5: a new access code by email; the old one and its sessions stop working. */
    reissueCode: (invitationId: string) =>
      call((api) =>
        answer(api.POST('/v1/admin/invitations/{invitationId}/reissue-code', { params: { path: { invitationId } } })),
      ),
  };
}

export type AdminApi = ReturnType<typeof adminApi>;

export function useAdminApi() {
  return adminApi(useDataProvider<ApiDataProvider>());
}

/** Every item of a resolution, page by page (a draft may hold the whole election). */
export async function allItems(api: AdminApi, resolutionId: string) {
  const first = await api.resolution(resolutionId);
  const items = [...first.items];
  let cursor = first.nextCursor;
  for (let guard = 0; cursor && guard < 100; guard++) {
    const next = await api.resolution(resolutionId, cursor);
    items.push(...next.items);
    cursor = next.nextCursor;
  }
  return { resolution: first, items };
}
