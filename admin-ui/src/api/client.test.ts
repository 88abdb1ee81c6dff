/** The typed client over the app's http client: what goes out, what comes back, how refusals surface. */
import { describe, expect, it } from 'vitest';
import { ApiError, type HttpClient, type HttpRequestInit, apiErrorOf } from '../data/http-client';
import { answer, createApiClient } from './client';

const API = 'https://api.example.test/';
const P = '01JZ8X7Q9R2S3T4V5W6X7Y8Z9B';

function fakeHttp(reply: (url: string, init: HttpRequestInit) => { status: number; json?: unknown }) {
  const calls: { url: string; init: HttpRequestInit }[] = [];
  const http: HttpClient = async (url, init = {}) => {
    calls.push({ url, init });
    const { status, json } = reply(url, init);
    if (status >= 300) throw apiErrorOf(status, json ?? null, `HTTP ${status}`);
    const body = json === undefined ? '' : JSON.stringify(json);
    return {
      status,
      headers: new Headers(json === undefined ? {} : { 'content-type': 'application/json' }),
      body,
      json,
    };
  };
  return { http, calls };
}

describe('typed API client', () => {
  it('fills the path, sends the JSON body and returns the answer', async () => {
    // Prepare
    const { http, calls } = fakeHttp(() => ({ status: 200, json: { id: P, reviewerNote: 'ok', version: 3 } }));
    const api = createApiClient(API, http);
    // Act
    const row = await answer(
      api.PATCH('/v1/admin/people/{personId}', {
        params: { path: { personId: P } },
        body: { reviewerNote: 'ok', version: 2 },
      }),
    );
    // Assess
    expect(row.reviewerNote).toBe('ok');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe(`https://api.example.test/v1/admin/people/${P}`);
    expect(calls[0]?.init.method).toBe('PATCH');
    expect(JSON.parse(calls[0]?.init.body ?? '')).toEqual({ reviewerNote: 'ok', version: 2 });
  });

  it('sends query parameters and no body on GET', async () => {
    const { http, calls } = fakeHttp(() => ({ status: 200, json: { items: [], nextCursor: null } }));
    const api = createApiClient(API, http);
    await answer(
      api.GET('/v1/admin/resolutions/{resolutionId}', {
        params: { path: { resolutionId: P }, query: { limit: 200, cursor: 'c2' } },
      }),
    );
    const url = new URL(calls[0]?.url ?? '');
    expect(url.pathname).toBe(`/v1/admin/resolutions/${P}`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ limit: '200', cursor: 'c2' });
    expect(calls[0]?.init.body).toBeUndefined();
  });

  it('answers nothing for 204', async () => {
    const { http } = fakeHttp(() => ({ status: 204 }));
    const api = createApiClient(API, http);
    const out = await answer(
      api.DELETE('/v1/portal/applications/{applicationId}/representatives/{personId}', {
        params: { path: { applicationId: P, personId: P } },
      }),
    );
    expect(out).toBeUndefined();
  });

  it('surfaces the API’s refusal as an ApiError with its code, clause and field issues', async () => {
    const { http } = fakeHttp(() => ({
      status: 409,
      json: { error: { code: 'WINDOW_CLOSED', message: 'the accreditation window is closed', clause: '3.6' } },
    }));
    const api = createApiClient(API, http);
    const err = await answer(
      api.POST('/v1/portal/applications/{applicationId}/submit', {
        params: { path: { applicationId: P } },
      }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, code: 'WINDOW_CLOSED', clause: '3.6' });
  });

  it('reports a network failure as such', async () => {
    const http: HttpClient = async () => {
      throw new TypeError('fetch failed');
    };
    const err = await answer(createApiClient(API, http).GET('/v1/portal/session')).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 0, code: 'NETWORK' });
  });
});
