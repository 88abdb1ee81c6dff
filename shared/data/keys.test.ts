import { describe, expect, it } from 'vitest';
import { indexKeys, indexPartitions, keys, nameKey } from './keys';
import { INDEX_NAMES, createTableInput } from './table';

const person = {
  id: '01JMB8C2D3E4F5G6H7J8K9M0N1',
  electionId: '01JMB6Z3K8Q4W7E2R5T9Y1V3H6',
  organizationId: '01JMB5V0A1B2C3D4E5F6G7H8J9',
  organizationCountry: 'DE',
  status: 'submitted' as const,
  familyNameLatin: "O'Neill-Müller",
  givenNamesLatin: 'Anna Maria',
  citizenship: 'de',
  passportNumber: 'c01 x00-t47',
};

describe('keys: the one place that lays out the single table', () => {
  it.each([
    { label: 'ASCII names are upper-cased, family first', family: 'Schmidt', given: 'Anna', key: 'SCHMIDT ANNA' },
    { label: 'diacritics are folded so a prefix search finds them', family: 'Müller', given: 'Zoë', key: 'MULLER ZOE' },
    { label: 'apostrophes and hyphens are dropped', family: "O'Neill-Smith", given: 'Jo', key: 'ONEILLSMITH JO' },
  ])('nameKey: $label', ({ family, given, key }) => {
    expect(nameKey(family, given)).toBe(key);
  });

  it('a person is in five indexes: by status, organization, country, passport and name', () => {
    const ix = indexKeys.person(person);
    const name = `ONEILLMULLER ANNA MARIA#${person.id}`;
    expect(ix).toEqual({
      gsi1pk: `EL#${person.electionId}#ST#submitted`,
      gsi1sk: name,
      gsi2pk: `EL#${person.electionId}#ORG#${person.organizationId}`,
      gsi2sk: name,
      gsi3pk: `EL#${person.electionId}#CC#DE`,
      gsi3sk: name,
      gsi4pk: 'PASSPORT#DE#C01X00T47',
      gsi4sk: `EL#${person.electionId}#${person.id}`,
      gsi5pk: `EL#${person.electionId}#PERSONS`,
      gsi5sk: name,
    });
  });

  it('query partitions agree with the index keys items carry', () => {
    const ix = indexKeys.person(person);
    expect(indexPartitions.peopleByStatus(person.electionId, 'submitted')).toBe(ix.gsi1pk);
    expect(indexPartitions.peopleByOrganization(person.electionId, person.organizationId)).toBe(ix.gsi2pk);
    expect(indexPartitions.peopleByCountry(person.electionId, 'DE')).toBe(ix.gsi3pk);
    expect(indexPartitions.peopleByPassport('DE', 'C01X00T47')).toBe(ix.gsi4pk);
    expect(indexPartitions.peopleOfElection(person.electionId)).toBe(ix.gsi5pk);
  });

  it('3.2: only submitted applications sent through the MFA are in the MFA queue', () => {
    const app = {
      id: 'A1',
      electionId: 'E1',
      organizationId: 'O1',
      createdAt: '2027-02-24T06:00:00.000Z',
      mfaStatus: 'pending',
    };
    expect(indexKeys.application({ ...app, channel: 'mfa', submittedAt: '2027-02-25T06:00:00.000Z' })).toMatchObject({
      gsi3pk: indexPartitions.mfaQueue('pending'),
      gsi3sk: '2027-02-25T06:00:00.000Z#A1',
    });
    expect(indexKeys.application({ ...app, channel: 'mfa', submittedAt: null })).not.toHaveProperty('gsi3pk');
    expect(
      indexKeys.application({ ...app, channel: 'direct', submittedAt: '2027-02-25T06:00:00.000Z' }),
    ).not.toHaveProperty('gsi3pk');
  });

  it('the counters, sequences and guards of an election share its partition', () => {
    const pk = keys.election('E1').pk;
    for (const k of [
      keys.statusCounter('E1'),
      keys.orgCounter('E1', 'O1'),
      keys.countryCounter('E1', 'DE'),
      keys.sequence('E1', 'CERT'),
      keys.invitationGuard('E1', 'O1'),
      keys.resolutionNumberGuard('E1', '12/3'),
    ]) {
      expect(k.pk).toBe(pk);
    }
    expect(keys.orgCounter('E1', 'O1').sk.startsWith('COUNT#ORG#')).toBe(true);
    expect(keys.countryCounter('E1', 'DE').sk.startsWith('COUNT#CC#')).toBe(true);
  });

  it('audit entries are indexed by actor (gsi1) and by day (gsi2)', () => {
    const a = { id: '01J', at: '2027-02-24T17:59:59.000Z', actor: { id: 'sub-1' } };
    expect(indexKeys.audit(a)).toEqual({
      gsi1pk: indexPartitions.auditByActor('sub-1'),
      gsi1sk: '2027-02-24T17:59:59.000Z#01J',
      gsi2pk: indexPartitions.auditByDay('2027-02-24'),
      gsi2sk: '2027-02-24T17:59:59.000Z#01J',
    });
  });

  it('the table definition has the five indexes the keys use, all string keys, projecting everything', () => {
    const input = createTableInput('t');
    expect(input.GlobalSecondaryIndexes.map((g) => g.IndexName)).toEqual(INDEX_NAMES);
    expect(INDEX_NAMES).toEqual(['gsi1', 'gsi2', 'gsi3', 'gsi4', 'gsi5']);
    expect(input.AttributeDefinitions.every((a) => a.AttributeType === 'S')).toBe(true);
    expect(input.GlobalSecondaryIndexes.every((g) => g.Projection.ProjectionType === 'ALL')).toBe(true);
    expect(input.StreamSpecification.StreamViewType).toBe('NEW_AND_OLD_IMAGES');
  });
});
