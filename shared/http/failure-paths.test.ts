/**
 * A real function entry (functions/http/public/get-election) with the DynamoDB client mocked: the
 * failure paths the emulator cannot produce on demand. Its success path runs against the local twin.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { apigwEvent, forRoute } from '../../events/apigw/load';
import { handler } from '#functions/http/public/get-election';
import { getPublicElection } from '#http/routes/public';
import { ddb } from '#runtime/clients';
import { resetConfig } from '#runtime/config';
import { logger } from '#runtime/logger';

const ddbMock = mockClient(ddb);
const env = {
  TABLE_NAME: 't',
  DOCUMENTS_BUCKET: 'd',
  CERTIFICATES_BUCKET: 'c',
  PORTAL_SESSION_SECRET: 'p',
  CERTIFICATE_SECRET: 'x',
};
const context = {
  awsRequestId: 'req-1',
  functionName: 'get-election',
  getRemainingTimeInMillis: () => 29_000,
} as Context;
const electionId = '01JMB6Z3K8Q4W7E2R5T9Y1V3H6';
const event = () => forRoute(apigwEvent('public-get'), getPublicElection, { pathParameters: { electionId } });

beforeAll(() => {
  Object.assign(process.env, env);
  resetConfig();
  logger.setLogLevel('SILENT');
});
afterAll(() => {
  ddbMock.restore();
  resetConfig();
});
beforeEach(() => {
  ddbMock.reset();
  vi.restoreAllMocks();
});

describe('GET /v1/public/elections/{electionId}: failure paths', () => {
  it('an unknown election is a 404 naming it', async () => {
    ddbMock.on(GetCommand).resolves({});
    const res = await handler(event(), context);
    expect(res.statusCode).toBe(404);
    expect(JSON.parse(String(res.body)).error).toEqual({
      code: 'NOT_FOUND',
      message: `election ${electionId} was not found`,
    });
  });

  it('a throttled table is a 500 that leaks nothing, and the cause is logged', async () => {
    const err = Object.assign(new Error('Throughput exceeds the current capacity of table cec-observers-prod'), {
      name: 'ProvisionedThroughputExceededException',
    });
    ddbMock.on(GetCommand).rejects(err);
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const res = await handler(event(), context);
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('cec-observers-prod');
    expect(logged).toHaveBeenCalledTimes(1);
  });

  it('an id that is not a ULID is a 400 before any read', async () => {
    const res = await handler(
      forRoute(apigwEvent('public-get'), getPublicElection, { pathParameters: { electionId: 'x' } }),
      context,
    );
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(String(res.body)).error.issues[0].field).toBe('path.electionId');
    expect(ddbMock.commandCalls(GetCommand)).toHaveLength(0);
  });
});
