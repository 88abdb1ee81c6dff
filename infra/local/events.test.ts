/**
 * The events the twin builds have the shapes of the samples in events/ (which follow AWS's documents),
 * so code tested on a sample meets the same shape on the twin.
 */
import { describe, expect, it } from 'vitest';
import { streamEvent } from '../../events/dynamodb/load';
import { s3Event } from '../../events/s3/load';
import { schedulerEvent as sampleSchedulerEvent } from '../../events/scheduler/load';
import { buildHttpEvent, flattenClaims, readAnswer } from './apigw-event';
import { encodeEventKey, eventMatches, s3EventRecord } from './s3';
import { schedulerEvent } from './scheduler';
import { failedIdentifiers, lambdaRecord, passesFilter } from './streams';

/** The set of key paths of a JSON value (arrays by their first element). */
function shape(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.length ? shape(value[0], `${prefix}[]`) : [`${prefix}[]`];
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [`${prefix}.${k}`, ...shape(v, `${prefix}.${k}`)]);
  }
  return [];
}

describe('S3 events', () => {
  it('have the sample’s shape, key URL-encoded with spaces as +', () => {
    const sample = s3Event('object-created');
    const built = s3EventRecord(
      { eventName: 'ObjectCreated:Post', bucket: 'cec-documents', key: 'a b/c.png', size: 3, eTag: 'abc' },
      'eu-central-1',
      new Date(),
    );
    expect(shape(built).sort()).toEqual(shape(sample.Records[0]).sort());
    expect(built.s3.object.key).toBe('a+b/c.png');
    expect(encodeEventKey('documents/x y/ü.pdf')).toBe('documents/x+y/%C3%BC.pdf');
  });

  it('reach a consumer when its event pattern matches', () => {
    expect(eventMatches(['s3:ObjectCreated:*'], 'ObjectCreated:Post')).toBe(true);
    expect(eventMatches(['s3:ObjectCreated:*'], 'ObjectRemoved:Delete')).toBe(false);
    expect(eventMatches(['s3:ObjectCreated:Put'], 'ObjectCreated:Post')).toBe(false);
  });
});

describe('DynamoDB stream records', () => {
  const sample = streamEvent('outbox-insert').Records[0]!;
  const sdkRecord = {
    eventID: 'e1',
    eventName: 'INSERT' as const,
    dynamodb: {
      ApproximateCreationDateTime: new Date('2027-02-10T06:00:00Z'),
      Keys: { pk: { S: 'OUTBOX#1' }, sk: { S: 'META' } },
      NewImage: {
        pk: { S: 'OUTBOX#1' },
        sk: { S: 'META' },
        entity: { S: 'outbox' },
        blob: { B: new Uint8Array([1, 2]) },
      },
      SequenceNumber: '42',
      SizeBytes: 10,
      StreamViewType: 'NEW_AND_OLD_IMAGES' as const,
    },
  };

  it('have Lambda’s shape: epoch seconds, binary as base64, the table’s stream ARN in the real region', () => {
    const r = lambdaRecord(
      sdkRecord,
      'eu-central-1',
      'arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/2027-02-10T05:58:12.031',
      't',
    );
    const { NewImage: _n, ...d } = r.dynamodb!;
    const { NewImage: _s, ...sd } = sample.dynamodb!;
    expect(shape({ ...r, dynamodb: d }).sort()).toEqual(shape({ ...sample, dynamodb: sd }).sort());
    expect(r.dynamodb?.ApproximateCreationDateTime).toBe(1802239200);
    expect(r.dynamodb?.NewImage?.blob).toEqual({ B: 'AQI=' });
    expect(r.eventSourceARN).toBe('arn:aws:dynamodb:eu-central-1:000000000000:table/t/stream/2027-02-10T05:58:12.031');
  });

  it('pass a consumer’s filter by event name and the new image’s entity', () => {
    const consumer = { entity: 'outbox', eventNames: ['INSERT'] as const };
    expect(passesFilter(consumer, sample)).toBe(true);
    expect(passesFilter(consumer, { ...sample, eventName: 'MODIFY' })).toBe(false);
    expect(passesFilter({ ...consumer, entity: 'person' }, sample)).toBe(false);
  });

  it('read partial batch answers: none or an empty list is success', () => {
    expect(failedIdentifiers(undefined)).toBeNull();
    expect(failedIdentifiers({ batchItemFailures: [] })).toBeNull();
    expect(failedIdentifiers({ batchItemFailures: [{ itemIdentifier: '42' }] })).toEqual(['42']);
    expect(failedIdentifiers({ batchItemFailures: [{}] })).toEqual(['']);
  });
});

describe('scheduler input', () => {
  it('is the sample’s { job, scheduledAt }, without milliseconds', () => {
    const at = new Date('2027-03-10T18:01:00.000Z');
    expect(schedulerEvent({ name: 'close-windows' }, at)).toEqual(sampleSchedulerEvent('close-windows'));
  });
});

describe('HTTP events and answers', () => {
  it('joins repeated headers with commas and flattens claims as the JWT authorizer does', () => {
    const e = buildHttpEvent({
      method: 'GET',
      url: '/x?a=1',
      rawHeaders: ['Host', 'localhost:4000', 'X-A', '1', 'X-A', '2'],
      body: Buffer.alloc(0),
      sourceIp: '127.0.0.1',
      routeKey: 'GET /x',
      pathParameters: {},
      claims: { sub: 's', 'cognito:groups': ['cec-admin', 'cec-reviewer'], exp: 5, email_verified: true },
    });
    expect(e.headers['x-a']).toBe('1,2');
    expect(e.headers['x-forwarded-port']).toBe('4000');
    expect(e.requestContext.authorizer?.jwt.claims).toEqual({
      sub: 's',
      'cognito:groups': '[cec-admin cec-reviewer]',
      exp: '5',
      email_verified: 'true',
    });
    expect(e.requestContext.authorizer?.jwt.scopes).toBeNull();
    expect(flattenClaims({ o: { a: 1 } })).toEqual({ o: '{"a":1}' });
  });

  it('reads a structured answer, and anything else as a 200 JSON body', () => {
    expect(readAnswer({ statusCode: 201, headers: { 'X-A': 1, 'X-B': undefined }, body: 'ok' })).toMatchObject({
      status: 201,
      headers: { 'x-a': '1' },
    });
    expect(readAnswer('hello').body.toString()).toBe('hello');
    expect(readAnswer({ a: 1 }).body.toString()).toBe('{"a":1}');
  });
});
