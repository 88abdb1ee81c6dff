/** Which stream records the consumer acts on, and which SES errors are worth a retry. */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { wantedItem } from './outbox-worker';
import { isPermanentSesError } from './send';

const image = (o: Record<string, unknown>) => marshall(o) as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'];
const record = (
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  next?: Record<string, unknown>,
  old?: Record<string, unknown>,
) =>
  ({
    eventName,
    dynamodb: { NewImage: next ? image(next) : undefined, OldImage: old ? image(old) : undefined, SequenceNumber: '1' },
  }) as DynamoDBRecord;

const item = { entity: 'outbox', id: '01OUT', status: 'pending', attempts: 0 };

describe('stream records the consumer acts on', () => {
  it('takes a new pending outbox item', () => {
    expect(wantedItem(record('INSERT', item))).toEqual({ id: '01OUT' });
  });

  it('takes an item staff put back (retries changed), not its own status changes', () => {
    expect(wantedItem(record('MODIFY', { ...item, retries: 1 }, { ...item, status: 'failed' }))).toEqual({
      id: '01OUT',
    });
    expect(
      wantedItem(record('MODIFY', { ...item, attempts: 1 }, { ...item, status: 'sending', attempts: 1 })),
    ).toBeNull();
    expect(wantedItem(record('MODIFY', { ...item, status: 'sent' }, { ...item, status: 'sending' }))).toBeNull();
  });

  it('ignores other entities and removals', () => {
    expect(wantedItem(record('INSERT', { ...item, entity: 'person' }))).toBeNull();
    expect(wantedItem(record('REMOVE', undefined, item))).toBeNull();
  });
});

describe('SES errors', () => {
  const err = (name: string, status?: number) =>
    Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

  it('retries network errors, throttling and server errors', () => {
    expect(isPermanentSesError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isPermanentSesError(err('TooManyRequestsException', 429))).toBe(false);
    expect(isPermanentSesError(err('InternalFailure', 500))).toBe(false);
  });

  it('does not retry a message SES refuses for itself', () => {
    expect(isPermanentSesError(err('MessageRejected', 400))).toBe(true);
    expect(isPermanentSesError(err('BadRequestException', 400))).toBe(true);
    expect(isPermanentSesError(err('MailFromDomainNotVerifiedException', 400))).toBe(true);
  });
});
