/**
 * The OpenAPI 3.1 document, generated from the route table and its zod schemas (zod's JSON Schema
 * with a registry, so named schemas are `components.schemas` reached by `$ref`).
 *
 * - Names come from `openapi-components.ts`; a route's body or response not named there is named
 *   after its operation (`<OperationId>Request`, `<OperationId>Response`, `<Item>Page` for pages of a
 *   named item), so a route added later is documented with `$ref`s too.
 * - A schema reads differently as a request (defaults optional, coercions as strings) and as a
 *   response; where the two differ the request form is `<Name>Input` (or takes the plain name if the
 *   response form is never used).
 * - Examples come from the demo data (`openapi-examples.json`, checked against the schemas by the
 *   tests); error codes and their statuses from `error-codes.ts`.
 *
 * `npm run openapi` writes the document and the typed client generated from it (write-openapi.ts);
 * `openapi.test.ts` fails when the committed ones are out of date.
 */
import { z } from 'zod';
import { ERROR_CODE_NAMES, ERROR_CODES, codesByStatus } from './error-codes';
import examplesJson from './openapi-examples.json' with { type: 'json' };
import { type ComponentMeta, componentRegistry, inlineEnumMeta } from './openapi-components';
import { type Route, routeKey } from './route';
import { routes as routeTable } from './routes';

type Json = Record<string, unknown>;

export interface OperationExamples {
  /** The success status the route answers with (201 for a creation, 204 without a body). */
  status?: number;
  /** Path and query parameters of the example call. */
  params?: Record<string, string>;
  request?: unknown;
  response?: unknown;
  /** For routes answering another media type (e.g. text/csv). */
  text?: string;
}
export const EXAMPLES = examplesJson as unknown as {
  operations: Record<string, OperationExamples>;
  errors: Record<string, unknown>;
};

export const SCHEMA_REF = '#/components/schemas/';
const IN = '@in';

/** `http/admin/elections/list` → `adminElectionsList` (stable: clients are generated from it). */
export function operationIdOf(route: Route): string {
  return route.handler.replace(/^http\//, '').replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase());
}

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The navigation title: the summary up to its first explanation. */
export function shortSummary(summary: string): string {
  const cut = summary.split(/: | \(|; | — /)[0] ?? summary;
  if (cut.length <= 90) return cut;
  return (cut.split(', ')[0] ?? cut).slice(0, 90);
}

function registryWithGlobals() {
  const registry = componentRegistry();
  // Schemas others name with `.meta({ id })` in the global registry are components too.
  for (const [id, schema] of z.globalRegistry._idmap) {
    if (!registry.has(schema)) registry.add(schema, { ...(z.globalRegistry.get(schema) ?? {}), id } as ComponentMeta);
  }
  // Metadata set with `.meta()` on the schemas (formats, examples) still reaches the document.
  const own = registry.get.bind(registry);
  registry.get = ((schema: z.core.$ZodType) => {
    const global = z.globalRegistry.get(schema);
    const mine = own(schema);
    if (!global) return mine;
    const { id: _globalId, ...rest } = global as Json;
    return { ...rest, ...(mine ?? {}) } as ComponentMeta;
  }) as typeof registry.get;
  return registry;
}

function pageItemName(schema: z.ZodType, registry: ReturnType<typeof registryWithGlobals>): string | undefined {
  if (!(schema instanceof z.ZodObject)) return undefined;
  const data = schema.shape.data;
  if (!(data instanceof z.ZodArray)) return undefined;
  return registry.get(data.element as z.ZodType)?.id;
}

/** Replaces every `$ref` of the form `#/components/schemas/<name>` through `rename`. */
function mapRefs(value: unknown, rename: (name: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => mapRefs(v, rename));
  if (value && typeof value === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(SCHEMA_REF)) {
        out[k] = SCHEMA_REF + rename(v.slice(SCHEMA_REF.length));
      } else out[k] = mapRefs(v, rename);
    }
    return out;
  }
  return value;
}

function refsIn(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) refsIn(v, into);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(SCHEMA_REF)) into.add(v.slice(SCHEMA_REF.length));
      else refsIn(v, into);
    }
  }
  return into;
}

function clean(schema: Json): Json {
  const { $schema: _s, $id: _uri, id: _id, ...rest } = schema;
  return rest;
}

const ref = (name: string) => ({ $ref: SCHEMA_REF + name });
/** Media types an example can be shown for as text (CSV, JSON...); PDFs and images are files. */
export const isTextual = (type: string) => /^text\/|[/+]json$|[/+]xml$/.test(type);
const stable = (v: unknown) => JSON.stringify(v);

// ---------------------------------------------------------------------------------------------
// Errors

function errorSchemas(): Record<string, Json> {
  const codes = ERROR_CODE_NAMES;
  return {
    ErrorCode: {
      type: 'string',
      enum: codes,
      description:
        'What went wrong, for programs; `message` says it for people. Each code with the HTTP status that carries it.',
      'x-enum-descriptions': codes.map((c) => errorCodeText(c)),
      'x-enumDescriptions': Object.fromEntries(codes.map((c) => [c, errorCodeText(c)])),
    },
    FieldIssue: {
      type: 'object',
      description: 'One field of the request and the rule it breaks',
      properties: {
        field: {
          type: 'string',
          description: 'Dotted path: `body.`, `query.` or `path.` and the field',
          examples: ['body.passportExpiresOn'],
        },
        rule: { type: 'string', description: 'The rule, in words, with its clause where there is one' },
      },
      required: ['field', 'rule'],
      additionalProperties: false,
    },
    Error: {
      type: 'object',
      description:
        'Every refusal of the API. 4xx messages name the field and the rule and, for a rule of the Regulation, its clause; a 500 says only "internal error" with the request id.',
      properties: {
        error: {
          type: 'object',
          properties: {
            code: ref('ErrorCode'),
            message: { type: 'string', description: 'For people: what to fix, naming the field and the rule' },
            clause: {
              type: 'string',
              description: 'The clause of the Regulation (or Art. of the Constitutional Law) the refusal rests on',
              examples: ['3.6'],
            },
            issues: {
              type: 'array',
              items: ref('FieldIssue'),
              description: 'With 400 (and ADOPTION_BLOCKED): each field',
            },
            requestId: { type: 'string', description: 'With 500: finds the detail in the log' },
          },
          required: ['code', 'message'],
          additionalProperties: false,
        },
      },
      required: ['error'],
      additionalProperties: false,
    },
    GatewayError: {
      type: 'object',
      description:
        "API Gateway's own answer (e.g. 401 of the staff routes' JWT authorizer, 404 of an unknown path, 503)",
      properties: { message: { type: 'string', examples: ['Unauthorized'] } },
      required: ['message'],
      additionalProperties: false,
    },
  };
}

function errorCodeText(code: (typeof ERROR_CODE_NAMES)[number]): string {
  const info: { status: number; meaning: string; clause?: string } = ERROR_CODES[code];
  return `${info.status}: ${info.meaning}${info.clause ? ` (${info.clause})` : ''}`;
}

const ERROR_RESPONSES: Record<string, { status: string; name: string; title: string }> = {
  '400': {
    status: '400',
    name: 'BadRequest',
    title: 'The request breaks a rule: `issues` names each field and the rule',
  },
  '401': { status: '401', name: 'Unauthorized', title: 'No valid session or access code' },
  '403': {
    status: '403',
    name: 'Forbidden',
    title: 'None of the token’s groups may call this route (the message names them)',
  },
  '404': { status: '404', name: 'NotFound', title: 'Not found, or not the session’s organization and election' },
  '409': {
    status: '409',
    name: 'Conflict',
    title: 'A rule of the Regulation or a race refuses the request (with the clause)',
  },
  '413': { status: '413', name: 'PayloadTooLarge', title: 'The body is larger than the route accepts' },
  '415': { status: '415', name: 'UnsupportedMediaType', title: 'The body is not application/json' },
  '429': { status: '429', name: 'TooManyRequests', title: 'Too many wrong access codes: wait for Retry-After seconds' },
  '500': { status: '500', name: 'InternalError', title: 'Internal error: nothing was applied' },
};

function errorResponses(): Record<string, Json> {
  const byStatus = codesByStatus();
  const out: Record<string, Json> = {};
  for (const { status, name, title } of Object.values(ERROR_RESPONSES)) {
    const codes = byStatus.get(Number(status)) ?? [];
    const example = EXAMPLES.errors[status];
    out[name] = {
      description: `${title}. Codes: ${codes.map((c) => `\`${c}\``).join(', ')}`,
      ...(status === '429'
        ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } }
        : {}),
      content: {
        'application/json': { schema: ref('Error'), ...(example ? { examples: { demo: { value: example } } } : {}) },
      },
    };
  }
  out.GatewayUnauthorized = {
    description: "No token, or an invalid or expired one: API Gateway's JWT authorizer answers before the function",
    headers: { 'WWW-Authenticate': { description: 'Bearer error="invalid_token"', schema: { type: 'string' } } },
    content: {
      'application/json': { schema: ref('GatewayError'), examples: { demo: { value: { message: 'Unauthorized' } } } },
    },
  };
  return out;
}

function errorStatusesOf(route: Route): string[] {
  const out = ['400'];
  if (route.access.kind === 'staff') out.push('401', '403');
  else if (route.access.kind === 'portal' || route.path === '/v1/portal/sessions') out.push('401');
  if (route.params || route.access.kind !== 'public') out.push('404');
  if (route.method !== 'GET') out.push('409');
  if (route.body) out.push('413', '415');
  if (route.path === '/v1/portal/sessions') out.push('429');
  out.push('500');
  return out;
}

// ---------------------------------------------------------------------------------------------

export interface OpenApiOptions {
  routes?: readonly Route[];
}

export function openApiDocument(options: OpenApiOptions = {}): Json {
  const routes = options.routes ?? routeTable;
  const registry = registryWithGlobals();
  const bodyName = new Map<Route, string>();
  const responseName = new Map<Route, string>();
  const taken = new Set([...registry._idmap.keys(), ...Object.keys(errorSchemas())]);

  const nameOf = (schema: z.ZodType, fallback: string, description: string): string => {
    const existing = registry.get(schema)?.id;
    if (existing && registry._idmap.get(existing) === schema) return existing;
    let name = fallback;
    for (let i = 2; taken.has(name); i++) name = `${fallback}${i}`;
    taken.add(name);
    registry.add(schema, { id: name, description });
    return name;
  };

  for (const route of routes) {
    const op = pascal(operationIdOf(route));
    if (route.body) bodyName.set(route, nameOf(route.body, `${op}Request`, `Body of ${route.method} ${route.path}`));
    if (route.response) {
      const item = pageItemName(route.response, registry);
      const fallback = item && !taken.has(`${item}Page`) ? `${item}Page` : `${op}Response`;
      responseName.set(
        route,
        nameOf(route.response, fallback, item ? `A page of ${item}` : `Answer of ${route.method} ${route.path}`),
      );
    }
  }

  // Both readings of every named schema; the request reading only where it differs.
  const common = {
    target: 'draft-2020-12',
    unrepresentable: 'any',
    metadata: registry,
    // Enums written inline in the schemas get their meanings too (INLINE_ENUMS).
    override: ({ jsonSchema }: { jsonSchema: Record<string, unknown> }) => {
      if (Array.isArray(jsonSchema.enum) && !jsonSchema['x-enum-descriptions']) {
        Object.assign(jsonSchema, inlineEnumMeta(jsonSchema.enum) ?? {});
      }
    },
  } as const;
  const output = z.toJSONSchema(registry, { ...common, io: 'output', uri: (id) => SCHEMA_REF + id }).schemas;
  const input = z.toJSONSchema(registry, { ...common, io: 'input', uri: (id) => SCHEMA_REF + id + IN }).schemas;
  if (output.__shared || input.__shared) throw new Error('a schema is cyclic or shared without a name');
  const differs = new Set<string>();
  const unIn = (v: unknown) => mapRefs(v, (n) => n.replace(IN, ''));
  for (const name of Object.keys(output)) {
    if (stable(clean(unIn(input[name]) as Json)) !== stable(clean(output[name] as Json))) differs.add(name);
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const name of Object.keys(input)) {
      if (differs.has(name)) continue;
      const refs = refsIn(input[name], new Set());
      if ([...refs].some((r) => differs.has(r.replace(IN, '')))) {
        differs.add(name);
        grew = true;
      }
    }
  }
  const inName = (n: string) => {
    const base = n.replace(IN, '');
    return differs.has(base) ? base + IN : base;
  };
  const candidates: Record<string, Json> = { ...errorSchemas() };
  for (const [name, schema] of Object.entries(output)) candidates[name] = clean(schema as Json);
  for (const name of differs) candidates[name + IN] = clean(mapRefs(input[name], inName) as Json);
  for (const name of Object.keys(output)) {
    if (!differs.has(name)) candidates[name] = clean(mapRefs(candidates[name], inName) as Json);
  }

  const paramSchema = (schema: z.ZodType) => {
    const json = z.toJSONSchema(schema, { ...common, io: 'input' }) as Json;
    const local = (v: unknown): unknown =>
      mapRefs(JSON.parse(JSON.stringify(v).replaceAll('"#/$defs/', `"${SCHEMA_REF}`)), (n) => inName(n));
    return local(clean({ ...json, $defs: undefined })) as {
      properties?: Record<string, Json>;
      required?: string[];
    };
  };

  const paths: Record<string, Json> = {};
  const tags = new Set<string>();
  const examples: Record<string, Json> = {};
  /** Examples (from the demo data) live in `components.examples`, shallower, so the document stays small. */
  const example = (name: string, value: unknown) => {
    examples[name] = { value };
    return { $ref: `#/components/examples/${name}` };
  };
  for (const route of routes) {
    const key = routeKey(route);
    const opId = operationIdOf(route);
    const ex = EXAMPLES.operations[key] ?? {};
    const parameters: Json[] = [];
    for (const [where, schema] of [
      ['path', route.params],
      ['query', route.query],
    ] as const) {
      if (!schema) continue;
      const json = paramSchema(schema);
      for (const [name, prop] of Object.entries(json.properties ?? {})) {
        const { description, ...rest } = prop as Json;
        const raw = ex.params?.[name];
        const example = raw !== undefined && (rest.type === 'integer' || rest.type === 'number') ? Number(raw) : raw;
        parameters.push({
          name,
          in: where,
          required: where === 'path' || (json.required ?? []).includes(name),
          ...(typeof description === 'string' ? { description } : {}),
          schema: rest,
          ...(example !== undefined ? { example } : {}),
        });
      }
    }
    const content: Json = {};
    const resName = responseName.get(route);
    if (resName) {
      content['application/json'] = {
        schema: ref(resName),
        ...(ex.response !== undefined ? { examples: { demo: example(`${opId}Response`, ex.response) } } : {}),
      };
    }
    for (const type of route.produces ?? []) {
      const binary = !isTextual(type);
      content[type] = {
        schema: binary ? { type: 'string', contentMediaType: type, format: 'binary' } : { type: 'string' },
        ...(ex.text !== undefined ? { examples: { demo: example(`${opId}Text`, ex.text) } } : {}),
      };
    }
    if (route.method === 'GET' && route.path === '/v1/openapi.json') {
      content['application/json'] = {
        schema: { type: 'object', description: 'An OpenAPI 3.1 document', additionalProperties: true },
        examples: {
          demo: {
            summary: 'The beginning of this document',
            value: { openapi: '3.1.0', info: { title: 'CEC observers API', version: '1' } },
          },
        },
      };
    }
    const status = ex.status ?? (Object.keys(content).length ? 200 : 204);
    const success =
      status === 204
        ? { '204': { description: 'Done; no body' } }
        : { [String(status)]: { description: status === 201 ? 'Created' : 'OK', content } };
    const responses: Json = { ...success };
    for (const status of errorStatusesOf(route)) {
      const name =
        status === '401' && route.access.kind === 'staff'
          ? 'GatewayUnauthorized'
          : (ERROR_RESPONSES[status]?.name ?? '');
      responses[status] = { $ref: `#/components/responses/${name}` };
    }
    const groups = route.access.kind === 'staff' ? route.access.groups : undefined;
    const who =
      route.access.kind === 'staff'
        ? `Staff groups: ${groups?.join(', ')}.`
        : route.access.kind === 'portal'
          ? 'An organization’s portal session.'
          : 'Anyone, without a token.';
    const op: Json = {
      operationId: operationIdOf(route),
      summary: shortSummary(route.summary),
      description: `${shortSummary(route.summary) === route.summary ? '' : `${route.summary}.\n\n`}${who}${route.maxBodyBytes ? ` Body up to ${route.maxBodyBytes} bytes.` : ''}`,
      tags: [route.tag],
      ...(parameters.length ? { parameters } : {}),
      responses,
      security:
        route.access.kind === 'staff' ? [{ staff: [] }] : route.access.kind === 'portal' ? [{ portal: [] }] : [],
      ...(groups ? { 'x-groups': groups } : {}),
    };
    tags.add(route.tag);
    const bName = bodyName.get(route);
    if (bName) {
      op.requestBody = {
        required: true,
        content: {
          'application/json': {
            schema: ref(inName(bName)),
            ...(ex.request !== undefined ? { examples: { demo: example(`${opId}Request`, ex.request) } } : {}),
          },
        },
      };
    }
    paths[route.path] = { ...(paths[route.path] ?? {}), [route.method.toLowerCase()]: op };
  }

  const responses = errorResponses();
  // Keep what the operations reach; a request form whose response form is unused takes the plain name.
  const reached = new Set<string>();
  const visit = (name: string) => {
    if (reached.has(name)) return;
    reached.add(name);
    for (const r of refsIn(candidates[name], new Set())) visit(r);
  };
  for (const r of refsIn([paths, responses], new Set())) visit(r);
  const finalName = new Map<string, string>();
  for (const name of reached) {
    if (!name.endsWith(IN)) finalName.set(name, name);
    else {
      const base = name.slice(0, -IN.length);
      finalName.set(name, reached.has(base) ? `${base}Input` : base);
    }
  }
  const rename = (n: string) => finalName.get(n) ?? n;
  const schemas: Record<string, Json> = {};
  for (const name of [...reached].sort((a, b) => rename(a).localeCompare(rename(b)))) {
    schemas[rename(name)] = mapRefs(candidates[name], rename) as Json;
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'CEC of the Kyrgyz Republic: accreditation of international observers',
      version: '1',
      description: [
        'The API of the Central Election Commission of the Kyrgyz Republic for accrediting international observers,',
        'under Regulation No. 197 of 9 November 2016 ("the Regulation", clauses like 3.6) and the Constitutional Law',
        'No. 68 of 2 July 2011 (Art. 10). Generated from the route table; `npm run openapi` writes it with a typed client.',
        '',
        'Dates are calendar days in Asia/Bishkek (`YYYY-MM-DD`); instants are ISO 8601. Writes carry the `version` they read',
        '(a stale one is 409 `STALE_VERSION`). Lists page by `cursor` (`nextCursor` is null on the last page).',
        'Errors are `{"error": {"code", "message", "clause"?, "issues"?}}`; see `ErrorCode` for every code and its status.',
      ].join('\n'),
      contact: { name: 'Central Election Commission of the Kyrgyz Republic', url: 'https://shailoo.gov.kg' },
      license: { name: 'Proprietary: the CEC of the Kyrgyz Republic', identifier: 'LicenseRef-CEC-KG' },
    },
    servers: [
      { url: 'http://127.0.0.1:4000', description: 'The local twin (`npm start`)' },
      {
        url: 'https://{apiId}.execute-api.{region}.amazonaws.com',
        description: 'AWS: the HTTP API of a deployment (the CDK output `ApiUrl`)',
        variables: {
          apiId: { default: 'api-id', description: 'The HTTP API id of the deployment' },
          region: { default: 'eu-central-1', description: 'The AWS region of the deployment' },
        },
      },
    ],
    tags: [...tags].map((name) => ({ name, description: TAG_TEXT[name] ?? name })),
    paths: mapRefs(paths, rename),
    components: {
      schemas,
      responses,
      examples,
      securitySchemes: {
        staff: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'Cognito ID token of CEC or MFA staff (on the twin: POST /token of the sign-in issuer); each route names its groups in `x-groups`',
        },
        portal: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Portal session from POST /v1/portal/sessions (2 hours, one organization and one election)',
        },
      },
    },
  };
}

/**
 * JSON as the committed document is written: the first four levels (paths, operations and their
 * fields; components, each schema and its fields) one per line, anything deeper on its line. Diffs
 * stay per operation and per schema, at nearly the size of the one-line form.
 */
export function formatJson(value: unknown, depth = 0): string {
  const flat = JSON.stringify(value);
  if (flat === undefined) return 'null';
  if (depth >= 4 || flat.length <= 80 || value === null || typeof value !== 'object') return flat;
  const indent = '  '.repeat(depth);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return `[\n${value.map((v) => inner + formatJson(v, depth + 1)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, depth + 1)}`).join(',\n')}\n${indent}}`;
}

const TAG_TEXT: Record<string, string> = {
  public: 'Anyone: elections and their calendar, the published list of observers (3.3), certificate checks (3.4)',
  decisions:
    'CEC staff: the triage grid, people, resolutions that accredit, refuse (3.3, 3.4, 3.9) and revoke (4.7), audit, statistics',
  intake: 'CEC staff: elections, organizations, invitations and access codes (2.2, 2.5), proposals (2.3), applications',
  portal:
    'Invited organizations: applications, representatives, uploads, submission (3.1), withdrawal, revocation requests (4.7 b)',
  mfa: 'MFA officers: the check of applications sent through the MFA (3.2)',
  outbox: 'CEC administrators: outgoing mail and certificates',
};
