/**
 * The data provider: react-admin calls mapped to the API (ra-data-simple-rest's shape, over an
 * injectable http client). Lists page by cursor on the API and by page number in react-admin: a
 * cursor map per list (resource + filter + sort + page size) remembers where each page starts, and a
 * jump past the known pages walks forward from the last one known.
 *
 * Query string of a list: `filter` (JSON), `sort`, `order`, `limit` (≤ 200), `cursor` — the API's
 * `listQuery` (shared/schemas/common.ts).
 */
import type { DataProvider, GetListParams, Identifier, RaRecord } from 'ra-core';
import { type ApiClient, type Schemas, createApiClient } from '../api/client';
import type { HttpClient } from './http-client';

/** A cursor page as every list of the API answers it (`page()` in shared/schemas/common.ts). */
type Page<T> = Omit<Schemas['ElectionPage'], 'data'> & { data: T[] };

export const MAX_PAGE_SIZE = 200;

export interface ResourcePaths {
  /** The list path; parameters taken from the filter (e.g. the election) are removed from it. */
  list?: (filter: Record<string, unknown>) => { path: string; filter: Record<string, unknown> };
  one?: (id: Identifier) => string;
  create?: (data: Record<string, unknown>) => string;
  update?: (id: Identifier) => string;
  updateMethod?: 'PATCH' | 'PUT';
  remove?: (id: Identifier) => string;
  /**
   * `flat`: filter fields are query parameters of their own (`?electionId=...&limit=`) and the list
   * cannot be sorted; `json` (default): the react-admin list query of the grid (`filter`, `sort`, `order`).
   */
  query?: 'json' | 'flat';
  /** A batch read by ids (`?ids=A,B`), for react-admin's getMany. */
  many?: (ids: Identifier[]) => string;
  /** Takes the record out of a write's answer when the API wraps it (e.g. `{ invitation, sentTo }`). */
  fromWrite?: (json: Record<string, unknown>) => Record<string, unknown>;
}

const enc = encodeURIComponent;

/** Resources that follow `/v1/admin/<name>` and `/v1/admin/<name>/{id}`. */
const plain = (name: string): ResourcePaths => ({
  list: (filter) => ({ path: `/v1/admin/${name}`, filter }),
  one: (id) => `/v1/admin/${name}/${enc(String(id))}`,
  create: () => `/v1/admin/${name}`,
  update: (id) => `/v1/admin/${name}/${enc(String(id))}`,
  remove: (id) => `/v1/admin/${name}/${enc(String(id))}`,
});

/** A list nested under an election, e.g. `/v1/admin/elections/{electionId}/people`. */
function byElection(name: string, base: ResourcePaths): ResourcePaths {
  return {
    ...base,
    list: (filter) => {
      const { electionId, ...rest } = filter;
      if (typeof electionId !== 'string' || !electionId) {
        throw new Error('cec.errors.election_required');
      }
      return { path: `/v1/admin/elections/${enc(electionId)}/${name}`, filter: rest };
    },
  };
}

/** Every resource's routes (shared/http/routes/*.ts); `permissions.test.ts` checks them against the table. */
export const RESOURCE_PATHS: Record<string, ResourcePaths> = {
  elections: { ...plain('elections'), remove: undefined, query: 'flat' },
  organizations: {
    ...plain('organizations'),
    remove: undefined,
    query: 'flat',
    many: (ids) =>
      `/v1/admin/organizations?ids=${ids.map((i) => enc(String(i))).join(',')}&limit=${Math.min(100, ids.length)}`,
  },
  invitations: byElection('invitations', {
    ...plain('invitations'),
    update: undefined,
    remove: undefined,
    query: 'flat',
    // POST answers { invitation, sentTo }: the record, with where the access code went.
    fromWrite: (json) => ({ ...(json.invitation as Record<string, unknown>), sentTo: json.sentTo }),
  }),
  proposals: byElection('proposals', {
    ...plain('proposals'),
    one: undefined,
    update: undefined,
    remove: undefined,
    query: 'flat',
  }),
  applications: byElection('applications', {
    ...plain('applications'),
    create: undefined,
    update: undefined,
    remove: undefined,
    query: 'flat',
  }),
  people: byElection('people', { ...plain('people'), create: undefined, remove: undefined }),
  resolutions: byElection('resolutions', {
    ...plain('resolutions'),
    create: (data) => `/v1/admin/elections/${enc(String(data.electionId))}/resolutions`,
  }),
  /** The audit log: by entity (entityType + entityId), by actor, or by day. */
  audit: { list: (filter) => ({ path: '/v1/admin/audit', filter }), query: 'flat' },
  /** 3.2: applications that came through the MFA, by the state of their check (across elections). */
  'mfa-queue': {
    list: (filter) => ({ path: '/v1/admin/mfa/queue', filter }),
    one: (id) => `/v1/admin/mfa/applications/${enc(String(id))}`,
    query: 'flat',
  },
  /** The outbox by delivery state (`status`, failed when none is given). */
  outbox: { list: (filter) => ({ path: '/v1/admin/outbox', filter }), query: 'flat' },
};

export interface ListResult<T> {
  data: T[];
  /** The whole response body: lists may carry more than a page (the grid's status counts). */
  raw: Record<string, unknown>;
  total?: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean };
  nextCursor: string | null;
}

export interface ApiDataProviderOptions {
  apiUrl: string;
  httpClient: HttpClient;
  paths?: Record<string, ResourcePaths>;
}

/** Fields react-admin or the grid add to a record that the API never accepts in a body. */
const READ_ONLY = new Set(['id', 'createdAt', 'updatedAt', 'version']);

/** The fields that changed, plus the version read (optimistic concurrency, design principle 5). */
export function patchBody(data: Record<string, unknown>, previous?: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (READ_ONLY.has(k)) continue;
    if (previous && JSON.stringify(previous[k]) === JSON.stringify(v)) continue;
    body[k] = v;
  }
  const version = data.version ?? previous?.version;
  if (typeof version === 'number') body.version = version;
  return body;
}

export function flatQueryString(filter: Record<string, unknown>, limit: number, cursor: string | undefined): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  q.set('limit', String(Math.min(MAX_PAGE_SIZE, Math.max(1, limit))));
  if (cursor) q.set('cursor', cursor);
  return q.toString();
}

export function listQueryString(
  filter: Record<string, unknown>,
  sort: { field: string; order: string } | undefined,
  limit: number,
  cursor: string | undefined,
): string {
  const q = new URLSearchParams();
  const cleaned = Object.fromEntries(
    Object.entries(filter).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)),
  );
  if (Object.keys(cleaned).length) q.set('filter', JSON.stringify(cleaned));
  if (sort?.field && sort.field !== 'id') {
    q.set('sort', sort.field);
    q.set('order', sort.order === 'DESC' ? 'DESC' : 'ASC');
  }
  q.set('limit', String(Math.min(MAX_PAGE_SIZE, Math.max(1, limit))));
  if (cursor) q.set('cursor', cursor);
  return q.toString();
}

export type ApiDataProvider = DataProvider & {
  /**
   * Runs calls of the typed client (openapi-fetch over the generated types; ../api/client.ts). A method
   * of its own because react-admin's `useDataProvider()` wraps every member as a promise-returning
   * function (and signs the user out on a 401 it passes through).
   */
  typed<T>(run: (api: ApiClient) => Promise<T>): Promise<T>;
  /** Calls an API path without types; prefer `typed`, which the compiler checks against the API. */
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** One cursor page of a list, for loaders that read everything (the grid, CSV export). */
  listPage<T = RaRecord>(
    resource: string,
    params: {
      filter?: Record<string, unknown>;
      sort?: { field: string; order: string };
      limit?: number;
      cursor?: string;
    },
  ): Promise<ListResult<T>>;
  /** Forgets remembered cursors (after a write that moves rows between pages). */
  resetCursors(resource?: string): void;
};

export function createDataProvider({
  apiUrl,
  httpClient,
  paths = RESOURCE_PATHS,
}: ApiDataProviderOptions): ApiDataProvider {
  const base = apiUrl.replace(/\/+$/, '');
  const api = createApiClient(apiUrl, httpClient);
  /** key -> cursor per page: cursors[0] is page 1's (always undefined). */
  const cursorMaps = new Map<string, (string | null | undefined)[]>();

  const pathsOf = (resource: string): ResourcePaths => {
    const p = paths[resource];
    if (!p) throw new Error('cec.errors.unknown_resource');
    return p;
  };

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await httpClient(`${base}${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return res.json as T;
  }

  async function listPage<T>(
    resource: string,
    params: {
      filter?: Record<string, unknown>;
      sort?: { field: string; order: string };
      limit?: number;
      cursor?: string;
    },
  ): Promise<ListResult<T>> {
    const p = pathsOf(resource);
    if (!p.list) throw new Error('cec.errors.unsupported');
    const { path, filter } = p.list(params.filter ?? {});
    const qs =
      p.query === 'flat'
        ? flatQueryString(filter, params.limit ?? 50, params.cursor)
        : listQueryString(filter, params.sort, params.limit ?? 50, params.cursor);
    const json = await call<Page<T>>('GET', `${path}?${qs}`);
    const nextCursor = json.nextCursor ?? null;
    return {
      data: json.data,
      raw: json as unknown as Record<string, unknown>,
      total: typeof json.total === 'number' ? json.total : undefined,
      pageInfo: { hasNextPage: nextCursor !== null, hasPreviousPage: params.cursor !== undefined },
      nextCursor,
    };
  }

  async function getList(resource: string, params: GetListParams) {
    const perPage = Math.min(MAX_PAGE_SIZE, params.pagination?.perPage ?? 25);
    const page = Math.max(1, params.pagination?.page ?? 1);
    const filter = params.filter ?? {};
    const sort = params.sort;
    const key = JSON.stringify([resource, filter, sort, perPage]);
    const cursors = cursorMaps.get(key) ?? [undefined];
    cursorMaps.set(key, cursors);
    // Walk forward from the last page whose cursor is known (page jumps are rare in cursor lists).
    let known = Math.min(page, cursors.length);
    while (known > 1 && cursors[known - 1] === undefined) known--;
    for (let p = known; p < page; p++) {
      const r = await listPage(resource, { filter, sort, limit: perPage, cursor: cursors[p - 1] ?? undefined });
      cursors[p] = r.nextCursor;
      if (r.nextCursor === null) return { data: [], pageInfo: { hasNextPage: false, hasPreviousPage: true } };
    }
    const r = await listPage<RaRecord>(resource, {
      filter,
      sort,
      limit: perPage,
      cursor: cursors[page - 1] ?? undefined,
    });
    cursors[page] = r.nextCursor;
    // On the last page the total is known even when the API does not count.
    const total = r.total ?? (r.nextCursor === null ? (page - 1) * perPage + r.data.length : undefined);
    return {
      data: r.data,
      ...(total !== undefined ? { total } : {}),
      pageInfo: { hasNextPage: r.nextCursor !== null, hasPreviousPage: page > 1 },
    };
  }

  const provider: ApiDataProvider = {
    // biome-ignore lint/suspicious/noExplicitAny: react-admin's generic signature
    getList: getList as any,
    async getOne(resource, params) {
      const one = pathsOf(resource).one;
      if (!one) throw new Error('cec.errors.unsupported');
      return { data: await call('GET', one(params.id)) };
    },
    async getMany(resource, params) {
      const { one, many } = pathsOf(resource);
      if (many && params.ids.length > 0) {
        const json = await call<{ data: RaRecord[] } | RaRecord[]>('GET', many(params.ids));
        // biome-ignore lint/suspicious/noExplicitAny: react-admin's generic signature
        return { data: (Array.isArray(json) ? json : json.data) as any[] };
      }
      if (!one) throw new Error('cec.errors.unsupported');
      // No batch route: ids are few (references on one page), fetched in parallel.
      const data = await Promise.all(params.ids.map((id) => call('GET', one(id))));
      // biome-ignore lint/suspicious/noExplicitAny: react-admin's generic signature
      return { data: data as any[] };
    },
    async getManyReference(resource, params) {
      const { target, id, filter, pagination, sort, meta } = params;
      // biome-ignore lint/suspicious/noExplicitAny: react-admin's generic signature
      return getList(resource, { filter: { ...filter, [target]: id }, pagination, sort, meta }) as any;
    },
    async create(resource, params) {
      const { create, fromWrite } = pathsOf(resource);
      if (!create) throw new Error('cec.errors.unsupported');
      const json = await call<Record<string, unknown>>('POST', create(params.data), params.data);
      const data = fromWrite ? fromWrite(json) : json;
      cursorMaps.clear();
      // biome-ignore lint/suspicious/noExplicitAny: react-admin's generic signature
      return { data: data as any };
    },
    async update(resource, params) {
      const p = pathsOf(resource);
      if (!p.update) throw new Error('cec.errors.unsupported');
      const body = patchBody(params.data as Record<string, unknown>, params.previousData as Record<string, unknown>);
      const json = await call<Record<string, unknown>>(p.updateMethod ?? 'PATCH', p.update(params.id), body);
      // biome-ignore lint/suspicious/noExplicitAny: react-admin's generic signature
      return { data: (p.fromWrite ? p.fromWrite(json) : json) as any };
    },
    async updateMany(resource, params) {
      const p = pathsOf(resource);
      if (!p.update) throw new Error('cec.errors.unsupported');
      await Promise.all(params.ids.map((id) => call(p.updateMethod ?? 'PATCH', p.update!(id), params.data)));
      return { data: params.ids };
    },
    async delete(resource, params) {
      const remove = pathsOf(resource).remove;
      if (!remove) throw new Error('cec.errors.unsupported');
      await call('DELETE', remove(params.id));
      cursorMaps.clear();
      // biome-ignore lint/suspicious/noExplicitAny: react-admin's generic signature
      return { data: params.previousData as any };
    },
    async deleteMany(resource, params) {
      const remove = pathsOf(resource).remove;
      if (!remove) throw new Error('cec.errors.unsupported');
      await Promise.all(params.ids.map((id) => call('DELETE', remove(id))));
      cursorMaps.clear();
      return { data: params.ids };
    },
    typed: (run) => run(api),
    call,
    listPage,
    resetCursors(resource) {
      if (!resource) return cursorMaps.clear();
      for (const k of cursorMaps.keys()) if (k.startsWith(`["${resource}"`)) cursorMaps.delete(k);
    },
  };
  return provider;
}
