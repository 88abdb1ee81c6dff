/**
 * The portal's calls (/v1/portal): an access code buys a short session (scoped to one organization
 * and one election) kept in sessionStorage; every other call carries it as a bearer token.
 */
import type { z } from 'zod';
import type { portalApplication, portalSessionView, presignedUpload, sessionIssued } from '#schemas/portal';
import type { RepresentativeInput } from '#schemas/person';
import { ApiError, createHttpClient } from '../data/http-client';

export type PortalApplication = z.infer<typeof portalApplication>;
export type PortalSession = z.infer<typeof portalSessionView>;
export type PresignedUpload = z.infer<typeof presignedUpload>;
export type SessionIssued = z.infer<typeof sessionIssued>;

const KEY = 'cec.portal.session';
const enc = encodeURIComponent;

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
  const base = apiUrl.replace(/\/+$/, '');
  const http = createHttpClient(async () => storedSession()?.token ?? null, fetchImpl);
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    try {
      const res = await http(`${base}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
      return res.json as T;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401 && path !== '/v1/portal/sessions') forgetSession();
      throw e;
    }
  };
  return {
    async signIn(accessCode: string): Promise<SessionIssued> {
      const s = await call<SessionIssued>('POST', '/v1/portal/sessions', { accessCode });
      sessionStorage.setItem(KEY, JSON.stringify(s));
      return s;
    },
    session: () => call<PortalSession>('GET', '/v1/portal/session'),
    applications: () => call<{ data: PortalApplication[] }>('GET', '/v1/portal/applications'),
    application: (id: string) => call<PortalApplication>('GET', `/v1/portal/applications/${enc(id)}`),
    createApplication: (channel: 'direct' | 'mfa') =>
      call<PortalApplication>('POST', '/v1/portal/applications', { channel }),
    changeChannel: (id: string, channel: 'direct' | 'mfa', version: number) =>
      call<PortalApplication>('PATCH', `/v1/portal/applications/${enc(id)}`, { channel, version }),
    addRepresentative: (applicationId: string, input: RepresentativeInput) =>
      call<unknown>('POST', `/v1/portal/applications/${enc(applicationId)}/representatives`, input),
    updateRepresentative: (applicationId: string, personId: string, input: RepresentativeInput & { version: number }) =>
      call<unknown>('PUT', `/v1/portal/applications/${enc(applicationId)}/representatives/${enc(personId)}`, input),
    removeRepresentative: (applicationId: string, personId: string) =>
      call<unknown>('DELETE', `/v1/portal/applications/${enc(applicationId)}/representatives/${enc(personId)}`),
    presignUpload: (
      applicationId: string,
      input: { kind: 'letter' | 'passport' | 'photo'; personId?: string; contentType: string },
    ) => call<PresignedUpload>('POST', `/v1/portal/applications/${enc(applicationId)}/uploads`, input),
    /** Safe to retry: the API answers with the application as it is once submitted. */
    submit: (applicationId: string) =>
      call<PortalApplication>('POST', `/v1/portal/applications/${enc(applicationId)}/submit`),
    certificateUrl: (personId: string) =>
      call<{ url: string; filename: string; number: string }>('GET', `/v1/portal/people/${enc(personId)}/certificate`),
  };
}

export type PortalApi = ReturnType<typeof createPortalApi>;
