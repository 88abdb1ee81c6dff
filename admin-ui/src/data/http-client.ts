/**
 * A small fetch wrapper shared by the staff app and the portal: JSON in and out, a bearer token from
 * the caller, and the API's error body (`{ error: { code, message, issues } }`) turned into an
 * `ApiError` whose `body.errors` react-admin's forms show next to the fields. Typed calls go through it
 * too (`../api/client.ts`, openapi-fetch over the generated types).
 */
import type { components } from '../api/schema';

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: string;
  json: unknown;
}

export interface HttpRequestInit {
  method?: string;
  body?: string;
  headers?: Record<string, string>;
}

export type HttpClient = (url: string, init?: HttpRequestInit) => Promise<HttpResponse>;

/** One field and the rule it breaks, as the API names them (`components.schemas.FieldIssue`). */
export type FieldIssue = components['schemas']['FieldIssue'];
type ErrorBody = components['schemas']['Error'];

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly issues: FieldIssue[] = [],
    /** react-admin reads `body.errors` to show server-side validation next to the fields. */
    readonly body: { errors?: Record<string, unknown> } = {},
    readonly clause?: string,
  ) {
    super(message);
  }
}

function issuesToErrors(issues: FieldIssue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const i of issues) {
    // "body.familyNameLatin" -> "familyNameLatin": forms know fields by their own names.
    const field = i.field.replace(/^(body|query|path)\./, '');
    errors[field] = i.rule;
  }
  return errors;
}

export function apiErrorOf(status: number, json: unknown, fallback: string): ApiError {
  // The body is the API's `Error`, or (gateway answers) `{ message }`, or not JSON at all: check each field.
  const err = (json as Partial<ErrorBody> | null)?.error as Partial<ErrorBody['error']> | undefined;
  if (err && typeof err === 'object') {
    const issues = Array.isArray(err.issues) ? err.issues : [];
    const message = typeof err.message === 'string' ? err.message : fallback;
    const clause = typeof err.clause === 'string' ? err.clause : undefined;
    const text = clause && !message.includes(clause) ? `${message} (${clause})` : message;
    return new ApiError(
      text,
      status,
      String(err.code ?? 'ERROR'),
      issues,
      issues.length ? { errors: { ...issuesToErrors(issues), root: { serverError: text } } } : {},
      clause,
    );
  }
  return new ApiError(fallback, status, status === 0 ? 'NETWORK' : 'HTTP_ERROR');
}

export function createHttpClient(
  token: () => Promise<string | null>,
  fetchImpl: typeof fetch = (...a) => fetch(...a),
): HttpClient {
  return async (url, init = {}) => {
    const headers: Record<string, string> = { accept: 'application/json', ...(init.headers ?? {}) };
    if (init.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const t = await token();
    if (t) headers.authorization = `Bearer ${t}`;
    let res: Response;
    try {
      res = await fetchImpl(url, { method: init.method ?? 'GET', headers, body: init.body });
    } catch {
      throw new ApiError('cec.errors.network', 0, 'NETWORK');
    }
    const body = await res.text();
    let json: unknown = null;
    if (body && (res.headers.get('content-type') ?? '').includes('json')) {
      try {
        json = JSON.parse(body);
      } catch {
        json = null;
      }
    }
    if (res.status < 200 || res.status >= 300)
      throw apiErrorOf(res.status, json, res.statusText || `HTTP ${res.status}`);
    return { status: res.status, headers: res.headers, body, json };
  };
}
