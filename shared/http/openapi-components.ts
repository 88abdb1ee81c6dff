/**
 * The names the OpenAPI document gives to the zod schemas of `shared/schemas` (its
 * `components.schemas`), with a description each and, for enums, every value's meaning and clause.
 * The schemas stay where they are; this file only names them, in a registry of its own that
 * `openapi.ts` hands to `z.toJSONSchema`, so every use of a named schema becomes a `$ref`.
 * A route's body or response that is not named here gets a name from its operation (see openapi.ts).
 */
import { z } from 'zod';
import { FLAGS } from '#domain/eligibility';
import { REFUSAL_GROUNDS, REVIEWER_REFUSAL_GROUNDS, REVOCATION_REASONS } from '#domain/grounds';
import { EVENT_CLAUSE, PERSON_STATUSES, type PersonStatus } from '#domain/lifecycle';
import { application, mfaStatus } from '#schemas/application';
import { actor, namedAuditEntry } from '#schemas/audit';
import { countryCode, id, instant, isoDate, lang, localizedName } from '#schemas/common';
import { documentKind, uploadContentType } from '#schemas/document';
import {
  electionCalendar,
  electionInput,
  electionKind,
  electionPatch,
  electionView,
  publicElection,
  repeatVoting,
} from '#schemas/election';
import {
  applicationDetail,
  applicationPersonLine,
  declineProposalInput,
  invitationView,
  inviteFromProposalInput,
  issuedInvitation,
  issueInvitationInput,
  revocationRequest,
} from '#schemas/intake';
import { invitingAuthority, proposal, proposalInput } from '#schemas/invitation';
import { mfaDecision } from '#schemas/mfa';
import {
  organization,
  organizationInput,
  organizationName,
  organizationPatch,
  organizationType,
} from '#schemas/organization';
import {
  channel,
  decision,
  documentState,
  flagCode,
  person,
  personStatus,
  refusalGround,
  representativeInput,
  revocationReason,
  role,
} from '#schemas/person';
import {
  applicationCreateInput,
  applicationPatchInput,
  documentView as portalDocument,
  portalApplication,
  portalPerson,
  portalSessionView,
  portalUploadInput,
  presignedUpload,
  representativeUpdateInput,
  revocationRequestInput,
  sessionInput,
  sessionIssued,
  submittedApplication,
} from '#schemas/portal';
import {
  certificateDownload,
  outboxPage,
  outboxStatus,
  outboxTrouble,
  outboxView,
  publicObserver,
  publicObserverPage,
  publishedStatus,
  retryFailedResult,
  verificationResult,
} from '#schemas/publication';
import {
  accreditItemInput,
  adoptionOutcome,
  adoptionProgress,
  adoptionResult,
  decisionCounts,
  itemDecision,
  itemOutcome,
  itemsResult,
  itemWarning,
  refuseItemInput,
  resolution,
  resolutionDetail,
  resolutionInput,
  resolutionItem,
  resolutionItemInput,
  resolutionItemsInput,
  resolutionKind,
  resolutionPatch,
  resolutionStatus,
  reviewerGround,
  revokeItemInput,
} from '#schemas/resolution';
import { documentView as staffDocument, gridPage, gridRow, personDetail, reviewPatch } from '#schemas/triage';
import { electionStatisticsRoute } from './routes/admin-decisions';
import { mfaQueue } from './routes/mfa';
import { listPortalApplications } from './routes/portal';

export interface ComponentMeta {
  id: string;
  description: string;
  /** One meaning per enum value, in the order of the enum (openapi-typescript reads this). */
  'x-enum-descriptions'?: string[];
  /** The same meanings by value (Redoc reads this). */
  'x-enumDescriptions'?: Record<string, string>;
  [key: string]: unknown;
}

type Meanings = Record<string, string>;

function enumMeta(id: string, description: string, values: readonly string[], meanings: Meanings): ComponentMeta {
  const missing = values.filter((v) => !meanings[v]);
  if (missing.length) throw new Error(`${id}: no meaning written for ${missing.join(', ')}`);
  const ordered = Object.fromEntries(values.map((v) => [v, meanings[v] as string]));
  return {
    id,
    description,
    'x-enum-descriptions': values.map((v) => meanings[v] as string),
    'x-enumDescriptions': ordered,
  };
}

const withClause = (rows: Record<string, { clause: string; label: { en: string } }>): Meanings =>
  Object.fromEntries(Object.entries(rows).map(([code, r]) => [code, `${r.label.en} (${r.clause})`]));

const STATUS_MEANINGS: Record<PersonStatus, string> = {
  draft: `Listed by the organization, not yet submitted (${EVENT_CLAUSE.submit})`,
  submitted: `Submitted to the CEC; through the MFA channel it waits for the MFA's check (${EVENT_CLAUSE.submit}, 3.2)`,
  returned: `Returned by the MFA to the organization to fix, then submitted again (${EVENT_CLAUSE.mfaReturn})`,
  mfa_checked: `Checked and forwarded to the CEC by the MFA (${EVENT_CLAUSE.mfaForward})`,
  accredited: `Accredited by a CEC resolution; holds a certificate (${EVENT_CLAUSE.accredit}, 3.4)`,
  refused: `Refused by a CEC resolution on a ground of 3.9 or Art. 10 (${EVENT_CLAUSE.refuse})`,
  lapsed: `Not decided before the window closed (${EVENT_CLAUSE.lapse})`,
  withdrawn: `Withdrawn by the organization before a decision (${EVENT_CLAUSE.withdraw})`,
  revoked: `Accreditation revoked by a CEC resolution (${EVENT_CLAUSE.revoke})`,
  expired: `The mandate ended with the official publication of the results (${EVENT_CLAUSE.expire})`,
};

const flagMeanings: Meanings = Object.fromEntries(
  Object.entries(FLAGS).map(([code, f]) => [
    code,
    `${f.label.en} (${f.clause})${f.blocking ? '; refused at adoption whatever was selected' : ''}`,
  ]),
);

function named(schema: z.ZodType | undefined, meta: ComponentMeta): [z.ZodType, ComponentMeta][] {
  return schema ? [[schema, meta]] : [];
}

/** The named schemas, in the order they appear under `components.schemas`. */
export const NAMED_SCHEMAS: ReadonlyArray<readonly [z.ZodType, ComponentMeta]> = [
  // Building blocks
  [id, { id: 'Ulid', description: 'An identifier issued by this system: a ULID (26 characters, sortable by time)' }],
  [isoDate, { id: 'CalendarDate', description: 'A calendar day in Asia/Bishkek, written YYYY-MM-DD' }],
  [instant, { id: 'Instant', description: 'An instant, ISO 8601 with offset (the API answers in UTC, `Z`)' }],
  [countryCode, { id: 'CountryCode', description: 'ISO 3166-1 alpha-2 country code, in capitals' }],
  [
    lang,
    enumMeta('Language', 'A language the CEC writes in', lang.options, {
      ky: 'Kyrgyz',
      ru: 'Russian',
      en: 'English',
    }),
  ],
  [localizedName, { id: 'LocalizedName', description: 'A name in Kyrgyz, Russian and English' }],
  [actor, { id: 'Actor', description: 'Who did something: a staff member, an organization, a job or the public' }],

  // Enums of the Regulation
  [
    personStatus,
    enumMeta(
      'PersonStatus',
      'Where a representative stands in the procedure (3.1 to 3.7, 4.7)',
      PERSON_STATUSES,
      STATUS_MEANINGS,
    ),
  ],
  [
    flagCode,
    enumMeta(
      'Flag',
      'What the software noticed about a representative; advice for the reviewer, not a decision (3.9). Only KG_CITIZEN is enforced (Art. 10)',
      flagCode.options,
      flagMeanings,
    ),
  ],
  [
    refusalGround,
    enumMeta(
      'RefusalGround',
      'Grounds of refusal of 3.9, and those the system applies itself (Art. 10 citizenship, 3.6 lateness)',
      refusalGround.options,
      withClause(REFUSAL_GROUNDS),
    ),
  ],
  [
    reviewerGround,
    enumMeta(
      'ReviewerGround',
      'The grounds of refusal a reviewer may choose (3.9, Art. 10); WINDOW_CLOSED is applied by the system (3.6)',
      REVIEWER_REFUSAL_GROUNDS,
      withClause(REFUSAL_GROUNDS),
    ),
  ],
  [
    revocationReason,
    enumMeta(
      'RevocationReason',
      'Reasons of revocation of 4.7; only a VIOLATION marked gross grounds a later refusal (3.9)',
      revocationReason.options,
      withClause(REVOCATION_REASONS),
    ),
  ],
  [
    channel,
    enumMeta('Channel', 'How an application reaches the CEC (3.1, 3.2)', channel.options, {
      direct: 'Sent by the organization directly to the CEC (3.1)',
      mfa: 'Sent through the Ministry of Foreign Affairs, which checks and forwards it first (3.2)',
    }),
  ],
  [
    mfaStatus,
    enumMeta('MfaStatus', "The MFA's check of an application (3.2)", mfaStatus.options, {
      not_required: 'Sent directly to the CEC: no MFA check',
      pending: "Waiting for the MFA's check",
      forwarded: 'Checked and forwarded to the CEC',
      returned: 'Returned to the organization with a note saying what to fix',
    }),
  ],
  [
    documentState,
    enumMeta('DocumentState', 'The state of an uploaded document (3.1)', documentState.options, {
      pending: 'Not uploaded yet, or uploaded and not yet checked',
      received: 'Uploaded and accepted (type, size, photo dimensions)',
      rejected: 'Uploaded and rejected; the reason says why; upload again',
      purged: 'Deleted after the retention period that follows the end of mandates',
    }),
  ],
  [
    documentKind,
    enumMeta('DocumentKind', 'The documents of an application (3.1)', documentKind.options, {
      letter: "The organization's application letter",
      passport: "A copy of the representative's passport",
      photo: "The representative's photo for the certificate (at least 300×400 pixels)",
    }),
  ],
  [
    uploadContentType,
    enumMeta('UploadContentType', 'File types accepted for uploads', uploadContentType.options, {
      'application/pdf': 'PDF (letter and passport copy)',
      'image/jpeg': 'JPEG',
      'image/png': 'PNG',
    }),
  ],
  [
    role,
    enumMeta('Role', "A representative's role in the mission", role.options, {
      head: 'Head of the mission',
      deputy_head: 'Deputy head of the mission',
      observer: 'Observer',
      expert: 'Expert',
      coordinator: 'Coordinator',
    }),
  ],
  [
    electionKind,
    enumMeta('ElectionKind', 'Kinds of elections and referendums', electionKind.options, {
      presidential: 'Election of the President',
      parliamentary: 'Election of deputies of the Jogorku Kenesh',
      local: 'Election of local councils',
      referendum: 'Referendum',
    }),
  ],
  [
    organizationType,
    enumMeta(
      'OrganizationType',
      'Who may send observers, or propose whom to invite (1.3, 2.3)',
      organizationType.options,
      {
        foreign_election_body: 'An election commission of another state',
        international_organization: 'An international organization',
        inter_parliamentary_assembly: 'An inter-parliamentary assembly',
        diplomatic_mission: 'A diplomatic mission accredited in the Kyrgyz Republic',
        non_profit_proposer: 'A non-profit that proposes whom to invite (2.3); not invited itself',
      },
    ),
  ],
  [
    invitingAuthority,
    enumMeta('InvitingAuthority', 'Who invites observers (2.2)', invitingAuthority.options, {
      president: 'The President of the Kyrgyz Republic',
      jogorku_kenesh: 'The Jogorku Kenesh',
      cabinet_of_ministers: 'The Cabinet of Ministers',
      cec: 'The Central Election Commission',
    }),
  ],
  [
    resolutionKind,
    enumMeta('ResolutionKind', 'What a resolution decides', resolutionKind.options, {
      accreditation: 'Accredits representatives and refuses others (3.3, 3.4)',
      revocation: 'Revokes accreditations (4.7)',
    }),
  ],
  [
    resolutionStatus,
    enumMeta('ResolutionStatus', 'The life of a resolution (3.3)', resolutionStatus.options, {
      draft: 'Being composed; freely editable',
      adopting: 'Being adopted: items are applied in chunks; an adopt call resumes it',
      adopted: 'Adopted: every item applied',
      discarded: 'Discarded draft; its number is free again',
    }),
  ],
  [
    itemDecision,
    enumMeta('ItemDecision', 'What a resolution item asks', itemDecision.options, {
      accredit: 'Accredit the representative (3.3)',
      refuse: 'Refuse, on a ground of 3.9 or Art. 10, with the reason (3.4)',
      revoke: 'Revoke the accreditation for a reason of 4.7',
    }),
  ],
  [
    itemOutcome,
    enumMeta('ItemOutcome', 'What adoption applied to the person', itemOutcome.options, {
      accredited: 'Accredited (3.3)',
      refused: 'Refused (3.4); Art. 10 forces this for citizens of the Kyrgyz Republic',
      revoked: 'Accreditation revoked (4.7)',
    }),
  ],
  [
    publishedStatus,
    enumMeta('PublishedStatus', 'Statuses shown on the published list (3.3)', publishedStatus.options, {
      accredited: STATUS_MEANINGS.accredited,
      revoked: STATUS_MEANINGS.revoked,
      expired: STATUS_MEANINGS.expired,
    }),
  ],
  [
    outboxStatus,
    enumMeta('OutboxStatus', 'Delivery of outgoing mail and certificates', outboxStatus.options, {
      pending: 'Waiting to be sent',
      sending: 'Being sent',
      sent: 'Sent (mail accepted by SES, certificate written)',
      failed: 'A round of attempts failed; the redrive job sends it again at nextAttemptAt (staff can too)',
      parked: 'Still failing 24 hours after its first attempt; left for staff, who can send it again',
    }),
  ],

  // Elections
  [repeatVoting, { id: 'RepeatVoting', description: 'A repeat voting and the publication of its results (3.7)' }],
  [
    electionCalendar,
    {
      id: 'ElectionCalendar',
      description:
        'The dates derived from an election: invitations (2.2), the window (3.6: last day voting day − 3, closed from 00:00 Asia/Bishkek of voting day − 2), mandate end (3.7)',
    },
  ],
  [electionView, { id: 'Election', description: 'An election with its derived calendar and phase' }],
  [publicElection, { id: 'PublicElection', description: 'An election as the public sees it: no audit fields' }],
  [
    electionInput,
    { id: 'ElectionInput', description: 'A new election; inconsistent dates are refused naming the rule' },
  ],
  [electionPatch, { id: 'ElectionPatch', description: 'Changed fields of an election, with the version read' }],

  // Organizations, invitations, proposals
  [
    organizationName,
    { id: 'OrganizationName', description: 'The name as the organization writes it, and in Russian and English' },
  ],
  [
    organization,
    { id: 'Organization', description: 'An organization that sends observers or proposes whom to invite' },
  ],
  [organizationInput, { id: 'OrganizationInput', description: 'A new organization' }],
  [
    organizationPatch,
    { id: 'OrganizationPatch', description: 'Changed fields of an organization, with the version read' },
  ],
  [invitationView, { id: 'Invitation', description: 'An invitation (2.2, 2.5); never its access code' }],
  [
    issueInvitationInput,
    { id: 'InvitationInput', description: 'A new invitation, optionally from a proposal (2.2, 2.3, 2.5)' },
  ],
  [
    inviteFromProposalInput,
    { id: 'InviteFromProposalInput', description: 'The invitation made from a proposal (2.3)' },
  ],
  [
    issuedInvitation,
    {
      id: 'IssuedInvitation',
      description: 'The invitation, and where its access code was emailed (the code only travels by email)',
    },
  ],
  [proposal, { id: 'Proposal', description: "A non-profit's proposal whom to invite (2.3); not an invitation" }],
  [proposalInput, { id: 'ProposalInput', description: 'A new proposal (2.3)' }],
  [declineProposalInput, { id: 'DeclineProposalInput', description: 'Why the proposal is declined (2.3)' }],

  // Applications and people
  [application, { id: 'Application', description: "An organization's application for one election (3.1, 3.2)" }],
  [
    applicationPersonLine,
    { id: 'ApplicationPersonLine', description: 'A representative as a line of an application, for staff' },
  ],
  [
    applicationDetail,
    { id: 'ApplicationDetail', description: 'An application with its people and documents, for staff' },
  ],
  [
    revocationRequest,
    { id: 'RevocationRequest', description: "An organization's written request to revoke an observer (4.7 b)" },
  ],
  [
    representativeInput,
    { id: 'RepresentativeInput', description: 'A representative as the organization lists them (3.1)' },
  ],
  [
    representativeUpdateInput,
    { id: 'RepresentativeUpdate', description: "A representative's details replaced, with the version read" },
  ],
  [decision, { id: 'Decision', description: 'A decision of a resolution on a person (3.3, 3.4, 4.7)' }],
  [person, { id: 'Person', description: 'A representative as CEC staff see them' }],
  [gridRow, { id: 'GridRow', description: 'A representative as a row of the triage grid' }],
  [gridPage, { id: 'GridPage', description: 'A page of the triage grid with counts per status' }],
  [
    staffDocument,
    { id: 'StaffDocument', description: 'A document with a presigned link valid 5 minutes (each view audited)' },
  ],
  [personDetail, { id: 'PersonDetail', description: 'A representative with documents, resolutions and history' }],
  [reviewPatch, { id: 'ReviewPatch', description: "The reviewer's note and checked mark, with the version read" }],
  [mfaDecision, { id: 'MfaDecision', description: "The MFA's decision: forwarded, or returned with a note (3.2)" }],
  [
    namedAuditEntry,
    { id: 'AuditEntry', description: 'An entry of the audit log, with the names of what it is about and of who acted' },
  ],

  // Resolutions
  [resolutionInput, { id: 'ResolutionInput', description: 'A new draft resolution (3.3)' }],
  [resolutionPatch, { id: 'ResolutionPatch', description: "A draft's changed fields, with the version read" }],
  [accreditItemInput, { id: 'AccreditItem', description: 'Accredit a representative (3.3)' }],
  [
    refuseItemInput,
    { id: 'RefuseItem', description: 'Refuse a representative on a ground, with the reason (3.4, 3.9)' },
  ],
  [revokeItemInput, { id: 'RevokeItem', description: 'Revoke an accreditation for a reason of 4.7' }],
  [resolutionItemInput, { id: 'ResolutionItemInput', description: 'One decision of a draft, by `decision`' }],
  [
    resolutionItemsInput,
    { id: 'ResolutionItemsInput', description: 'Items to add or replace, up to 2,000 per request' },
  ],
  [decisionCounts, { id: 'DecisionCounts', description: 'Items of a resolution per decision' }],
  [
    adoptionProgress,
    { id: 'AdoptionProgress', description: 'Progress of an adoption (all or none, applied in chunks)' },
  ],
  [adoptionOutcome, { id: 'AdoptionOutcome', description: 'What an adoption applied' }],
  [resolution, { id: 'Resolution', description: 'A numbered, dated act of the CEC (3.3, 4.7)' }],
  [
    resolutionItem,
    { id: 'ResolutionItem', description: 'What a resolution says about one person, and what was applied' },
  ],
  [resolutionDetail, { id: 'ResolutionDetail', description: 'A resolution with a page of its items' }],
  [
    itemWarning,
    { id: 'ItemWarning', description: 'What the composer is told about an item now; adoption checks again' },
  ],
  [itemsResult, { id: 'ItemsResult', description: 'The draft after adding items, with warnings' }],
  [adoptionResult, { id: 'AdoptionResult', description: 'The resolution after adoption' }],

  // Portal
  [sessionInput, { id: 'SessionInput', description: 'The access code from the invitation email' }],
  [sessionIssued, { id: 'PortalSessionToken', description: 'A portal session: a bearer token for 2 hours' }],
  [
    portalSessionView,
    { id: 'PortalSession', description: 'The organization, election and invitation of a portal session' },
  ],
  [applicationCreateInput, { id: 'ApplicationInput', description: 'A new application and its channel (3.1, 3.2)' }],
  [
    applicationPatchInput,
    { id: 'ApplicationPatch', description: 'The channel of a draft never submitted, with the version read' },
  ],
  [portalDocument, { id: 'PortalDocument', description: 'An uploaded document as the organization sees it' }],
  [portalPerson, { id: 'PortalPerson', description: 'A representative as the organization sees them' }],
  [
    portalApplication,
    { id: 'PortalApplication', description: 'An application with its letter and people, for the organization' },
  ],
  [
    submittedApplication,
    {
      id: 'SubmittedApplication',
      description: "The application after submit, with each person's new status and flags",
    },
  ],
  [portalUploadInput, { id: 'UploadRequest', description: 'What is about to be uploaded' }],
  [presignedUpload, { id: 'PresignedUpload', description: 'A presigned POST valid 10 minutes' }],
  [revocationRequestInput, { id: 'RevocationRequestInput', description: "The organization's written request (4.7 b)" }],

  // Publication
  [
    publicObserver,
    {
      id: 'PublishedObserver',
      description: 'An observer on the published list (3.3): never passport, birth date, email or phone',
    },
  ],
  [publicObserverPage, { id: 'PublishedObserverPage', description: 'A page of the published list' }],
  [verificationResult, { id: 'VerificationResult', description: 'What a certificate check found (3.4, 3.7, 4.7)' }],
  [certificateDownload, { id: 'CertificateDownload', description: 'A short-lived link to a certificate PDF' }],
  [outboxView, { id: 'OutboxItem', description: 'Outgoing mail or certificate, with its delivery' }],
  [outboxPage, { id: 'OutboxPage', description: 'A page of the outbox' }],
  [outboxTrouble, { id: 'OutboxTrouble', description: 'Mail in trouble: failed (waiting for the redrive) and parked' }],
  [retryFailedResult, { id: 'RetryFailedResult', description: 'How many failed items were sent again' }],

  // Answers defined with their routes
  ...named(electionStatisticsRoute.response, {
    id: 'ElectionStatistics',
    description: 'People per status, organization and country of an election, and its window (3.6)',
  }),
  ...named(mfaQueue.response, { id: 'MfaQueuePage', description: 'A page of the MFA queue (3.2)' }),
  ...named(listPortalApplications.response, {
    id: 'PortalApplicationPage',
    description: "A page of the organization's applications",
  }),
];

/**
 * Meanings of the enums written inline in the schemas (not named components), by their set of values.
 * `openapi.test.ts` fails for an enum in the document without meanings: add its values here.
 */
export const INLINE_ENUMS: Record<string, Meanings> = {
  [key(['draft', 'submitted', 'locked'])]: {
    draft: 'Being prepared by the organization (3.1)',
    submitted: 'Submitted to the CEC, directly or through the MFA (3.1, 3.2)',
    locked: 'Closed: the window ended or every person was decided (3.6)',
  },
  [key(['pending', 'received', 'rejected', 'purged'])]: {
    pending: 'Not uploaded yet, or uploaded and not yet checked',
    received: 'Uploaded and accepted',
    rejected: 'Uploaded and rejected; upload again',
    purged: 'Deleted after the retention period',
  },
  [key(['accredited', 'refused', 'revoked'])]: {
    accredited: 'Accredited (3.3)',
    refused: 'Refused on a ground of 3.9 or Art. 10 (3.4)',
    revoked: 'Accreditation revoked (4.7)',
  },
  [key(['not-called', 'called', 'window-closed', 'mandates-ended'])]: {
    'not-called': 'The calling is not yet published (2.2)',
    called: 'Called: invitations and the accreditation window are open (2.2, 3.6)',
    'window-closed': 'The window closed at 00:00 Asia/Bishkek of voting day − 2 (3.6)',
    'mandates-ended': 'The results are published: mandates ended (3.7)',
  },
  [key(['active', 'withdrawn'])]: {
    active: 'In force: its access code opens the portal (2.5)',
    withdrawn: 'Withdrawn: no access code',
  },
  [key(['forwarded', 'returned'])]: {
    forwarded: 'Checked and forwarded to the CEC (3.2)',
    returned: 'Returned to the organization with a note saying what to fix (3.2)',
  },
  [key(['pending', 'forwarded', 'returned'])]: {
    pending: "Waiting for the MFA's check (3.2)",
    forwarded: 'Checked and forwarded to the CEC (3.2)',
    returned: 'Returned to the organization (3.2)',
  },
  [key(['permanent', 'transient'])]: {
    permanent: 'The message itself was refused (e.g. an invalid address): sending again needs a change',
    transient: 'Retries ran out during an outage: send again when the service is back',
  },
  [key(['F', 'M'])]: { F: 'Female, as in the passport', M: 'Male, as in the passport' },
  [key(['proposed', 'invited', 'declined'])]: {
    proposed: 'Proposed, not yet decided (2.3)',
    invited: 'The proposed organization was invited (2.2, 2.3)',
    declined: 'Declined, with a note (2.3)',
  },
  [key(['valid', 'revoked', 'expired', 'unknown'])]: {
    valid: 'A genuine certificate of an accredited observer (3.4)',
    revoked: 'The accreditation was revoked (4.7)',
    expired: 'The mandate ended with the publication of the results (3.7)',
    unknown: 'No such certificate, or the signature does not match: nothing more is said',
  },
  [key(['genuine', 'unknown'])]: {
    genuine: 'Issued by the CEC, as described',
    unknown: 'Not issued by the CEC, or the signature does not match',
  },
  [key(['pending', 'applied'])]: {
    pending: 'Not yet applied to the person',
    applied: "The person carries this resolution's decision",
  },
  [key(['received'])]: { received: 'Received; the CEC decides by resolution (4.7 b)' },
  [key(['staff', 'organization', 'system', 'public'])]: {
    staff: 'A CEC or MFA staff member',
    organization: "An organization's portal session",
    system: 'A scheduled job or an event consumer',
    public: 'Anyone, without a token',
  },
  [key(['ASC', 'DESC'])]: { ASC: 'Ascending', DESC: 'Descending' },
  [key(['name', 'familyNameLatin'])]: {
    name: 'Latin family name, then given names (the indexed order)',
    familyNameLatin: 'The same as name',
  },
};

function key(values: readonly unknown[]): string {
  return values.map(String).sort().join('|');
}

/** `x-enum-descriptions` for an enum written inline, when its values are known here. */
export function inlineEnumMeta(values: readonly unknown[]): Partial<ComponentMeta> | undefined {
  const meanings = INLINE_ENUMS[key(values)];
  if (!meanings || values.some((v) => !meanings[String(v)])) return undefined;
  // The array only: inline enums repeat across schemas, and the document stays small.
  return { 'x-enum-descriptions': values.map((v) => meanings[String(v)] as string) };
}

/** A fresh registry of the named schemas (the document is built from its own, never the global one). */
export function componentRegistry() {
  const registry = z.registry<ComponentMeta>();
  for (const [schema, meta] of NAMED_SCHEMAS) registry.add(schema, meta);
  return registry;
}
