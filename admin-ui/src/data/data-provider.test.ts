/** The requests the data provider builds (ra-data-simple-rest's way of testing a provider). */
import { describe, expect, it } from 'vitest';
import { createDataProvider } from './data-provider';
import { ApiError, type HttpClient, type HttpRequestInit, apiErrorOf } from './http-client';

interface Call {
  url: string;
  init: HttpRequestInit;
}

function fakeHttp(responses: unknown[]): { http: HttpClient; calls: Call[] } {
  const calls: Call[] = [];
  const http: HttpClient = async (url, init = {}) => {
    calls.push({ url, init });
    const json = responses.shift() ?? {};
    return { status: 200, headers: new Headers(), body: JSON.stringify(json), json };
  };
  return { http, calls };
}

const API = 'https://api.example.test';
const E = '01JZ8X7Q9R2S3T4V5W6X7Y8Z9A';
const P = '01JZ8X7Q9R2S3T4V5W6X7Y8Z9B';

function query(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams);
}

describe('data provider: lists', () => {
  it('puts the grid under its election and sends filter, sort and page size as the API reads them', async () => {
    // Prepare
    const { http, calls } = fakeHttp([{ data: [{ id: P }], nextCursor: 'c2', total: 3 }]);
    const dp = createDataProvider({ apiUrl: `${API}/`, httpClient: http });
    // Act
    const out = await dp.getList('people', {
      filter: { electionId: E, flag: 'KG_CITIZEN', missingDocuments: true, name: '' },
      sort: { field: 'name', order: 'DESC' },
      pagination: { page: 1, perPage: 50 },
    });
    // Assess
    expect(calls).toHaveLength(1);
    const url = new URL(calls[0]!.url);
    expect(url.origin + url.pathname).toBe(`${API}/v1/admin/elections/${E}/people`);
    expect(query(calls[0]!.url)).toEqual({
      filter: JSON.stringify({ flag: 'KG_CITIZEN', missingDocuments: true }),
      sort: 'name',
      order: 'DESC',
      limit: '50',
    });
    expect(calls[0]!.init.method).toBe('GET');
    expect(out).toEqual({ data: [{ id: P }], total: 3, pageInfo: { hasNextPage: true, hasPreviousPage: false } });
  });

  it('pages by cursor: page 2 sends the cursor page 1 returned, and a jump walks forward', async () => {
    const { http, calls } = fakeHttp([
      { data: [{ id: 'a' }], nextCursor: 'c2' },
      { data: [{ id: 'b' }], nextCursor: 'c3' },
      { data: [{ id: 'c' }], nextCursor: null },
    ]);
    const dp = createDataProvider({ apiUrl: API, httpClient: http });
    const params = { filter: { electionId: E }, sort: { field: 'name', order: 'ASC' as const } };
    await dp.getList('people', { ...params, pagination: { page: 1, perPage: 10 } });
    const p2 = await dp.getList('people', { ...params, pagination: { page: 2, perPage: 10 } });
    expect(query(calls[1]!.url).cursor).toBe('c2');
    expect(p2.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true });

    // A fresh provider asked for page 3 straight away reads pages 1 and 2 first to learn the cursor.
    const second = fakeHttp([
      { data: [{ id: 'a' }], nextCursor: 'c2' },
      { data: [{ id: 'b' }], nextCursor: 'c3' },
      { data: [{ id: 'c' }], nextCursor: null },
    ]);
    const dp2 = createDataProvider({ apiUrl: API, httpClient: second.http });
    const p3 = await dp2.getList('people', { ...params, pagination: { page: 3, perPage: 10 } });
    expect(second.calls.map((c) => query(c.url).cursor)).toEqual([undefined, 'c2', 'c3']);
    expect(p3.data).toEqual([{ id: 'c' }]);
    expect(p3.pageInfo?.hasNextPage).toBe(false);
    // On the last page the total follows from the pages before it.
    expect(p3.total).toBe(21);
  });

  it('caps the page size at the API limit of 200', async () => {
    const { http, calls } = fakeHttp([{ data: [], nextCursor: null }]);
    const dp = createDataProvider({ apiUrl: API, httpClient: http });
    await dp.getList('people', {
      filter: { electionId: E },
      pagination: { page: 1, perPage: 1000 },
      sort: { field: 'name', order: 'ASC' },
    });
    expect(query(calls[0]!.url).limit).toBe('200');
  });

  it('refuses to list the grid without an election instead of calling a path that does not exist', async () => {
    const { http, calls } = fakeHttp([]);
    const dp = createDataProvider({ apiUrl: API, httpClient: http });
    await expect(
      dp.getList('people', { filter: {}, pagination: { page: 1, perPage: 10 }, sort: { field: 'name', order: 'ASC' } }),
    ).rejects.toThrow('cec.errors.election_required');
    expect(calls).toHaveLength(0);
  });

  it('sends filters of the intake lists as plain query parameters (no JSON filter, no sort)', async () => {
    const { http, calls } = fakeHttp([{ data: [], nextCursor: null }]);
    const dp = createDataProvider({ apiUrl: API, httpClient: http });
    await dp.getList('audit', {
      filter: { entityType: 'person', entityId: P },
      pagination: { page: 1, perPage: 25 },
      sort: { field: 'at', order: 'DESC' },
    });
    expect(new URL(calls[0]!.url).pathname).toBe('/v1/admin/audit');
    expect(query(calls[0]!.url)).toEqual({ entityType: 'person', entityId: P, limit: '25' });
  });

  it('lists resolutions of the election chosen, with their own filter', async () => {
    const { http, calls } = fakeHttp([{ data: [], nextCursor: null }]);
    const dp = createDataProvider({ apiUrl: API, httpClient: http });
    await dp.getList('resolutions', {
      filter: { electionId: E, status: 'draft' },
      pagination: { page: 1, perPage: 25 },
      sort: { field: 'id', order: 'ASC' },
    });
    expect(new URL(calls[0]!.url).pathname).toBe(`/v1/admin/elections/${E}/resolutions`);
    expect(query(calls[0]!.url)).toEqual({ filter: '{"status":"draft"}', limit: '25' });
  });
});

describe('data provider: records', () => {
  it('updates with PATCH, sending only what changed and the version read', async () => {
    const { http, calls } = fakeHttp([{ id: P, reviewerNote: 'seen', version: 4 }]);
    const dp = createDataProvider({ apiUrl: API, httpClient: http });
    await dp.update('people', {
      id: P,
      data: { id: P, reviewerNote: 'seen', checked: false, version: 3, updatedAt: 'x' },
      previousData: { id: P, reviewerNote: '', checked: false, version: 3, updatedAt: 'x' },
    });
    expect(calls[0]!.url).toBe(`${API}/v1/admin/people/${P}`);
    expect(calls[0]!.init.method).toBe('PATCH');
    expect(JSON.parse(calls[0]!.init.body!)).toEqual({ reviewerNote: 'seen', version: 3 });
  });

  it('creates with POST to the collection, and nests resolutions under their election', async () => {
    const { http, calls } = fakeHttp([{ id: 'r1' }]);
    const dp = createDataProvider({ apiUrl: API, httpClient: http });
    await dp.create('resolutions', {
      data: { electionId: E, number: '12/3', adoptedOn: '2027-01-10', kind: 'accreditation' },
    });
    expect(calls[0]!.url).toBe(`${API}/v1/admin/elections/${E}/resolutions`);
    expect(calls[0]!.init.method).toBe('POST');
  });

  it('reads one record by its id, escaped', async () => {
    const { http, calls } = fakeHttp([{ id: 'a/b' }]);
    const dp = createDataProvider({ apiUrl: API, httpClient: http });
    await dp.getOne('organizations', { id: 'a/b' });
    expect(calls[0]!.url).toBe(`${API}/v1/admin/organizations/a%2Fb`);
  });

  it('calls custom actions with a JSON body, or none', async () => {
    const { http, calls } = fakeHttp([{}, {}]);
    const dp = createDataProvider({ apiUrl: API, httpClient: http });
    await dp.call('POST', `/v1/admin/resolutions/${P}/adopt`);
    await dp.call('POST', `/v1/admin/resolutions/${P}/items`, { items: [{ personId: P, decision: 'accredit' }] });
    expect(calls[0]!.init.body).toBeUndefined();
    expect(JSON.parse(calls[1]!.init.body!)).toEqual({ items: [{ personId: P, decision: 'accredit' }] });
  });
});

describe('http errors', () => {
  it('turns the API error body into a message with its clause and field errors for the form', () => {
    const e = apiErrorOf(
      400,
      {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'body.familyNameLatin: must be written in Latin letters as in the passport',
          issues: [{ field: 'body.familyNameLatin', rule: 'must be written in Latin letters as in the passport' }],
        },
      },
      'Bad Request',
    );
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(400);
    expect(e.body.errors?.familyNameLatin).toBe('must be written in Latin letters as in the passport');
    const rule = apiErrorOf(409, { error: { code: 'RULE', message: 'the window closed', clause: '3.6' } }, 'Conflict');
    expect(rule.message).toBe('the window closed (3.6)');
  });
});
