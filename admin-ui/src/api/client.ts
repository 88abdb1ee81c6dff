/**
 * The typed API client of the admin UI and the portal: openapi-fetch over the types generated from the
 * OpenAPI document (`schema.d.ts`, written by `npm run openapi` from the route table). Paths, parameters,
 * bodies and answers are checked by the compiler against the API itself; there are no hand-written
 * copies of its shapes.
 *
 * Requests go through the app's `HttpClient` (bearer token, the API's error body as an `ApiError`),
 * so typed calls and react-admin's generic ones behave alike.
 */
import createClient, { type Client } from 'openapi-fetch';
import { ApiError, type HttpClient } from '../data/http-client';
import type { components, paths } from './schema';

export type { components, paths } from './schema';
/** The API's named shapes: `Schemas['Person']`, `Schemas['PersonStatus']`, `Schemas['Error']`... */
export type Schemas = components['schemas'];
export type ApiClient = Client<paths>;

/** A `fetch` that sends the request through an `HttpClient` (which adds the token and maps errors). */
export function fetchOver(http: HttpClient): (request: Request) => Promise<Response> {
  return async (request) => {
    const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => {
      if (key !== 'content-type' || text) headers[key] = value;
    });
    const res = await http(request.url, { method: request.method, body: text || undefined, headers });
    const empty = res.status === 204 || res.status === 205 || res.status === 304;
    return new Response(empty ? null : res.body, { status: res.status, headers: res.headers });
  };
}

export function createApiClient(apiUrl: string, http: HttpClient): ApiClient {
  return createClient<paths>({ baseUrl: apiUrl.replace(/\/+$/, ''), fetch: fetchOver(http) });
}

/**
 * The answer of a typed call, or the API's refusal as an `ApiError` (network failures too).
 * `const person = await answer(api.GET('/v1/admin/people/{personId}', { params: { path: { personId } } }))`.
 */
export async function answer<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError('cec.errors.network', 0, 'NETWORK');
  }
  const { response } = result;
  if (!response.ok) throw new ApiError(response.statusText || `HTTP ${response.status}`, response.status, 'HTTP_ERROR');
  return result.data as T;
}
