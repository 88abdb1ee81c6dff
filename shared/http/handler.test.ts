import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { apigwEvent, forRoute, withJsonBody } from '../../events/apigw/load';
import { NotFoundError, RateLimitedError } from '#domain/errors';
import { IllegalTransitionError } from '#domain/lifecycle';
import { applicationInput } from '#schemas/application';
import { listQuery, nonEmpty } from '#schemas/common';
import { resetConfig } from '#runtime/config';
import { logger } from '#runtime/logger';
import { PORTAL_SESSION_TTL_SECONDS, type Principal, issuePortalSession } from './auth';
import { type HttpResult, httpHandler, ok } from './handler';
import { ANY_STAFF, CEC_STAFF, defineRoute } from './route';

// config() is read lazily; a unit test gives it the variables a Lambda would have.
const ENV = {
  TABLE_NAME: 'unit-test-table',
  DOCUMENTS_BUCKET: 'unit-documents',
  CERTIFICATES_BUCKET: 'unit-certificates',
  PORTAL_SESSION_SECRET: 'unit-test-portal-session-secret-0123456789',
  CERTIFICATE_SECRET: 'unit-test-certificate-secret-0123456789',
};
const saved: Record<string, string | undefined> = {};

beforeAll(() => {
  for (const [k, v] of Object.entries(ENV)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  resetConfig();
  logger.setLogLevel('SILENT');
});

afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetConfig();
});

const context: Context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'cec-observers-test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:cec-observers-test',
  memoryLimitInMB: '512',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  logGroupName: '/aws/lambda/cec-observers-test',
  logStreamName: '2027/02/24/[$LATEST]abcdef0123456789',
  getRemainingTimeInMillis: () => 29_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

interface ErrorBody {
  error: {
    code: string;
    message: string;
    clause?: string;
    issues?: { field: string; rule: string }[];
    requestId?: string;
  };
}

/** Response headers by lower-cased name (middy's security headers are written in canonical case). */
function header(res: HttpResult, name: string): string | undefined {
  const found = Object.entries(res.headers ?? {}).find(([k]) => k.toLowerCase() === name);
  return found === undefined ? undefined : String(found[1]);
}

const bodyOf = (res: HttpResult) => JSON.parse(String(res.body)) as ErrorBody & Record<string, unknown>;

// Small routes built the way the product's routes are, with the product's own schemas.
const echoRoute = defineRoute({
  method: 'POST',
  path: '/v1/public/echo',
  handler: 'http/public/echo',
  access: { kind: 'public' },
  summary: 'test route',
  tag: 'test',
  body: z.strictObject({ name: nonEmpty(50), count: z.number().int().min(0).optional() }),
  maxBodyBytes: 1024,
});
const echo = httpHandler(echoRoute, async ({ body }) => ok({ received: body }));

const listRoute = defineRoute({
  method: 'GET',
  path: '/v1/public/elections',
  handler: 'http/public/list-elections',
  access: { kind: 'public' },
  summary: 'test route',
  tag: 'test',
  query: listQuery.pick({ limit: true, cursor: true }),
});
const list = httpHandler(listRoute, async ({ query, sourceIp, requestId }) => ok({ query, sourceIp, requestId }));

const staffRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/elections/{electionId}/representatives',
  handler: 'http/admin/list-representatives',
  access: { kind: 'staff', groups: CEC_STAFF },
  summary: 'test route',
  tag: 'test',
  params: z.strictObject({ electionId: z.string() }),
  query: listQuery,
});
const staff = httpHandler(staffRoute, async ({ principal, actor, params }) => ok({ principal, actor, params }));

const staffPostRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/applications/{applicationId}/mfa-decision',
  handler: 'http/admin/mfa-decision',
  access: { kind: 'staff', groups: ['mfa-officer', 'cec-admin'] },
  summary: 'test route',
  tag: 'test',
  params: z.strictObject({ applicationId: z.string() }),
  body: z.strictObject({
    outcome: z.enum(['forwarded', 'returned']),
    note: z.string().optional(),
    version: z.number(),
  }),
});
const staffPost = httpHandler(staffPostRoute, async ({ principal, body }) => ok({ principal, body }));

const portalRoute = defineRoute({
  method: 'POST',
  path: '/v1/portal/applications',
  handler: 'http/portal/create-application',
  access: { kind: 'portal' },
  summary: 'test route',
  tag: 'test',
  body: applicationInput,
});
const portal = httpHandler(portalRoute, async ({ principal, actor, body }) => ok({ principal, actor, body }));

const SECRET_DETAIL = 'connect ECONNREFUSED 10.0.3.7:8000 table=cec-observers password=hunter2';
const boomRoute = defineRoute({ ...listRoute, path: '/v1/public/boom', query: undefined });
const boom = httpHandler(boomRoute, async () => {
  throw new Error(SECRET_DETAIL);
});

function throwing(err: Error) {
  return httpHandler(boomRoute, async () => {
    throw err;
  });
}

const publicEvent = (path: string, method = 'GET') =>
  forRoute(apigwEvent('public-get'), { method, path }, { query: {} });

describe('handler pattern: a public GET from a payload 2.0 event', () => {
  it('answers 200 with the parsed, coerced query, the caller IP and the request id', async () => {
    // Prepare
    const event = apigwEvent('public-get');
    // Act
    const res = await list(event, context);
    // Assess
    expect(res.statusCode).toBe(200);
    expect(bodyOf(res)).toEqual({
      query: { limit: 20 },
      sourceIp: '212.42.101.17',
      requestId: 'Hq2LkiS8FiAEMZw=',
    });
    expect(res.headers?.['content-type']).toBe('application/json');
    expect(header(res, 'x-content-type-options')).toBe('nosniff');
  });

  it('applies the default page size when no limit is sent', async () => {
    const event = apigwEvent('public-get');
    delete event.queryStringParameters;
    event.rawQueryString = '';
    const res = await list(event, context);
    expect(bodyOf(res).query).toEqual({ limit: 50 });
  });

  it.each<{ label: string; query: Record<string, string>; field: string }>([
    { label: 'a limit above 200', query: { limit: '500' }, field: 'query.limit' },
    { label: 'a limit that is not a number', query: { limit: 'lots' }, field: 'query.limit' },
    { label: 'an unknown query parameter', query: { limit: '5', debug: 'true' }, field: 'query.debug' },
  ])('refuses $label with 400 naming $field', async ({ query, field }) => {
    const event = forRoute(apigwEvent('public-get'), listRoute, { query });
    const res = await list(event, context);
    expect(res.statusCode).toBe(400);
    const { error } = bodyOf(res);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.issues?.map((i) => i.field)).toContain(field);
    expect(error.message).toContain(field);
  });
});

describe('handler pattern: JSON bodies', () => {
  const post = (body: unknown) => withJsonBody(publicEvent(echoRoute.path, 'POST'), body);

  it('accepts a valid body', async () => {
    const res = await echo(post({ name: 'OSCE/ODIHR', count: 3 }), context);
    expect(res.statusCode).toBe(200);
    expect(bodyOf(res)).toEqual({ received: { name: 'OSCE/ODIHR', count: 3 } });
  });

  it('refuses an unknown body field with 400 naming the field', async () => {
    const res = await echo(post({ name: 'OSCE/ODIHR', passportNumbr: 'C01X00T47' }), context);
    expect(res.statusCode).toBe(400);
    const { error } = bodyOf(res);
    expect(error.issues).toEqual([{ field: 'body.passportNumbr', rule: 'is not a known field' }]);
    expect(error.message).toBe('body.passportNumbr: is not a known field');
  });

  it('names each unknown field on its own when several are sent', async () => {
    const res = await echo(post({ name: 'OSCE', colour: 'red', size: 3 }), context);
    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.issues).toEqual([
      { field: 'body.colour', rule: 'is not a known field' },
      { field: 'body.size', rule: 'is not a known field' },
    ]);
  });

  it('refuses a missing required field with 400 naming it', async () => {
    const res = await echo(post({ count: 1 }), context);
    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.issues).toEqual([{ field: 'body.name', rule: 'is required' }]);
  });

  it('refuses a field of the wrong type with 400 naming it and the rule', async () => {
    const res = await echo(post({ name: 'x', count: -1 }), context);
    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.issues?.[0]?.field).toBe('body.count');
  });

  it.each([
    { label: 'a truncated object', body: '{"name": "OSCE"' },
    { label: 'a trailing comma', body: '{"name": "OSCE",}' },
    { label: 'single quotes', body: "{'name': 'OSCE'}" },
  ])('refuses invalid JSON ($label) with 400', async ({ body }) => {
    const res = await echo(post(body), context);
    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.issues).toEqual([{ field: 'body', rule: 'must be valid JSON' }]);
  });

  it('refuses an empty body with 400', async () => {
    const res = await echo(post(''), context);
    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.issues?.[0]?.field).toBe('body');
  });

  it('refuses a JSON array where an object is expected with 400', async () => {
    const res = await echo(post('[1,2]'), context);
    expect(res.statusCode).toBe(400);
  });

  it('refuses a body over the route limit with 413, before parsing it', async () => {
    const res = await echo(post({ name: 'x', padding: 'a'.repeat(2000) }), context);
    expect(res.statusCode).toBe(413);
    expect(bodyOf(res).error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('1024') });
  });

  it('counts the decoded bytes of a base64 body against the limit', async () => {
    const big = Buffer.from(JSON.stringify({ name: 'Ө'.repeat(600) }), 'utf8').toString('base64');
    const event = { ...post(''), body: big, isBase64Encoded: true };
    const res = await echo(event, context);
    expect(res.statusCode).toBe(413);
    const small = Buffer.from(JSON.stringify({ name: 'Өмүр' }), 'utf8').toString('base64');
    const accepted = await echo({ ...post(''), body: small, isBase64Encoded: true }, context);
    expect(bodyOf(accepted)).toEqual({ received: { name: 'Өмүр' } });
  });

  it('accepts a body exactly at the limit', async () => {
    const filler = 'a'.repeat(1024 - JSON.stringify({ name: '' }).length);
    const res = await echo(post({ name: filler.slice(0, 50) }), context);
    expect(res.statusCode).toBe(200);
    const exact = `{"name":"x"}${' '.repeat(1024 - 12)}`;
    expect(Buffer.byteLength(exact)).toBe(1024);
    expect((await echo(post(exact), context)).statusCode).toBe(200);
  });

  it('refuses a body sent as a form with 415', async () => {
    const event = post('name=OSCE');
    event.headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await echo(event, context);
    expect(res.statusCode).toBe(415);
  });

  it('reads Content-Type whatever its case (header normalizer)', async () => {
    const event = post({ name: 'OSCE' });
    delete event.headers['content-type'];
    event.headers['Content-Type'] = 'application/json; charset=utf-8';
    expect((await echo(event, context)).statusCode).toBe(200);
  });
});

describe('handler pattern: staff routes (Cognito claims from the HTTP API JWT authorizer)', () => {
  const staffEvent = () => apigwEvent('staff-get');
  const claimsOf = (e: APIGatewayProxyEventV2) =>
    (e.requestContext as unknown as { authorizer: { jwt: { claims: Record<string, unknown> } } }).authorizer.jwt.claims;

  it('accepts the flattened groups claim "[cec-admin cec-reviewer]" of the HTTP API', async () => {
    const res = await staff(staffEvent(), context);
    expect(res.statusCode).toBe(200);
    const { principal, actor, params } = bodyOf(res) as unknown as {
      principal: Principal;
      actor: unknown;
      params: unknown;
    };
    expect(principal).toEqual({
      kind: 'staff',
      sub: '7b2c4d6e-1f3a-4b5c-9d8e-0a1b2c3d4e5f',
      email: 'a.toktogulova@shailoo.gov.kg',
      groups: ['cec-admin', 'cec-reviewer'],
    });
    expect(actor).toEqual({
      kind: 'staff',
      id: '7b2c4d6e-1f3a-4b5c-9d8e-0a1b2c3d4e5f',
      label: 'a.toktogulova@shailoo.gov.kg',
    });
    expect(params).toEqual({ electionId: '01JMB6Z3K8Q4W7E2R5T9Y1V3H6' });
  });

  it.each([
    { label: 'a JSON array', groups: ['cec-reviewer'] },
    { label: 'a single flattened group', groups: '[cec-reviewer]' },
    { label: 'a bare group name', groups: 'cec-reviewer' },
    { label: 'comma-separated', groups: 'mfa-officer,cec-reviewer' },
  ])('accepts the groups claim as $label', async ({ groups }) => {
    const event = staffEvent();
    claimsOf(event)['cognito:groups'] = groups;
    const res = await staff(event, context);
    expect(res.statusCode).toBe(200);
    expect((bodyOf(res).principal as { groups: string[] }).groups).toContain('cec-reviewer');
  });

  it('refuses a request without claims with 401', async () => {
    const event = staffEvent();
    delete (event.requestContext as { authorizer?: unknown }).authorizer;
    const res = await staff(event, context);
    expect(res.statusCode).toBe(401);
    expect(bodyOf(res).error.code).toBe('UNAUTHORIZED');
  });

  it('refuses claims without a subject with 401', async () => {
    const event = staffEvent();
    delete claimsOf(event).sub;
    expect((await staff(event, context)).statusCode).toBe(401);
  });

  it('refuses a member of the wrong group with 403 naming the groups needed and held', async () => {
    const event = staffEvent();
    claimsOf(event)['cognito:groups'] = '[mfa-officer]';
    const res = await staff(event, context);
    expect(res.statusCode).toBe(403);
    const { error } = bodyOf(res);
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toContain('cec-admin, cec-reviewer');
    expect(error.message).toContain('your groups: mfa-officer');
  });

  it('refuses a user in no known group with 403 ("none")', async () => {
    const event = staffEvent();
    claimsOf(event)['cognito:groups'] = '[Admins observers-readonly]';
    const res = await staff(event, context);
    expect(res.statusCode).toBe(403);
    expect(bodyOf(res).error.message).toContain('your groups: none');
  });

  it('checks who is asking before the body: an anonymous invalid request gets 401, not 400', async () => {
    const event = withJsonBody(apigwEvent('staff-post-access-token'), { nonsense: true });
    delete (event.requestContext as { authorizer?: unknown }).authorizer;
    const res = await staffPost(event, context);
    expect(res.statusCode).toBe(401);
  });

  it('takes an access token (client_id, username, no email) and its JSON body', async () => {
    const res = await staffPost(apigwEvent('staff-post-access-token'), context);
    expect(res.statusCode).toBe(200);
    expect(bodyOf(res)).toEqual({
      principal: {
        kind: 'staff',
        sub: 'c9d8e7f6-5a4b-4c3d-8e2f-1a0b9c8d7e6f',
        email: 'c9d8e7f6-5a4b-4c3d-8e2f-1a0b9c8d7e6f',
        groups: ['mfa-officer'],
      },
      body: { outcome: 'forwarded', note: 'Checked against 3.1', version: 2 },
    });
  });

  it('an mfa-officer is refused on a CEC route but let in on any-staff routes', async () => {
    const event = apigwEvent('staff-post-access-token');
    const anyStaff = httpHandler({ ...staffPostRoute, access: { kind: 'staff', groups: ANY_STAFF } }, async () =>
      ok({}),
    );
    const cecOnly = httpHandler({ ...staffPostRoute, access: { kind: 'staff', groups: CEC_STAFF } }, async () =>
      ok({}),
    );
    expect((await anyStaff(event, context)).statusCode).toBe(200);
    expect((await cecOnly(apigwEvent('staff-post-access-token'), context)).statusCode).toBe(403);
  });
});

describe('handler pattern: portal sessions', () => {
  const scope = {
    organizationId: '01JMB5V0A1B2C3D4E5F6G7H8J9',
    electionId: '01JMB6Z3K8Q4W7E2R5T9Y1V3H6',
    invitationId: '01JMB5W9K0M1N2P3Q4R5S6T7V8',
    sessionId: '01JMB8C2D3E4F5G6H7J8K9M0N1',
  };

  function withToken(token: string | null): APIGatewayProxyEventV2 {
    const event = apigwEvent('portal-post');
    if (token === null) delete event.headers.authorization;
    else event.headers.authorization = `Bearer ${token}`;
    return event;
  }

  it('round-trips: a session issued for an access code opens portal routes, scoped to its organization', async () => {
    const { token, expiresAt } = await issuePortalSession(scope, new Date());
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan((PORTAL_SESSION_TTL_SECONDS - 60) * 1000);
    const res = await portal(withToken(token), context);
    expect(res.statusCode).toBe(200);
    expect(bodyOf(res)).toEqual({
      principal: { kind: 'portal', ...scope },
      actor: { kind: 'organization', id: scope.organizationId, label: `organization ${scope.organizationId}` },
      body: { channel: 'direct' },
    });
  });

  it('refuses an expired session with 401', async () => {
    const issuedAt = new Date(Date.now() - (PORTAL_SESSION_TTL_SECONDS + 60) * 1000);
    const { token } = await issuePortalSession(scope, issuedAt);
    const res = await portal(withToken(token), context);
    expect(res.statusCode).toBe(401);
    expect(bodyOf(res).error.message).toContain('expired');
  });

  it('refuses a tampered session (another organization in the payload) with 401', async () => {
    const { token } = await issuePortalSession(scope, new Date());
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    claims.org = '01JMBZZZZZZZZZZZZZZZZZZZZZ';
    const forged = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
    expect((await portal(withToken(forged), context)).statusCode).toBe(401);
  });

  it('refuses a session with a flipped signature byte with 401', async () => {
    const { token } = await issuePortalSession(scope, new Date());
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    const flipped = `${token.slice(0, -2)}${last}${token.slice(-1)}`;
    expect(flipped).not.toBe(token);
    expect((await portal(withToken(flipped), context)).statusCode).toBe(401);
  });

  it('refuses an unsigned ("alg": "none") session with 401', async () => {
    const { token } = await issuePortalSession(scope, new Date());
    const payload = token.split('.')[1];
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    expect((await portal(withToken(none), context)).statusCode).toBe(401);
  });

  it('refuses a portal request without a token with 401 telling to sign in with the access code', async () => {
    const res = await portal(withToken(null), context);
    expect(res.statusCode).toBe(401);
    expect(bodyOf(res).error.message).toContain('access code');
  });

  it('refuses the fixture placeholder and a staff token on a portal route with 401', async () => {
    expect((await portal(apigwEvent('portal-post'), context)).statusCode).toBe(401);
    const staffToken = apigwEvent('staff-get').headers.authorization?.replace(/^Bearer /, '') ?? '';
    expect((await portal(withToken(staffToken), context)).statusCode).toBe(401);
  });

  it('a valid session still gets 400 for an unknown field in its body', async () => {
    const { token } = await issuePortalSession(scope, new Date());
    const event = withJsonBody(withToken(token), { channel: 'mfa', organizationId: 'someone-else' });
    const res = await portal(event, context);
    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).error.issues).toEqual([{ field: 'body.organizationId', rule: 'is not a known field' }]);
  });
});

describe('handler pattern: errors are mapped in one place', () => {
  beforeEach(() => {
    vi.restoreAllMocks();
  });

  it('a thrown plain Error becomes a 500 that does not leak its message, and is logged', async () => {
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const res = await boom(publicEvent(boomRoute.path), context);
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('ECONNREFUSED');
    expect(res.body).not.toContain('hunter2');
    expect(bodyOf(res).error).toEqual({
      code: 'INTERNAL',
      message: 'internal error: reload to see whether the change was made before trying again',
      requestId: 'Hq2LkiS8FiAEMZw=',
    });
    expect(logged).toHaveBeenCalledTimes(1);
    const [message, extra] = logged.mock.calls[0] as unknown as [string, { error: Error }];
    expect(message).toBe('request failed');
    expect(extra.error.message).toBe(SECRET_DETAIL);
  });

  it('error responses carry the security headers too', async () => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const res = await boom(publicEvent(boomRoute.path), context);
    expect(header(res, 'x-content-type-options')).toBe('nosniff');
    const refused = await echo(withJsonBody(publicEvent(echoRoute.path, 'POST'), '{'), context);
    expect(header(refused, 'x-content-type-options')).toBe('nosniff');
    expect(header(refused, 'strict-transport-security')).toContain('max-age=');
  });

  it.each([
    { label: 'NotFoundError -> 404', err: new NotFoundError('election', '01J'), status: 404, code: 'NOT_FOUND' },
    {
      label: 'IllegalTransitionError -> 409 with its clause',
      err: new IllegalTransitionError('accredited', 'accredit'),
      status: 409,
      code: 'ILLEGAL_TRANSITION',
      clause: '3.3',
    },
    {
      label: 'RateLimitedError -> 429',
      err: new RateLimitedError('too many access code attempts', 60),
      status: 429,
      code: 'RATE_LIMITED',
    },
  ])('$label', async ({ err, status, code, clause }) => {
    const res = await throwing(err)(publicEvent(boomRoute.path), context);
    expect(res.statusCode).toBe(status);
    expect(bodyOf(res).error.code).toBe(code);
    if (clause) expect(bodyOf(res).error.clause).toBe(clause);
    if (err instanceof RateLimitedError) expect(header(res, 'retry-after')).toBe('60');
  });
});
