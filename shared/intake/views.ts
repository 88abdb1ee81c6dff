/**
 * What the portal and the staff see of applications and their people. The portal sees its own people
 * with statuses, flags (labels and clauses), document states with rejection reasons, and decisions
 * with their reasons; never the reviewers' internal notes.
 */
import { FLAGS, type FlagCode } from '#domain/eligibility';
import { REFUSAL_GROUNDS, REVOCATION_REASONS, type RefusalGround, type RevocationReason } from '#domain/grounds';
import { EDITABLE_STATUSES, canApply } from '#domain/lifecycle';
import { type ApplicationRecord, applicationOut } from '#data/applications';
import { type StoredDocument, getDocuments } from '#data/documents';
import { peopleOfApplication } from '#data/persons';
import type { DocumentKindName } from '#schemas/document';
import type { Person } from '#schemas/person';
import type { DocumentView, PortalPerson } from '#schemas/portal';

export function documentView(d: StoredDocument | undefined): DocumentView | null {
  if (!d) return null;
  return {
    state: d.state,
    contentType: d.contentType ?? null,
    size: d.size ?? null,
    rejectionReason: d.rejectionReason ?? null,
    rejectionCode: d.rejectionCode ?? null,
    looksLike: d.looksLike ?? null,
    notice: d.notice ?? null,
    uploadedAt: d.uploadedAt ?? null,
    checkedAt: d.checkedAt ?? null,
  };
}

export function flagViews(flags: readonly string[]) {
  return flags
    .filter((f): f is FlagCode => f in FLAGS)
    .map((code) => ({ code, clause: FLAGS[code].clause, blocking: FLAGS[code].blocking, label: FLAGS[code].label }));
}

function decisionView(d: Person['decisions'][number]) {
  const ground = d.ground ? REFUSAL_GROUNDS[d.ground as RefusalGround] : undefined;
  const reason = d.revocationReason ? REVOCATION_REASONS[d.revocationReason as RevocationReason] : undefined;
  const source = ground ?? reason;
  return {
    outcome: d.outcome,
    resolutionNumber: d.resolutionNumber,
    adoptedOn: d.adoptedOn,
    ground: d.ground,
    revocationReason: d.revocationReason,
    clause: source?.clause ?? (d.outcome === 'accredited' ? '3.3' : null),
    label: source?.label ?? null,
    reason: d.reason,
  };
}

export function portalPersonView(p: Person, docs: Map<string, StoredDocument>): PortalPerson {
  return {
    familyNameLatin: p.familyNameLatin,
    givenNamesLatin: p.givenNamesLatin,
    familyNameCyrillic: p.familyNameCyrillic,
    givenNamesCyrillic: p.givenNamesCyrillic,
    sex: p.sex,
    dateOfBirth: p.dateOfBirth,
    citizenship: p.citizenship,
    passportNumber: p.passportNumber,
    passportExpiresOn: p.passportExpiresOn,
    role: p.role,
    email: p.email,
    phone: p.phone,
    preferredLanguage: p.preferredLanguage,
    id: p.id,
    applicationId: p.applicationId,
    applicationNumber: p.applicationNumber ?? null,
    status: p.status,
    flags: flagViews(p.flags),
    documents: {
      passport: documentView(docs.get(`${p.id}#passport`)),
      photo: documentView(docs.get(`${p.id}#photo`)),
    },
    decisions: p.decisions.map(decisionView),
    certificateNumber: p.certificateNumber,
    submittedAt: p.submittedAt,
    editable: EDITABLE_STATUSES.includes(p.status),
    canWithdraw: canApply(p.status, 'withdraw'),
    canRequestRevocation: p.status === 'accredited',
    version: p.version,
  };
}

/** The documents of an application and its people in one batch read. */
export async function documentsOf(app: ApplicationRecord, people: readonly Person[]) {
  const wanted: { kind: DocumentKindName; ownerId: string }[] = [{ kind: 'letter', ownerId: app.id }];
  for (const p of people) wanted.push({ kind: 'passport', ownerId: p.id }, { kind: 'photo', ownerId: p.id });
  return getDocuments(wanted);
}

/** Name order, as the list reads on paper. */
function byName(a: Person, b: Person): number {
  return `${a.familyNameLatin} ${a.givenNamesLatin}`.localeCompare(`${b.familyNameLatin} ${b.givenNamesLatin}`);
}

export async function portalApplicationView(app: ApplicationRecord) {
  const people = await peopleOfApplication(app.electionId, app.organizationId, app.id);
  return portalApplicationViewOf(app, people, await documentsOf(app, people));
}

/** The portal's view from what the caller has already read. */
export function portalApplicationViewOf(
  app: ApplicationRecord,
  people: readonly Person[],
  docs: Map<string, StoredDocument>,
) {
  const { organizationCountry: _c, ...rest } = applicationOut(app);
  return {
    ...rest,
    letterDocument: documentView(docs.get(`${app.id}#letter`)),
    people: [...people].sort(byName).map((p) => portalPersonView(p, docs)),
  };
}

/** The answer to a submit: the application and each person's status and flags, in name order. */
export function submittedView(app: ApplicationRecord, people: readonly Person[], submitted: number) {
  const { organizationCountry: _c, ...rest } = applicationOut(app);
  return {
    ...rest,
    submitted,
    people: [...people].sort(byName).map((p) => ({
      id: p.id,
      familyNameLatin: p.familyNameLatin,
      givenNamesLatin: p.givenNamesLatin,
      status: p.status,
      flags: flagViews(p.flags),
      submittedAt: p.submittedAt,
      version: p.version,
    })),
  };
}

/** The staff's view of an application: its people as lines, and the document states. */
export async function staffApplicationView(app: ApplicationRecord) {
  const people = (await peopleOfApplication(app.electionId, app.organizationId, app.id)).sort(byName);
  const docs = await documentsOf(app, people);
  const documents: Record<
    string,
    { state: string; rejectionReason: string | null; rejectionCode: string | null; uploadedAt: string | null }
  > = {};
  for (const [k, d] of docs) {
    documents[k] = {
      state: d.state,
      rejectionReason: d.rejectionReason ?? null,
      rejectionCode: d.rejectionCode ?? null,
      uploadedAt: d.uploadedAt ?? null,
    };
  }
  return {
    ...applicationOut(app),
    people: people.map((p) => ({
      id: p.id,
      familyNameLatin: p.familyNameLatin,
      givenNamesLatin: p.givenNamesLatin,
      citizenship: p.citizenship,
      role: p.role,
      status: p.status,
      flags: p.flags,
      documents: Object.fromEntries(Object.entries(p.documents).filter(([, v]) => v !== undefined)) as Record<
        string,
        string
      >,
      version: p.version,
    })),
    documents,
  };
}
