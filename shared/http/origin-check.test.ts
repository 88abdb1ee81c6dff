import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apigwEvent } from '../../events/apigw/load';
import { resetConfig } from '#runtime/config';
import { logger } from '#runtime/logger';
import { ORIGIN_VERIFY_HEADER, resetSecrets } from '#runtime/secrets';
import { type HttpResult, httpHandler, ok } from './handler';
import { NOT_THROUGH_CLOUDFRONT, fromCloudFront } from './origin-check';
import { defineRoute } from './route';

const CURRENT = 'c'.repeat(48);
const PREVIOUS = 'p'.repeat(48);
const ORIGIN_ARN = 'arn:aws:secretsmanager:eu-central-1:111122223333:secret:OriginVerify-AbCdEf';
const sm = mockClient(SecretsManagerClient);
const saved = { ...process.env };

const context = {
  functionName: 'cec-observers-test',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  getRemainingTimeInMillis: () => 29_000,
} as Context;

const route = defineRoute({
  method: 'GET',
  path: '/v1/public/elections',
  handler: 'http/public/list-elections',
  access: { kind: 'public' },
  summary: 'test route',
  tag: 'test',
});
const handler = httpHandler(route, async () => ok({ served: true }));

function request(header?: string): APIGatewayProxyEventV2 {
  const event = apigwEvent('public-get');
  const headers = { ...event.headers };
  delete headers[ORIGIN_VERIFY_HEADER];
  return { ...event, headers: header === undefined ? headers : { ...headers, [ORIGIN_VERIFY_HEADER]: header } };
}

const call = async (header?: string) => (await handler(request(header), context)) as HttpResult;

beforeAll(() => logger.setLogLevel('SILENT'));

describe('fromCloudFront', () => {
  it('accepts the current and the previous value only, whatever the header’s case', () => {
    const secret = { current: CURRENT, previous: PREVIOUS };
    expect(fromCloudFront({ headers: { [ORIGIN_VERIFY_HEADER]: CURRENT } }, secret)).toBe(true);
    expect(fromCloudFront({ headers: { [ORIGIN_VERIFY_HEADER]: PREVIOUS } }, secret)).toBe(true);
    expect(fromCloudFront({ headers: { 'X-ORIGIN-VERIFY': CURRENT } }, secret)).toBe(true);
    expect(fromCloudFront({ headers: { [ORIGIN_VERIFY_HEADER]: PREVIOUS } }, { current: CURRENT })).toBe(false);
    expect(fromCloudFront({ headers: { [ORIGIN_VERIFY_HEADER]: `${CURRENT}x` } }, secret)).toBe(false);
    expect(fromCloudFront({ headers: { [ORIGIN_VERIFY_HEADER]: '' } }, secret)).toBe(false);
    expect(fromCloudFront({ headers: {} }, secret)).toBe(false);
  });
});

describe('the API behind CloudFront only', () => {
  beforeEach(() => {
    sm.reset();
    resetSecrets();
    process.env = { ...saved, TABLE_NAME: 't', DOCUMENTS_BUCKET: 'd', CERTIFICATES_BUCKET: 'c' };
    delete process.env.PORTAL_SESSION_SECRET_ARN;
    delete process.env.CERTIFICATE_KEYS_SECRET_ARN;
    delete process.env.ORIGIN_VERIFY_SECRET_ARN;
    resetConfig();
  });
  afterEach(() => {
    process.env = { ...saved };
    resetConfig();
  });

  it('deployed: refuses a request without the origin header (the direct execute-api URL) with 403 in the error shape', async () => {
    process.env.ORIGIN_VERIFY_SECRET_ARN = ORIGIN_ARN;
    sm.on(GetSecretValueCommand, { SecretId: ORIGIN_ARN }).resolves({
      SecretString: JSON.stringify({ current: CURRENT, previous: PREVIOUS }),
    });
    for (const header of [undefined, 'guessed-value', `${CURRENT.slice(1)}x`]) {
      const res = await call(header);
      expect(res.statusCode, String(header)).toBe(403);
      expect(JSON.parse(res.body as string).error).toMatchObject({
        code: 'FORBIDDEN',
        message: NOT_THROUGH_CLOUDFRONT,
      });
    }
    for (const header of [CURRENT, PREVIOUS]) {
      const res = await call(header);
      expect(res.statusCode).toBe(200);
      expect(JSON.parse(res.body as string)).toEqual({ served: true });
    }
  });

  it('on the twin (no origin secret) serves requests without the header, as before', async () => {
    const res = await call();
    expect(res.statusCode).toBe(200);
    expect(sm.calls()).toHaveLength(0);
  });
});
