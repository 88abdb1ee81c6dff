/** The OpenAPI 3.1 document, generated from the route table and its zod schemas (zod's JSON Schema). */
import { z } from 'zod';
import type { Route } from './route';
import { routes } from './routes';

type Json = Record<string, unknown>;

function schemaOf(s: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as Json;
  return rest;
}

function parameters(route: Route): Json[] {
  const out: Json[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const json = schemaOf(schema, 'input') as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, prop] of Object.entries(json.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: prop });
    }
  }
  return out;
}

const ERROR = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        clause: { type: 'string' },
        issues: {
          type: 'array',
          items: { type: 'object', properties: { field: { type: 'string' }, rule: { type: 'string' } } },
        },
      },
      required: ['code', 'message'],
    },
  },
};

export function openApiDocument(): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const op: Json = {
      operationId: route.handler.replace(/^http\//, '').replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
      summary: route.summary,
      tags: [route.tag],
      parameters: parameters(route),
      responses: {
        '200': {
          description: 'OK',
          content: {
            ...(route.response ? { 'application/json': { schema: schemaOf(route.response, 'output') } } : {}),
            ...Object.fromEntries((route.produces ?? []).map((t) => [t, { schema: { type: 'string' } }])),
          },
        },
        '4XX': {
          description: 'Refused: the message names the field and the rule',
          content: { 'application/json': { schema: ERROR } },
        },
      },
    };
    if (route.body)
      op.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } };
    if (route.access.kind === 'staff') {
      op.security = [{ staff: [] }];
      op['x-groups'] = route.access.groups;
    } else if (route.access.kind === 'portal') op.security = [{ portal: [] }];
    paths[route.path] = { ...(paths[route.path] ?? {}), [route.method.toLowerCase()]: op };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'CEC of the Kyrgyz Republic: accreditation of international observers',
      version: '1',
      description: 'Regulation No. 197 of 9 November 2016; Constitutional Law No. 68 of 2 July 2011, Art. 10.',
    },
    paths,
    components: {
      securitySchemes: {
        staff: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Cognito ID token of CEC or MFA staff',
        },
        portal: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Portal session from POST /v1/portal/sessions',
        },
      },
    },
  };
}
