/**
 * Transactions and batches. A transaction is all-or-nothing (design principle 5): a decision, its
 * audit record, its counters and its outgoing mail are one TransactWriteItems call. A cancelled
 * transaction whose reason is a failed condition becomes a typed domain error; one cancelled only by
 * a conflicting transaction is retried with jitter.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, type TransactWriteCommandInput, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** DynamoDB's limit of actions in one transaction. */
export const MAX_TRANSACTION_ITEMS = 100;

export class ConditionFailedError extends Error {
  override name = 'ConditionFailedError';
  constructor(
    /** Indexes (into the transaction's items) of the actions whose condition failed. */
    readonly failedIndexes: number[],
    readonly reasons: string[],
  ) {
    super(`transaction condition failed at item(s) ${failedIndexes.join(', ')}`);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function transact(
  items: TransactItem[],
  opts: { clientRequestToken?: string; maxAttempts?: number } = {},
): Promise<void> {
  if (items.length === 0) return;
  if (items.length > MAX_TRANSACTION_ITEMS) {
    throw new RangeError(`a transaction holds at most ${MAX_TRANSACTION_ITEMS} actions, got ${items.length}`);
  }
  const maxAttempts = opts.maxAttempts ?? 8;
  for (let attempt = 1; ; attempt++) {
    try {
      await ddb.send(new TransactWriteCommand({ TransactItems: items, ClientRequestToken: opts.clientRequestToken }));
      return;
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      const reasons = (err.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
      const failed = reasons.flatMap((code, i) => (code === 'ConditionalCheckFailed' ? [i] : []));
      if (failed.length > 0) throw new ConditionFailedError(failed, reasons);
      const retryable = reasons.every((c) => c === 'None' || c === 'TransactionConflict' || c === 'ThrottlingError');
      if (!retryable || attempt >= maxAttempts) throw err;
      await sleep(Math.min(1000, 20 * 2 ** attempt) * (0.5 + Math.random()));
    }
  }
}

/** Puts many items with BatchWriteItem (25 per call), retrying what DynamoDB leaves unprocessed. */
export async function batchPut(items: Record<string, unknown>[], concurrency = 4): Promise<void> {
  const tableName = config().tableName;
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  let next = 0;
  async function worker() {
    while (next < chunks.length) {
      const chunk = chunks[next++];
      if (!chunk) break;
      let requests = chunk.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        const out = await ddb.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
        requests = (out.UnprocessedItems?.[tableName] ?? []) as typeof requests;
        if (requests.length > 0) await sleep(Math.min(1000, 25 * 2 ** attempt));
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
}
