/**
 * Asking for an upload (3.1): the portal gets a presigned POST for one document of its own draft
 * application, and the document record remembers the one key that upload may create. The record keeps
 * whatever document is already in force until the new file has been checked.
 */
import { ulid } from 'ulid';
import { ConcurrencyError, RuleViolationError, ValidationError } from '#domain/errors';
import { EDITABLE_STATUSES } from '#domain/lifecycle';
import { auditPut } from '#data/audit';
import { type StoredDocument, documentPut, findDocument } from '#data/documents';
import { ConditionFailedError, transact } from '#data/transact';
import type { Actor } from '#schemas/audit';
import type { DocumentKindName } from '#schemas/document';
import { assertWindowOpen } from '#intake/applications';
import { type PortalContext, ownApplication, ownPerson } from '#intake/scope';
import { objectKeyOf } from './object-keys';
import { type PresignedUpload, type UploadContentType, allowedTypesOf, presignUpload } from './policy';

export interface UploadRequest {
  kind: DocumentKindName;
  personId?: string;
  contentType: UploadContentType;
}

/** The audit entity of a document: its owner and kind. */
export function documentEntityId(ownerId: string, kind: DocumentKindName): string {
  return `${ownerId}:${kind}`;
}

export async function requestUpload(
  ctx: PortalContext,
  applicationId: string,
  input: UploadRequest,
  actor: Actor,
  now: Date,
): Promise<PresignedUpload> {
  const app = await ownApplication(ctx, applicationId);
  if (input.kind === 'letter' && input.personId) {
    throw new ValidationError([{ field: 'personId', rule: 'must be absent for the application letter' }]);
  }
  if (input.kind !== 'letter' && !input.personId) {
    throw new ValidationError([{ field: 'personId', rule: `is required for a ${input.kind}` }]);
  }
  if (!allowedTypesOf(input.kind).includes(input.contentType)) {
    throw new ValidationError([
      { field: 'contentType', rule: `a ${input.kind} must be one of ${allowedTypesOf(input.kind).join(', ')}` },
    ]);
  }
  const person = input.personId ? await ownPerson(ctx, input.personId, app.id) : null;
  if (app.status !== 'draft') {
    throw new RuleViolationError(
      `application ${app.id} is ${app.status}: its documents can no longer change (3.1)`,
      'APPLICATION_NOT_DRAFT',
      '3.1',
    );
  }
  if (person && !EDITABLE_STATUSES.includes(person.status)) {
    throw new RuleViolationError(
      `representative ${person.id} is ${person.status}: their documents can no longer change (3.1)`,
      'NOT_EDITABLE',
      '3.1',
    );
  }
  assertWindowOpen(ctx.election, now);

  const ownerId = person?.id ?? app.id;
  const key = objectKeyOf({
    electionId: app.electionId,
    organizationId: app.organizationId,
    applicationId: app.id,
    personId: person?.id ?? null,
    kind: input.kind,
    uploadId: ulid(now.getTime()),
  });
  const upload = await presignUpload(input.kind, input.contentType, key);
  const before = await findDocument(input.kind, ownerId);
  const pending = { pendingKey: key, pendingContentType: input.contentType, pendingExpiresAt: upload.expiresAt };
  const after: StoredDocument = before
    ? { ...before, ...pending, version: before.version + 1 }
    : {
        ownerId,
        kind: input.kind,
        state: 'pending',
        objectKey: key,
        contentType: null,
        size: null,
        rejectionReason: null,
        uploadedAt: null,
        checkedAt: null,
        electionId: app.electionId,
        organizationId: app.organizationId,
        applicationId: app.id,
        personId: person?.id ?? null,
        lastRejectedAt: null,
        ...pending,
        version: 1,
      };
  try {
    await transact([
      documentPut(before, after),
      auditPut({
        at: now,
        actor,
        entityType: 'document',
        entityId: documentEntityId(ownerId, input.kind),
        action: 'upload-requested',
        clause: '3.1',
        detail: { key, contentType: input.contentType, maxBytes: upload.maxBytes, expiresAt: upload.expiresAt },
      }),
    ]);
  } catch (err) {
    if (err instanceof ConditionFailedError) throw new ConcurrencyError();
    throw err;
  }
  return upload;
}
