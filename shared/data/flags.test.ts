import { DynamoDBDocumentClient, ExecuteStatementCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resetConfig } from '#runtime/config';
import { logger } from '#runtime/logger';
import type { Person } from '#schemas/person';
import { flagsFromNominations, nominationsOfPassports, wasRevokedGross } from './flags';
import { personItem } from './persons';

const ENV = {
  TABLE_NAME: 'unit-table',
  DOCUMENTS_BUCKET: 'unit-documents',
  CERTIFICATES_BUCKET: 'unit-certificates',
  PORTAL_SESSION_SECRET: 'unit-portal-secret-0123456789abcdef',
  CERTIFICATE_SECRET: 'unit-certificate-secret-0123456789',
};
const saved: Record<string, string | undefined> = {};
const ddbMock = mockClient(DynamoDBDocumentClient);

beforeAll(() => {
  for (const [k, v] of Object.entries(ENV)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  resetConfig();
  logger.setLogLevel('SILENT');
});
afterEach(() => ddbMock.reset());
afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetConfig();
  ddbMock.restore();
});

let n = 0;
function person(over: Partial<Person>): Person {
  n++;
  return {
    familyNameLatin: 'Ito',
    givenNamesLatin: 'Ken',
    familyNameCyrillic: 'Ито',
    givenNamesCyrillic: 'Кен',
    sex: 'M',
    dateOfBirth: '1970-01-01',
    citizenship: 'JP',
    passportNumber: 'TK1234567',
    passportExpiresOn: '2035-01-01',
    role: 'observer',
    email: 'ken@example.jp',
    phone: '+81 3 1234 5678',
    preferredLanguage: 'en',
    id: `01JB00000000000000000000${String(n).padStart(2, '0')}`,
    electionId: '01JB0000000000000000000E01',
    organizationId: '01JB0000000000000000000001',
    applicationId: '01JB0000000000000000000A01',
    organizationCountry: 'JP',
    channel: 'direct',
    status: 'draft',
    flags: [],
    documents: { passport: 'received', photo: 'received' },
    reviewerNote: '',
    checked: false,
    submittedAt: null,
    decisions: [],
    certificateNumber: null,
    createdAt: '2027-02-01T00:00:00.000Z',
    updatedAt: '2027-02-01T00:00:00.000Z',
    version: 1,
    ...over,
  };
}

const ctx = {
  election: { calledOn: '2027-01-10', votingDay: '2027-03-14' },
  hasInvitation: true,
  now: new Date('2027-02-24T06:00:00Z'),
};
const revocation = {
  resolutionId: '01JB0000000000000000000R01',
  resolutionNumber: '7/1',
  adoptedOn: '2024-10-01',
  outcome: 'revoked' as const,
  ground: null,
  revocationReason: 'VIOLATION',
  gross: true,
  reason: 'Campaigned at a polling station',
};

describe('flags from nominations (3.9, 4.7)', () => {
  it('counts live nominations of the passport in the same election only', () => {
    const me = person({});
    const flags = (others: Person[]) => flagsFromNominations(me, [me, ...others], ctx);
    expect(flags([person({ status: 'submitted' })])).toContain('DUPLICATE_NOMINATION');
    expect(flags([person({ status: 'withdrawn' }), person({ status: 'refused' })])).not.toContain(
      'DUPLICATE_NOMINATION',
    );
    expect(flags([person({ electionId: '01JB0000000000000000000E02', status: 'accredited' })])).not.toContain(
      'DUPLICATE_NOMINATION',
    );
  });

  it('flags an earlier revocation only when it was for a violation marked gross', () => {
    expect(wasRevokedGross(person({ status: 'revoked', decisions: [revocation] }))).toBe(true);
    expect(wasRevokedGross(person({ status: 'revoked', decisions: [{ ...revocation, gross: false }] }))).toBe(false);
    expect(
      wasRevokedGross(
        person({
          status: 'revoked',
          decisions: [{ ...revocation, revocationReason: 'OBSERVER_REQUEST', gross: false }],
        }),
      ),
    ).toBe(false);
    const me = person({});
    const earlier = person({ electionId: '01JB0000000000000000000E00', status: 'revoked', decisions: [revocation] });
    expect(flagsFromNominations(me, [earlier], ctx)).toEqual(['PREVIOUSLY_REVOKED_GROSS']);
  });
});

describe('nominationsOfPassports', () => {
  it('asks with IN on the passport index, at most 50 passports a statement, never a scan', async () => {
    const people = Array.from({ length: 60 }, (_, i) => person({ passportNumber: `P${i}` }));
    ddbMock.on(ExecuteStatementCommand).callsFake(async (input: { Parameters: string[] }) => ({
      Items: people.filter((p) => input.Parameters.includes(`PASSPORT#JP#${p.passportNumber}`)).map(personItem),
    }));
    const found = await nominationsOfPassports(people);
    const calls = ddbMock.commandCalls(ExecuteStatementCommand);
    expect(calls.map((c) => c.args[0].input.Parameters?.length)).toEqual([50, 10]);
    expect(calls[0]!.args[0].input.Statement).toMatch(/^SELECT .+ FROM "unit-table"\."gsi4" WHERE gsi4pk IN \[\?/);
    expect(found.get('PASSPORT#JP#P59')?.map((p) => p.id)).toEqual([people[59]!.id]);
  });

  it('falls back to one Query per passport when the role may not use PartiQL', async () => {
    const p = person({ passportNumber: 'Q1' });
    ddbMock.on(ExecuteStatementCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    ddbMock.on(QueryCommand).resolves({ Items: [personItem(p)] });
    const found = await nominationsOfPassports([p]);
    expect(ddbMock.commandCalls(QueryCommand)).toHaveLength(1);
    expect(found.get('PASSPORT#JP#Q1')?.[0]?.id).toBe(p.id);
  });
});
