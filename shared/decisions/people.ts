/**
 * One representative as the CEC reviewer sees them, and the reviewer's working marks. Passport copies
 * and photos are personal data (design principle 7): reached only through presigned GET links valid
 * 5 minutes, and every view is written to the audit log before the links are made.
 */
import { auditPut } from '#data/audit';
import { auditPage } from '#data/audit-log';
import { getDocuments } from '#data/documents';
import { getPerson, updatePerson } from '#data/persons';
import { getResolutions } from '#data/resolutions/drafts';
import { itemsOfPerson, itemView } from '#data/resolutions/items';
import { transact } from '#data/transact';
import { gridRowOf, organizationLabel, organizationsById } from '#data/triage';
import { ConcurrencyError } from '#domain/errors';
import type { Actor } from '#schemas/audit';
import { VIEW_URL_TTL_SECONDS } from '#schemas/document';
import type { GridRow, ReviewPatch } from '#schemas/triage';
import { identityDocumentLink } from '#uploads/download-links';

const PERSON_DOCUMENT_KINDS = ['passport', 'photo'] as const;
/** States whose object may be shown: the file in force, or the rejected one the reviewer must judge. */
const VIEWABLE = new Set(['received', 'rejected']);

export async function personDetail(personId: string, actor: Actor, now: Date) {
  const person = await getPerson(personId);
  const [docs, orgs, placements] = await Promise.all([
    getDocuments(PERSON_DOCUMENT_KINDS.map((kind) => ({ kind, ownerId: personId }))),
    organizationsById([person.organizationId]),
    itemsOfPerson(personId),
  ]);
  const documents = PERSON_DOCUMENT_KINDS.flatMap((kind) => {
    const d = docs.get(`${personId}#${kind}`);
    return d ? [d] : [];
  });
  const viewable = documents.filter((d) => VIEWABLE.has(d.state) && !!d.objectKey);
  if (viewable.length > 0) {
    // The view is recorded first: no link leaves without its audit entry (design principle 7).
    await transact([
      auditPut({
        at: now,
        actor,
        entityType: 'person',
        entityId: personId,
        action: 'view-documents',
        clause: '3.1',
        detail: { documents: viewable.map((d) => d.kind), expiresInSeconds: VIEW_URL_TTL_SECONDS },
      }),
    ]);
  }
  const expiresAt = new Date(now.getTime() + VIEW_URL_TTL_SECONDS * 1000).toISOString();
  const views = await Promise.all(
    documents.map(async (d) => {
      // Served as the type the upload check measured, inline; a file without one only as bytes.
      const url = VIEWABLE.has(d.state) && d.objectKey ? await identityDocumentLink(d) : null;
      return {
        ownerId: d.ownerId,
        kind: d.kind,
        state: d.state,
        objectKey: d.objectKey,
        contentType: d.contentType,
        size: d.size,
        rejectionReason: d.rejectionReason,
        // The reason's code, so the panel says it in the reviewer's language (REJECTION_CODES).
        rejectionCode: d.rejectionCode ?? null,
        looksLike: d.looksLike ?? null,
        notice: d.notice ?? null,
        uploadedAt: d.uploadedAt,
        checkedAt: d.checkedAt,
        url,
        urlExpiresAt: url ? expiresAt : null,
      };
    }),
  );
  const resolutions = await getResolutions(placements.map((p) => p.resolutionId));
  const history = await auditPage({ by: 'entity', entityType: 'person', entityId: personId }, { limit: 50 });
  const org = orgs.get(person.organizationId);
  return {
    person,
    organization: { id: person.organizationId, name: organizationLabel(org), country: org?.country ?? null },
    documents: views,
    resolutions: placements.map((p) => {
      const view = itemView(p, person);
      return {
        resolutionId: p.resolutionId,
        number: resolutions.get(p.resolutionId)?.number ?? null,
        status: resolutions.get(p.resolutionId)?.status ?? null,
        decision: p.decision,
        state: view.state,
        outcome: view.outcome,
      };
    }),
    history: history.items.map((h) => ({
      id: h.id,
      at: h.at,
      actor: h.actor,
      action: h.action,
      clause: h.clause,
      changes: h.changes,
      detail: h.detail,
    })),
    historyCursor: history.nextCursor,
  };
}

/** The reviewer's note and "checked" tick; the version read guards against overwriting a colleague (409). */
export async function reviewPerson(personId: string, patch: ReviewPatch, actor: Actor, now: Date): Promise<GridRow> {
  const before = await getPerson(personId);
  if (before.version !== patch.version) throw new ConcurrencyError();
  const changes: { reviewerNote?: string; checked?: boolean } = {};
  if (patch.reviewerNote !== undefined) changes.reviewerNote = patch.reviewerNote;
  if (patch.checked !== undefined) changes.checked = patch.checked;
  const after = await updatePerson(before, changes, actor, now, { action: 'review', clause: null });
  return gridRowOf(after, await organizationsById([after.organizationId]));
}
