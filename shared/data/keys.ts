/**
 * Key builders: the one place that knows how each entity is laid out in the single table.
 * `access-patterns.md` explains each pattern; repositories call these and never spell a key.
 */
import { passportKey } from '#domain/eligibility';
import type { PersonStatus } from '#domain/lifecycle';

export interface Key {
  pk: string;
  sk: string;
}

export const META = 'META';

/** Name order key: family then given names, upper-cased, so a prefix search is a `begins_with`. */
export function nameKey(familyNameLatin: string, givenNamesLatin: string): string {
  return `${familyNameLatin} ${givenNamesLatin}`
    .normalize('NFKD')
    .replace(/[^A-Za-z ]/g, '')
    .toUpperCase()
    .trim();
}

export const keys = {
  election: (electionId: string): Key => ({ pk: `ELECTION#${electionId}`, sk: META }),
  /** Status counters of an election: one item, one number attribute per status (kept in transactions). */
  statusCounter: (electionId: string): Key => ({ pk: `ELECTION#${electionId}`, sk: 'COUNT#STATUS' }),
  orgCounter: (electionId: string, organizationId: string): Key => ({
    pk: `ELECTION#${electionId}`,
    sk: `COUNT#ORG#${organizationId}`,
  }),
  countryCounter: (electionId: string, country: string): Key => ({
    pk: `ELECTION#${electionId}`,
    sk: `COUNT#CC#${country}`,
  }),
  /** Per-election sequences (certificate numbers, resolution numbers). */
  sequence: (electionId: string, name: string): Key => ({ pk: `ELECTION#${electionId}`, sk: `SEQ#${name}` }),
  /** Guards one invitation per organization per election. */
  invitationGuard: (electionId: string, organizationId: string): Key => ({
    pk: `ELECTION#${electionId}`,
    sk: `INVITED#${organizationId}`,
  }),
  /** Guards unique resolution numbers per election. */
  resolutionNumberGuard: (electionId: string, number: string): Key => ({
    pk: `ELECTION#${electionId}`,
    sk: `RESNUM#${number}`,
  }),

  organization: (organizationId: string): Key => ({ pk: `ORG#${organizationId}`, sk: META }),
  invitation: (invitationId: string): Key => ({ pk: `INVITATION#${invitationId}`, sk: META }),
  proposal: (proposalId: string): Key => ({ pk: `PROPOSAL#${proposalId}`, sk: META }),
  application: (applicationId: string): Key => ({ pk: `APP#${applicationId}`, sk: META }),
  applicationDocument: (applicationId: string, kind: string): Key => ({
    pk: `APP#${applicationId}`,
    sk: `DOC#${kind}`,
  }),
  person: (personId: string): Key => ({ pk: `PERSON#${personId}`, sk: META }),
  personDocument: (personId: string, kind: string): Key => ({ pk: `PERSON#${personId}`, sk: `DOC#${kind}` }),
  resolution: (resolutionId: string): Key => ({ pk: `RESOLUTION#${resolutionId}`, sk: META }),
  resolutionItem: (resolutionId: string, personId: string): Key => ({
    pk: `RESOLUTION#${resolutionId}`,
    sk: `ITEM#${personId}`,
  }),
  /** The rendered act of an adopted resolution (3.3): where it is stored and its SHA-256. */
  resolutionDocument: (resolutionId: string): Key => ({ pk: `RESOLUTION#${resolutionId}`, sk: 'DOC#ACT' }),
  /** An extract of the register of accredited observers handed out by the CEC. */
  registerExtract: (electionId: string, extractId: string): Key => ({
    pk: `ELECTION#${electionId}`,
    sk: `EXTRACT#${extractId}`,
  }),
  certificate: (electionId: string, number: string): Key => ({ pk: `CERT#${electionId}#${number}`, sk: META }),
  audit: (entityType: string, entityId: string, at: string, auditId: string): Key => ({
    pk: `AUDIT#${entityType}#${entityId}`,
    sk: `${at}#${auditId}`,
  }),
  outbox: (outboxId: string): Key => ({ pk: `OUTBOX#${outboxId}`, sk: META }),
  jobCheckpoint: (job: string, scope: string): Key => ({ pk: `JOB#${job}`, sk: scope }),
  /** Once-only markers of a job within one scope (a reminder sent for an application and day). */
  jobMarker: (job: string, scope: string, marker: string): Key => ({ pk: `JOB#${job}#${scope}`, sk: `MARK#${marker}` }),
  rateLimit: (scope: string, window: string): Key => ({ pk: `RATE#${scope}`, sk: window }),
  /** 4.7 b: an organization's written request to revoke one of its observers, kept beside the person. */
  revocationRequest: (personId: string, requestId: string): Key => ({
    pk: `PERSON#${personId}`,
    sk: `REVREQ#${requestId}`,
  }),
};

/** Index attributes per entity. Each returns the gsiNpk/gsiNsk pairs that item carries. */
export const indexKeys = {
  election: (e: { id: string; votingDay: string }) => ({
    gsi1pk: 'ELECTIONS',
    gsi1sk: `${e.votingDay}#${e.id}`,
  }),
  organization: (o: { id: string; name: { original: string } }) => ({
    gsi1pk: 'ORGS',
    gsi1sk: `${o.name.original.toUpperCase()}#${o.id}`,
  }),
  invitation: (i: { id: string; electionId: string; organizationId: string; invitedOn: string }) => ({
    gsi1pk: `ORG#${i.organizationId}#INVITATIONS`,
    gsi1sk: `${i.electionId}`,
    gsi2pk: `EL#${i.electionId}#INVITATIONS`,
    gsi2sk: `${i.invitedOn}#${i.id}`,
  }),
  proposal: (p: { id: string; electionId: string; createdAt: string }) => ({
    gsi1pk: `EL#${p.electionId}#PROPOSALS`,
    gsi1sk: `${p.createdAt}#${p.id}`,
  }),
  application: (a: {
    id: string;
    electionId: string;
    organizationId: string;
    createdAt: string;
    channel: string;
    mfaStatus: string;
    submittedAt: string | null;
  }) => ({
    gsi1pk: `EL#${a.electionId}#APPS`,
    gsi1sk: `${a.createdAt}#${a.id}`,
    gsi2pk: `EL#${a.electionId}#ORG#${a.organizationId}#APPS`,
    gsi2sk: `${a.createdAt}#${a.id}`,
    // The MFA queue (3.2): only applications sent through the MFA are in it.
    ...(a.channel === 'mfa' && a.submittedAt
      ? { gsi3pk: `MFAQ#${a.mfaStatus}`, gsi3sk: `${a.submittedAt}#${a.id}` }
      : {}),
  }),
  person: (p: {
    id: string;
    electionId: string;
    organizationId: string;
    organizationCountry: string;
    status: PersonStatus;
    familyNameLatin: string;
    givenNamesLatin: string;
    citizenship: string;
    passportNumber: string;
  }) => {
    const name = `${nameKey(p.familyNameLatin, p.givenNamesLatin)}#${p.id}`;
    return {
      gsi1pk: `EL#${p.electionId}#ST#${p.status}`,
      gsi1sk: name,
      gsi2pk: `EL#${p.electionId}#ORG#${p.organizationId}`,
      gsi2sk: name,
      gsi3pk: `EL#${p.electionId}#CC#${p.organizationCountry}`,
      gsi3sk: name,
      gsi4pk: `PASSPORT#${passportKey(p.citizenship, p.passportNumber)}`,
      gsi4sk: `EL#${p.electionId}#${p.id}`,
      gsi5pk: `EL#${p.electionId}#PERSONS`,
      gsi5sk: name,
    };
  },
  resolution: (r: { id: string; electionId: string; createdAt: string }) => ({
    gsi1pk: `EL#${r.electionId}#RESOLUTIONS`,
    gsi1sk: `${r.createdAt}#${r.id}`,
  }),
  /** A person's places in resolutions (drafts included), so the detail view shows where they stand. */
  resolutionItem: (i: { resolutionId: string; personId: string; createdAt: string }) => ({
    gsi1pk: `PERSON#${i.personId}#RESOLUTIONS`,
    gsi1sk: `${i.createdAt}#${i.resolutionId}`,
  }),
  audit: (a: { id: string; at: string; actor: { id: string } }) => ({
    gsi1pk: `ACTOR#${a.actor.id}`,
    gsi1sk: `${a.at}#${a.id}`,
    gsi2pk: `AUDITDAY#${a.at.slice(0, 10)}`,
    gsi2sk: `${a.at}#${a.id}`,
  }),
  revocationRequest: (r: { id: string; electionId: string; createdAt: string }) => ({
    gsi1pk: `EL#${r.electionId}#REVREQS`,
    gsi1sk: `${r.createdAt}#${r.id}`,
  }),
  outbox: (o: { id: string; status: string; createdAt: string }) => ({
    gsi1pk: `OUTBOX#${o.status}`,
    gsi1sk: `${o.createdAt}#${o.id}`,
  }),
};

/** Partition values of the index queries, so callers never spell them either. */
export const indexPartitions = {
  elections: () => 'ELECTIONS',
  organizations: () => 'ORGS',
  peopleByStatus: (electionId: string, status: PersonStatus) => `EL#${electionId}#ST#${status}`,
  peopleByOrganization: (electionId: string, organizationId: string) => `EL#${electionId}#ORG#${organizationId}`,
  peopleByCountry: (electionId: string, country: string) => `EL#${electionId}#CC#${country}`,
  peopleByPassport: (citizenship: string, passportNumber: string) =>
    `PASSPORT#${passportKey(citizenship, passportNumber)}`,
  peopleOfElection: (electionId: string) => `EL#${electionId}#PERSONS`,
  invitationsOfOrganization: (organizationId: string) => `ORG#${organizationId}#INVITATIONS`,
  invitationsOfElection: (electionId: string) => `EL#${electionId}#INVITATIONS`,
  proposalsOfElection: (electionId: string) => `EL#${electionId}#PROPOSALS`,
  applicationsOfElection: (electionId: string) => `EL#${electionId}#APPS`,
  applicationsOfOrganization: (electionId: string, organizationId: string) =>
    `EL#${electionId}#ORG#${organizationId}#APPS`,
  mfaQueue: (mfaStatus: string) => `MFAQ#${mfaStatus}`,
  resolutionsOfElection: (electionId: string) => `EL#${electionId}#RESOLUTIONS`,
  resolutionsOfPerson: (personId: string) => `PERSON#${personId}#RESOLUTIONS`,
  auditByActor: (actorId: string) => `ACTOR#${actorId}`,
  auditByDay: (day: string) => `AUDITDAY#${day}`,
  outboxByStatus: (status: string) => `OUTBOX#${status}`,
  revocationRequestsOfElection: (electionId: string) => `EL#${electionId}#REVREQS`,
};
