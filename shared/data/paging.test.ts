import { describe, expect, it } from 'vitest';
import { ValidationError } from '#domain/errors';
import { decodeCursor, encodeCursor } from './paging';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');
const baseKey = { pk: 'AUDIT#person#P1', sk: '2027-02-24T06:00:00.000Z#01J' };
const gsiKey = { pk: 'PERSON#P1', sk: 'META', gsi5pk: 'EL#E1#PERSONS', gsi5sk: 'SCHMIDT ANNA#P1' };

describe('cursors (a cursor is a 400 when it is not one this list returned)', () => {
  it('round-trips a key', () => {
    expect(decodeCursor(encodeCursor(gsiKey) ?? undefined, 'gsi5', { partition: 'EL#E1#PERSONS' })).toEqual(gsiKey);
    expect(decodeCursor(encodeCursor(baseKey) ?? undefined, undefined, { partition: baseKey.pk })).toEqual(baseKey);
  });

  it('no cursor is the first page', () => {
    expect(decodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor('')).toBeUndefined();
  });

  it.each([
    { label: 'garbage', cursor: '%%%', index: undefined },
    { label: 'JSON null', cursor: b64(null), index: undefined },
    { label: 'an array', cursor: b64([baseKey]), index: undefined },
    { label: 'a missing sort key', cursor: b64({ pk: baseKey.pk }), index: undefined },
    { label: 'a non-string key', cursor: b64({ ...baseKey, sk: 5 }), index: undefined },
    { label: 'index keys on a base-table list', cursor: b64(gsiKey), index: undefined },
    { label: 'a base-table key on an index list', cursor: b64(baseKey), index: 'gsi5' as const },
    { label: "another index's keys", cursor: b64({ ...baseKey, gsi1pk: 'x', gsi1sk: 'y' }), index: 'gsi5' as const },
  ])('refuses $label', ({ cursor, index }) => {
    expect(() => decodeCursor(cursor, index)).toThrow(ValidationError);
  });

  it("refuses a cursor of another partition or outside the list's prefix", () => {
    const cursor = b64(gsiKey);
    expect(() => decodeCursor(cursor, 'gsi5', { partition: 'EL#E2#PERSONS' })).toThrow(ValidationError);
    expect(() => decodeCursor(cursor, 'gsi5', { partition: 'EL#E1#PERSONS', prefix: 'SM' })).toThrow(ValidationError);
    expect(decodeCursor(cursor, 'gsi5', { partition: 'EL#E1#PERSONS', prefix: 'SCH' })).toEqual(gsiKey);
  });

  it('the error names the field', () => {
    try {
      decodeCursor('%%%');
      expect.unreachable();
    } catch (err) {
      expect((err as ValidationError).issues).toEqual([
        { field: 'cursor', rule: 'must be a cursor returned by this list' },
      ]);
    }
  });
});
