/**
 * Failure paths of transactions and batches that DynamoDB Local cannot produce (it serialises
 * transactions, so it never answers TransactionConflict, and never leaves items unprocessed).
 * The behaviour on the real emulator is tested in test/data/transact.test.ts.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ddb } from '#runtime/clients';
import { resetConfig } from '#runtime/config';
import { ConditionFailedError, type TransactItem, batchPut, transact } from './transact';

const ddbMock = mockClient(ddb);
const env = {
  TABLE_NAME: 't',
  DOCUMENTS_BUCKET: 'd',
  CERTIFICATES_BUCKET: 'c',
  PORTAL_SESSION_SECRET: 'p',
  CERTIFICATE_SECRET: 'x',
};

beforeAll(() => {
  Object.assign(process.env, env);
  resetConfig();
});
afterAll(() => {
  ddbMock.restore();
  resetConfig();
});
beforeEach(() => ddbMock.reset());

const item = (n: number): TransactItem => ({ Put: { TableName: 't', Item: { pk: `P#${n}`, sk: 'META' } } });

function cancelled(...codes: string[]) {
  return new TransactionCanceledException({
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`,
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
}

describe('transact: failure paths', () => {
  it('maps a failed condition to ConditionFailedError with the failing indexes, without retrying', async () => {
    ddbMock.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed', 'None'));
    const err = await transact([item(0), item(1), item(2)]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConditionFailedError);
    expect((err as ConditionFailedError).failedIndexes).toEqual([1]);
    expect((err as ConditionFailedError).message).toContain('item(s) 1');
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('retries a transaction cancelled by a conflicting one, and succeeds', async () => {
    ddbMock
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('None', 'TransactionConflict'))
      .rejectsOnce(cancelled('TransactionConflict', 'None'))
      .resolves({});
    await transact([item(0), item(1)]);
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(3);
  });

  it('gives up after maxAttempts conflicts and rethrows the cancellation', async () => {
    ddbMock.on(TransactWriteCommand).rejects(cancelled('TransactionConflict'));
    const err = await transact([item(0)], { maxAttempts: 3 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransactionCanceledException);
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(3);
  });

  it('does not retry a cancellation that no retry can cure (ValidationError)', async () => {
    ddbMock.on(TransactWriteCommand).rejects(cancelled('ValidationError'));
    await expect(transact([item(0)])).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('passes the client request token so a retried request is idempotent', async () => {
    ddbMock.on(TransactWriteCommand).resolves({});
    await transact([item(0)], { clientRequestToken: 'decision-01JMB8C2D3' });
    expect(ddbMock.commandCalls(TransactWriteCommand)[0]?.args[0].input.ClientRequestToken).toBe('decision-01JMB8C2D3');
  });

  it('sends nothing for an empty transaction and refuses more than 100 actions', async () => {
    await transact([]);
    await expect(transact(Array.from({ length: 101 }, (_, i) => item(i)))).rejects.toBeInstanceOf(RangeError);
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

describe('batchPut: failure paths', () => {
  it('sends 25 items per call and retries what DynamoDB leaves unprocessed until none is left', async () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ pk: `P#${i}`, sk: 'META' }));
    let unprocessedOnce = true;
    ddbMock.on(BatchWriteCommand).callsFake((input: { RequestItems: Record<string, unknown[]> }) => {
      const requests = input.RequestItems.t ?? [];
      if (requests.length === 25 && unprocessedOnce) {
        unprocessedOnce = false;
        return { UnprocessedItems: { t: requests.slice(20) } };
      }
      return { UnprocessedItems: {} };
    });
    await batchPut(items, 1);
    const calls = ddbMock.commandCalls(BatchWriteCommand).map((c) => c.args[0].input.RequestItems?.t?.length);
    expect(calls).toEqual([25, 5, 5]);
    const written = ddbMock
      .commandCalls(BatchWriteCommand)
      .flatMap((c) => (c.args[0].input.RequestItems?.t ?? []).map((r) => String(r.PutRequest?.Item?.pk)));
    expect(new Set(written).size).toBe(30);
  });

  it('propagates an error of the service (the caller decides), without swallowing it', async () => {
    ddbMock.on(BatchWriteCommand).rejects(new Error('ProvisionedThroughputExceededException'));
    await expect(batchPut([{ pk: 'P#1', sk: 'META' }])).rejects.toThrow('ProvisionedThroughputExceededException');
  });
});
