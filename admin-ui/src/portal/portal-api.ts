/**
 * The portal's calls (/v1/portal): an access code buys a short session (scoped to one organization
 * and one election) kept in sessionStorage; every other call carries it as a bearer token. Typed by the
 * client generated from the OpenAPI document (../api/schema.d.ts).
 */
import { type ApiClient, type Schemas, answer, createApiClient } from '../api/client';
import { ApiError, createHttpClient } from '../data/http-client';

export type PortalApplication = Schemas['PortalApplication'];
/** An application as the list shows it (without its people). */
export type ApplicationSummary = Schemas['Application'];
export type PortalPerson = Schemas['PortalPerson'];
export type PortalDocument = Schemas['PortalDocument'];
export type PortalSession = Schemas['PortalSession'];
export type PresignedUpload = Schemas['PresignedUpload'];
export type SessionIssued = Schemas['PortalSessionToken'];
export type RepresentativeInput = Schemas['RepresentativeInput'];
export type RepresentativeUpdate = Schemas['RepresentativeUpdate'];
export type UploadRequest = Schemas['UploadRequest'];
export type Channel = Schemas['Channel'];

const KEY = 'cec.portal.session';

export function storedSession(): SessionIssued | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as SessionIssued;
    return new Date(s.expiresAt).getTime() > Date.now() ? s : null;
  } catch {
    return null;
  }
}

export function forgetSession() {
  sessionStorage.removeItem(KEY);
}

export function createPortalApi(apiUrl: string, fetchImpl: typeof fetch = (...a) => fetch(...a)) {
  const client: ApiClient = createApiClient(
    apiUrl,
    createHttpClient(async () => storedSession()?.token ?? null, fetchImpl),
  );
  /** A session the API no longer accepts (expired, or its code reissued) is forgotten: sign in again. */
  const call = async <T>(run: (api: ApiClient) => Promise<T>): Promise<T> => {
    try {
      return await run(client);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) forgetSession();
      throw e;
    }
  };
  const app = (applicationId: string) => ({ params: { path: { applicationId } } });
  return {
    async signIn(accessCode: string): Promise<SessionIssued> {
      const s = await answer(client.POST('/v1/portal/sessions', { body: { accessCode } }));
      sessionStorage.setItem(KEY, JSON.stringify(s));
      return s;
    },
    session: () => call((api) => answer(api.GET('/v1/portal/session'))),
    applications: () => call((api) => answer(api.GET('/v1/portal/applications'))),
    application: (id: string) => call((api) => answer(api.GET('/v1/portal/applications/{applicationId}', app(id)))),
    createApplication: (channel: Channel) =>
      call((api) => answer(api.POST('/v1/portal/applications', { body: { channel } }))),
    changeChannel: (id: string, channel: Channel, version: number) =>
      call((api) =>
        answer(api.PATCH('/v1/portal/applications/{applicationId}', { ...app(id), body: { channel, version } })),
      ),
    addRepresentative: (applicationId: string, input: RepresentativeInput) =>
      call((api) =>
        answer(
          api.POST('/v1/portal/applications/{applicationId}/representatives', { ...app(applicationId), body: input }),
        ),
      ),
    updateRepresentative: (applicationId: string, personId: string, input: RepresentativeUpdate) =>
      call((api) =>
        answer(
          api.PUT('/v1/portal/applications/{applicationId}/representatives/{personId}', {
            params: { path: { applicationId, personId } },
            body: input,
          }),
        ),
      ),
    removeRepresentative: (applicationId: string, personId: string) =>
      call((api) =>
        answer(
          api.DELETE('/v1/portal/applications/{applicationId}/representatives/{personId}', {
            params: { path: { applicationId, personId } },
          }),
        ),
      ),
    presignUpload: (applicationId: string, input: UploadRequest) =>
      call((api) =>
        answer(api.POST('/v1/portal/applications/{applicationId}/uploads', { ...app(applicationId), body: input })),
      ),
    /** Safe to retry: the API answers with the application as it is once submitted. */
    submit: (applicationId: string) =>
      call((api) => answer(api.POST('/v1/portal/applications/{applicationId}/submit', app(applicationId)))),
    withdraw: (personId: string) =>
      call((api) =>
        answer(api.POST('/v1/portal/representatives/{personId}/withdraw', { params: { path: { personId } } })),
      ),
    /** 4.7 b: the organization's written request to revoke an accredited observer. */
    requestRevocation: (personId: string, text: string) =>
      call((api) =>
        answer(
          api.POST('/v1/portal/representatives/{personId}/revocation-request', {
            params: { path: { personId } },
            body: { text },
          }),
        ),
      ),
    certificateUrl: (personId: string) =>
      call((api) => answer(api.GET('/v1/portal/people/{personId}/certificate', { params: { path: { personId } } }))),
  };
}

export type PortalApi = ReturnType<typeof createPortalApi>;
