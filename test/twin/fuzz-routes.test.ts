/**
 * Hostile input on every route, through the twin's gateway (the payload 2.0 event path the functions see
 * in AWS). Requests are generated from each route's own zod schemas (their JSON Schema form): values
 * that fit, values that almost fit and plain hostile ones (dates like `9999-12-31` or `20261201`,
 * `{"$gt":""}`, codes like `ZZ`, unicode, very long text, broken JSON). Staff routes are called with a
 * token of an allowed group and portal routes with a real portal session, so the handlers are reached;
 * path parameters are often ids that exist. The property: never a 5xx, and every 4xx has the documented
 * shape: the application's `{"error": {"code", "message", "issues"?}}` (a 400 names each field and
 * rule), or API Gateway's own `{"message"}` for the answers the gateway gives itself.
 *
 * Seeded: `FUZZ_SEED=<n>` replays a run; a failure prints its seed and the shrunk request.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, bishkekDate } from '#domain/time';
import type { Route, StaffGroup } from '#http/route';
import { routeKey } from '#http/route';
import { routes } from '#http/routes';
import {
  ADMIN,
  MFA_OFFICER,
  REVIEWER,
  accessCodeMailTo,
  portal,
  representative,
  staff,
  twinNow,
  unique,
} from '../integration/intake-client';
import { apiUrl, tokenOf } from './fixtures/twin-client';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: boolean | JsonSchema;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
};

const USER_OF: Record<StaffGroup, string> = {
  'cec-admin': ADMIN,
  'cec-reviewer': REVIEWER,
  'mfa-officer': MFA_OFFICER,
};

/** Ids that exist, by path parameter name, so that handlers go past "not found". */
const ids: Record<string, string[]> = {};
let portalToken = '';
let today = '2027-01-10';

const ULID = /^\[0-9A-HJKMNP-TV-Z\]\{26\}/;

const hostileString = fc.constantFrom(
  '',
  ' ',
  '9999-12-31',
  '0000-00-00',
  '20261201',
  '2026-12-01T00:00:00Z',
  '２０２６-１２-０１',
  '+010000-01-01',
  '2027-02-29',
  'ZZ',
  'XX',
  'de',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '../../etc/passwd',
  '\u0000\u202e\ud83d\ude00',
  'Ы'.repeat(400),
  '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  'null',
  '-1',
  '1e308',
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom<unknown>(null, true, -1, 0, 1.5, 1e308, -1e308, [], {}, { $gt: '' }, ['a', 'b'], { __proto__: 1 }),
  fc.jsonValue({ maxDepth: 2 }),
);

function dateString(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: -400, max: 400 }).map((d) => addDays(today, d)) },
    {
      weight: 1,
      arbitrary: fc
        .date({ min: new Date('1890-01-01'), max: new Date('2110-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
    },
  );
}

function stringOf(s: JsonSchema, name: string): fc.Arbitrary<unknown> {
  if (s.format === 'date') return dateString();
  if (s.format === 'date-time') {
    return fc
      .date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString());
  }
  if (s.format === 'email')
    return fc.constantFrom('a@example.org', 'mission@observers.example', 'x@y', `${name}@cec.local`);
  if (s.pattern && ULID.test(s.pattern)) {
    const known = ids[name] ?? Object.values(ids).flat();
    return fc.oneof(fc.constantFrom(...(known.length > 0 ? known : ['01ARZ3NDEKTSV4RRFFQ69G5FAV'])), fc.ulid());
  }
  if (s.pattern === '^[A-Z]{2}$') return fc.constantFrom('DE', 'KG', 'US', 'KZ', 'ZZ', 'XX', 'UK');
  if (s.pattern) {
    try {
      return fc.stringMatching(new RegExp(s.pattern), { maxLength: 40 });
    } catch {
      // a pattern fast-check cannot invert: plain strings
    }
  }
  const minLength = s.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(s.maxLength ?? 40, 40));
  return fc.oneof(fc.string({ minLength, maxLength }), fc.string({ unit: 'grapheme', minLength, maxLength }));
}

function fitting(s: JsonSchema, name: string, root: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (s.$ref) {
    const key = s.$ref.replace(/^#\/\$defs\//, '');
    const target = root.$defs?.[key];
    return target && depth < 6 ? arbitraryOf(target, name, root, depth + 1) : fc.constant(null);
  }
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const union = s.anyOf ?? s.oneOf;
  if (union) return fc.oneof(...union.map((u) => arbitraryOf(u, name, root, depth + 1)));
  if (s.allOf?.[0]) return arbitraryOf(s.allOf[0], name, root, depth + 1);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      return stringOf(s, name);
    case 'integer':
      return fc.integer({ min: Math.max(s.minimum ?? -5, -1000), max: Math.min(s.maximum ?? 1000, 1_000_000) });
    case 'number':
      return fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const item = Array.isArray(s.items) ? s.items[0] : s.items;
      if (s.prefixItems) return fc.tuple(...s.prefixItems.map((p) => arbitraryOf(p, name, root, depth + 1)));
      return fc.array(item && depth < 6 ? arbitraryOf(item, name, root, depth + 1) : hostileValue, {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 4, 4),
      });
    }
    case 'object': {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, child] of Object.entries(props)) shape[key] = arbitraryOf(child, key, root, depth + 1);
      return fc
        .tuple(
          fc.record(shape, { requiredKeys: [...required].filter((k) => k in props) }),
          fc.option(fc.tuple(fc.constantFrom('unknownField', '__proto__', 'isAdmin', 'version'), hostileValue), {
            freq: 8,
          }),
        )
        .map(([record, extra]) => {
          if (!extra) return record;
          const out: Record<string, unknown> = { ...record };
          Object.defineProperty(out, extra[0], {
            value: extra[1],
            enumerable: true,
            writable: true,
            configurable: true,
          });
          return out;
        });
    }
    default:
      return hostileValue;
  }
}

/** Mostly values that fit the schema, sometimes hostile ones, at every level. */
function arbitraryOf(s: JsonSchema, name: string, root: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 7, arbitrary: fitting(s, name, root, depth) }, { weight: 1, arbitrary: hostileValue });
}

function jsonSchemaOf(schema: z.ZodType | undefined): JsonSchema | undefined {
  if (!schema) return undefined;
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', reused: 'inline', cycles: 'ref' }) as JsonSchema;
}

function asText(v: unknown): string {
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
}

interface Request {
  /** The route's key; the route itself stays out of the request so a failure prints short. */
  key: string;
  path: string;
  query: string;
  body: string | undefined;
  contentType: string;
  as: 'allowed' | 'other-group' | 'none';
}

function requestOf(route: Route): fc.Arbitrary<Request> {
  const params = jsonSchemaOf(route.params);
  const query = jsonSchemaOf(route.query);
  const body = jsonSchemaOf(route.body);
  const paramNames = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  const paramArb = fc.record(
    Object.fromEntries(
      paramNames.map((n) => [
        n,
        fc.oneof(
          { weight: 8, arbitrary: params?.properties?.[n] ? fitting(params.properties[n], n, params, 0) : fc.ulid() },
          { weight: 1, arbitrary: hostileString },
        ),
      ]),
    ),
  );
  const queryArb: fc.Arbitrary<Record<string, unknown>> = query
    ? (fitting(query, 'query', query, 0) as fc.Arbitrary<Record<string, unknown>>).map((q) =>
        q && typeof q === 'object' && !Array.isArray(q) ? q : {},
      )
    : fc.constant({});
  const bodyArb: fc.Arbitrary<string | undefined> = body
    ? fc.oneof(
        { weight: 12, arbitrary: arbitraryOf(body, 'body', body).map((v) => JSON.stringify(v) ?? '') },
        { weight: 1, arbitrary: fc.constantFrom('', '{', 'null', '[]', '"x"', '{"a":', 'x'.repeat(300_000)) },
      )
    : fc.constant(undefined);
  return fc
    .record({
      params: paramArb,
      query: queryArb,
      body: bodyArb,
      contentType: fc.constantFrom('application/json', 'application/json', 'application/json', 'text/plain'),
      as: fc.constantFrom<Request['as']>('allowed', 'allowed', 'allowed', 'allowed', 'other-group', 'none'),
    })
    .map((r) => ({
      key: routeKey(route),
      path: route.path.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(asText(r.params[n]))),
      query: new URLSearchParams(
        Object.entries(r.query)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, asText(v)]),
      ).toString(),
      body: r.body,
      contentType: r.contentType,
      as: r.as,
    }));
}

const routeByKey = new Map(routes.map((r) => [routeKey(r), r]));

async function authorization(req: Request, route: Route): Promise<Record<string, string>> {
  if (req.as === 'none') return {};
  const access = route.access;
  if (access.kind === 'portal') return { authorization: `Bearer ${portalToken}` };
  if (access.kind !== 'staff') return {};
  const groups = Object.keys(USER_OF) as StaffGroup[];
  const group =
    req.as === 'allowed' ? access.groups[0] : (groups.find((g) => !access.groups.includes(g)) ?? access.groups[0]);
  return group ? { authorization: `Bearer ${await tokenOf(USER_OF[group])}` } : {};
}

/** The documented shapes of a refusal; `undefined` when the answer has one. */
function shapeProblem(status: number, text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'the body is not JSON';
  }
  const gateway = body as { message?: unknown };
  const gatewayAnswers: Record<number, string> = {
    401: 'Unauthorized',
    404: 'Not Found',
    413: 'Request Entity Too Large',
  };
  if (
    gatewayAnswers[status] &&
    gateway.message === gatewayAnswers[status] &&
    Object.keys(body as object).length === 1
  ) {
    return undefined;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; issues?: unknown } }).error;
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string' || error.message === '') {
    return 'no {"error": {"code", "message"}}';
  }
  if (status === 400) {
    const issues = error.issues as { field?: unknown; rule?: unknown }[] | undefined;
    if (!Array.isArray(issues) || issues.length === 0) return 'a 400 without issues';
    for (const i of issues) {
      if (typeof i.field !== 'string' || i.field === '' || typeof i.rule !== 'string' || i.rule === '') {
        return `an issue without field or rule: ${JSON.stringify(i)}`;
      }
    }
  }
  return undefined;
}

/**
 * One retry when the connection itself failed: the gateway closes idle keep-alive sockets after 5 s,
 * and a request that raced the close never reached it (an answer, whatever its status, is never retried).
 */
async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    const code = ((err as Error).cause as { code?: string } | undefined)?.code;
    if (code !== 'UND_ERR_SOCKET' && code !== 'ECONNRESET') throw err;
    return fetch(url, init);
  }
}

beforeAll(async () => {
  today = bishkekDate(await twinNow());
  const election = await staff<{ id: string }>(ADMIN, 'POST', '/v1/admin/elections', {
    kind: 'referendum',
    name: { ky: 'Референдум', ru: 'Референдум', en: 'Referendum' },
    calledOn: addDays(today, -5),
    votingDay: addDays(today, 40),
  });
  expect(election.status, election.text).toBe(201);
  const email = `${unique('fuzz')}@observers.example`;
  const org = await staff<{ id: string }>(ADMIN, 'POST', '/v1/admin/organizations', {
    name: { original: unique('Fuzz mission') },
    type: 'foreign_election_body',
    country: 'LT',
    contactEmail: email,
    preferredLanguage: 'en',
  });
  const inv = await staff<{ invitation: { id: string } }>(ADMIN, 'POST', '/v1/admin/invitations', {
    electionId: election.body.id,
    organizationId: org.body.id,
    invitingAuthority: 'cec',
    invitedOn: today,
    mfaDispatchRef: unique('D'),
  });
  expect(inv.status, inv.text).toBe(201);
  const { code } = await accessCodeMailTo(email);
  const session = await portal<{ token: string }>(null, 'POST', '/v1/portal/sessions', { accessCode: code });
  portalToken = session.body.token;
  const app = await portal<{ id: string }>(portalToken, 'POST', '/v1/portal/applications', { channel: 'direct' });
  const person = await portal<{ id: string }>(
    portalToken,
    'POST',
    `/v1/portal/applications/${app.body.id}/representatives`,
    representative(),
  );
  Object.assign(ids, {
    electionId: [election.body.id],
    organizationId: [org.body.id],
    invitationId: [inv.body.invitation.id],
    applicationId: [app.body.id],
    personId: [person.body.id],
    id: [election.body.id, org.body.id],
  });
}, 120_000);

afterAll(() => {
  // Nothing to undo: every record this file writes hangs off its own election and organization.
});

describe('every route under generated hostile input', () => {
  it(`${RUNS} requests from the routes' schemas: no 5xx, and every 4xx in the documented shape (seed ${SEED})`, async () => {
    const perRoute = routes.map(requestOf);
    const seen = new Map<string, Set<number>>();
    await fc.assert(
      fc.asyncProperty(fc.oneof(...perRoute), async (req) => {
        const route = routeByKey.get(req.key) as Route;
        const headers: Record<string, string> = { ...(await authorization(req, route)) };
        if (req.body !== undefined) headers['content-type'] = req.contentType;
        const url = `${apiUrl()}${req.path}${req.query ? `?${req.query}` : ''}`;
        const res = await send(url, { method: route.method, headers, body: req.body });
        const text = await res.text();
        const key = req.key;
        if (!seen.has(key)) seen.set(key, new Set());
        seen.get(key)?.add(res.status);
        const where = `${route.method} ${url} (${req.as}) body ${req.body?.slice(0, 300)} -> ${res.status} ${text.slice(0, 500)}`;
        if (res.status >= 500) throw new Error(`5xx: ${where}`);
        if (res.status >= 400) {
          const problem = shapeProblem(res.status, text);
          if (problem) throw new Error(`${problem}: ${where}`);
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    // Every route was reached, and the handlers were (not only refused at the door).
    expect([...seen.keys()].sort()).toEqual(routes.map(routeKey).sort());
    const passedTheDoor = [...seen.values()].filter((s) => [...s].some((x) => x !== 401 && x !== 403)).length;
    expect(passedTheDoor).toBeGreaterThan(routes.length * 0.9);
  }, 240_000);
});
