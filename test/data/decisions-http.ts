/**
 * Calls the decisions' Lambda handlers in-process with API Gateway payload-2.0 events (the sample
 * events of events/apigw), as the signed-in staff member or anonymous caller a test names.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { apigwEvent, forRoute, withJsonBody } from '../../events/apigw/load';
import type { Route } from '#http/route';

export type Caller = 'anonymous' | 'admin' | 'reviewer' | 'mfa';

const CLAIMS: Record<Exclude<Caller, 'anonymous'>, { sub: string; email: string; groups: string }> = {
  admin: { sub: 'sub-admin', email: 'admin@cec.local', groups: '[cec-admin]' },
  reviewer: { sub: 'sub-reviewer', email: 'reviewer@cec.local', groups: '[cec-reviewer]' },
  mfa: { sub: 'sub-mfa', email: 'mfa@cec.local', groups: '[mfa-officer]' },
};

const context = {
  awsRequestId: 'test-request',
  functionName: 'decisions-test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:decisions-test',
  memoryLimitInMB: '512',
  logGroupName: '/aws/lambda/decisions-test',
  logStreamName: 'test',
  callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 30_000,
  done: () => {},
  fail: () => {},
  succeed: () => {},
} as unknown as Context;

export function eventFor(
  caller: Caller,
  route: Pick<Route, 'method' | 'path'>,
  opts: { params?: Record<string, string>; query?: Record<string, string>; body?: unknown } = {},
): APIGatewayProxyEventV2 {
  let event = forRoute(apigwEvent('staff-get'), route, { pathParameters: opts.params, query: opts.query });
  if (caller === 'anonymous') {
    const { authorizer: _a, ...requestContext } = event.requestContext as typeof event.requestContext & {
      authorizer?: unknown;
    };
    const { authorization: _h, ...headers } = event.headers;
    event = { ...event, headers, requestContext: requestContext as typeof event.requestContext };
  } else {
    const c = CLAIMS[caller];
    const ctx = event.requestContext as typeof event.requestContext & {
      authorizer: { jwt: { claims: Record<string, string> } };
    };
    ctx.authorizer = {
      jwt: {
        claims: { ...ctx.authorizer.jwt.claims, sub: c.sub, email: c.email, 'cognito:groups': c.groups },
      },
    };
  }
  if (opts.body !== undefined) event = withJsonBody(event, opts.body);
  return event;
}

export interface CallResult {
  status: number;
  body: Record<string, unknown> & {
    error?: { code: string; message: string; issues?: { field: string; rule: string }[] };
  };
  headers: Record<string, string>;
}

/** Invokes the handler module of `route` (functions/<handler>.ts) with an event from `caller`. */
export async function call(
  caller: Caller,
  route: Route,
  opts: { params?: Record<string, string>; query?: Record<string, string>; body?: unknown } = {},
): Promise<CallResult> {
  const url = new URL(`../../functions/${route.handler}.ts`, import.meta.url).href;
  const mod = (await import(/* @vite-ignore */ url)) as {
    handler: (e: APIGatewayProxyEventV2, c: Context) => Promise<APIGatewayProxyStructuredResultV2>;
  };
  const res = await mod.handler(eventFor(caller, route, opts), context);
  return {
    status: res.statusCode ?? 0,
    body: res.body ? (JSON.parse(res.body) as CallResult['body']) : {},
    headers: (res.headers ?? {}) as Record<string, string>,
  };
}
