import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetConfig } from '#runtime/config';
import { auditPut, auditRecord, diff, systemActor } from './audit';
import { counterMoves } from './counters';

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
afterAll(() => resetConfig());

describe('audit records', () => {
  it('diff records only what changed, without keys, version and timestamps', () => {
    const before = {
      pk: 'PERSON#1',
      gsi1pk: 'a',
      status: 'submitted',
      version: 1,
      updatedAt: 'x',
      note: 'n',
      flags: ['A'],
    };
    const after = {
      pk: 'PERSON#1',
      gsi1pk: 'b',
      status: 'accredited',
      version: 2,
      updatedAt: 'y',
      note: 'n',
      flags: ['A', 'B'],
    };
    expect(diff(before, after)).toEqual({
      status: { from: 'submitted', to: 'accredited' },
      flags: { from: ['A'], to: ['A', 'B'] },
    });
    expect(diff(null, { status: 'draft' })).toEqual({ status: { from: null, to: 'draft' } });
  });

  it('an entry is keyed by entity and time, and indexed by actor and day, with its clause', () => {
    const at = new Date('2027-03-11T17:59:59.000Z');
    const r = auditRecord({
      at,
      actor: systemActor('close-windows'),
      entityType: 'person',
      entityId: 'P1',
      action: 'lapse',
      clause: '3.6',
    });
    expect(r).toMatchObject({
      pk: 'AUDIT#person#P1',
      gsi1pk: 'ACTOR#job:close-windows',
      gsi2pk: 'AUDITDAY#2027-03-11',
      entity: 'audit',
      at: '2027-03-11T17:59:59.000Z',
      clause: '3.6',
      changes: null,
      detail: null,
    });
    expect(String(r.sk)).toMatch(/^2027-03-11T17:59:59\.000Z#[0-9A-Z]{26}$/);
    expect(auditPut({ at, actor: systemActor('x'), entityType: 'e', entityId: 'i', action: 'a' }).Put?.TableName).toBe(
      't',
    );
  });
});

describe('counterMoves', () => {
  const scope = { electionId: 'E1', organizationId: 'O1', organizationCountry: 'DE' };
  it('moves one person on the status, organization and country counters with one ADD each', () => {
    const moves = counterMoves(scope, 'submitted', 'accredited');
    expect(moves.map((m) => m.Update?.Key)).toEqual([
      { pk: 'ELECTION#E1', sk: 'COUNT#STATUS' },
      { pk: 'ELECTION#E1', sk: 'COUNT#ORG#O1' },
      { pk: 'ELECTION#E1', sk: 'COUNT#CC#DE' },
    ]);
    expect(moves[0]?.Update).toMatchObject({
      UpdateExpression: 'ADD #from :dec, #to :inc',
      ExpressionAttributeNames: { '#from': 'submitted', '#to': 'accredited' },
      ExpressionAttributeValues: { ':dec': -1, ':inc': 1 },
    });
  });

  it('adds only for a new person and subtracts only for a removed one', () => {
    expect(counterMoves(scope, null, 'draft', 3)[0]?.Update?.UpdateExpression).toBe('ADD #to :inc');
    expect(counterMoves(scope, 'draft', null)[0]?.Update?.ExpressionAttributeValues).toEqual({ ':dec': -1 });
    expect(counterMoves(scope, 'draft', 'draft')).toEqual([]);
  });
});
