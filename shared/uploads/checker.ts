/**
 * The upload check (design: S3 object created → check it is what it claims). The object's key must be
 * the one the document record is waiting for; its real type, size and readability are measured; the
 * document becomes received, or rejected with a reason the portal shows, and a rejected or unexpected
 * object is deleted. The person's document states and flags change in the same transaction.
 * S3 may deliver an event more than once: a second delivery finds the record already settled.
 */
import { EDITABLE_STATUSES } from '#domain/lifecycle';
import { type ApplicationRecord, applicationLetterUpdate, findApplication } from '#data/applications';
import { auditPut, diff, systemActor } from '#data/audit';
import { type StoredDocument, documentPut, findDocument } from '#data/documents';
import { getElection } from '#data/elections';
import { flagsOf } from '#data/flags';
import { invitationOf } from '#data/invitations';
import { findPerson, personReplacePut } from '#data/persons';
import { ConditionFailedError, type TransactItem, transact } from '#data/transact';
import { logger } from '#runtime/logger';
import { countMetric } from '#runtime/metrics';
import type { Person } from '#schemas/person';
import { type Inspection, inspectUpload } from './inspect';
import { type ObjectKeyParts, parseObjectKey } from './object-keys';
import { maxBytesOf } from './policy';
import { type ObjectHead, deleteObject, headObject, readObject } from './storage';
import { documentEntityId } from './request';

/** Where the objects are: the documents bucket, or an in-memory stand-in in tests of the data side. */
export interface ObjectStore {
  head(key: string): Promise<ObjectHead | null>;
  read(key: string, maxBytes: number): Promise<Buffer>;
  remove(key: string): Promise<void>;
}

export const documentsBucket: ObjectStore = {
  head: (key) => headObject(key),
  read: (key, maxBytes) => readObject(key, maxBytes),
  remove: (key) => deleteObject(key),
};

export type CheckOutcome = 'received' | 'rejected' | 'unexpected' | 'already-checked' | 'gone';

const actor = systemActor('upload-checker');
const MAX_ATTEMPTS = 4;

function matches(doc: StoredDocument | undefined, parts: ObjectKeyParts, key: string): boolean {
  return (
    !!doc &&
    doc.pendingKey === key &&
    doc.electionId === parts.electionId &&
    doc.organizationId === parts.organizationId &&
    doc.applicationId === parts.applicationId
  );
}

/** Whether the owner still takes documents: a draft application, a person the organization may edit. */
function stillAccepting(app: ApplicationRecord | undefined, person: Person | undefined, parts: ObjectKeyParts) {
  if (app?.status !== 'draft') return false;
  if (parts.personId === null) return true;
  return !!person && person.applicationId === app.id && EDITABLE_STATUSES.includes(person.status);
}

function settledDocument(
  doc: StoredDocument,
  key: string,
  result: Inspection,
  uploadedAt: Date | undefined,
  now: Date,
) {
  const at = now.toISOString();
  const base = {
    ...doc,
    pendingKey: null,
    pendingContentType: null,
    pendingExpiresAt: null,
    checkedAt: at,
    version: doc.version + 1,
  };
  if (result.ok) {
    return {
      ...base,
      state: 'received' as const,
      objectKey: key,
      contentType: result.contentType as StoredDocument['contentType'],
      size: result.size,
      rejectionReason: null,
      rejectionCode: null,
      lastRejectedAt: null,
      looksLike: result.looksLike ?? null,
      notice: result.notice ?? null,
      uploadedAt: (uploadedAt ?? now).toISOString(),
    };
  }
  // A rejected replacement does not undo a document already accepted: that one stays in force.
  if (doc.state === 'received') {
    return {
      ...base,
      rejectionReason: result.reason,
      rejectionCode: result.code,
      lastRejectedAt: at,
      looksLike: result.looksLike ?? null,
    };
  }
  return {
    ...base,
    state: 'rejected' as const,
    objectKey: key,
    contentType: null,
    size: null,
    rejectionReason: result.reason,
    rejectionCode: result.code,
    lastRejectedAt: at,
    looksLike: result.looksLike ?? null,
    notice: null,
    uploadedAt: (uploadedAt ?? now).toISOString(),
  };
}

async function personChange(person: Person, doc: StoredDocument, now: Date): Promise<TransactItem[]> {
  const kind = doc.kind as 'passport' | 'photo';
  const documents = { ...person.documents, [kind]: doc.state };
  const [election, invitation] = await Promise.all([
    getElection(person.electionId),
    invitationOf(person.electionId, person.organizationId),
  ]);
  const flags = await flagsOf(
    { ...person, documents },
    { election, hasInvitation: invitation?.status === 'active', now },
  );
  const after: Person = { ...person, documents, flags, version: person.version + 1, updatedAt: now.toISOString() };
  const changes = diff(person, after);
  if (Object.keys(changes).length === 0) return [];
  return [
    personReplacePut(person, after),
    auditPut({
      at: now,
      actor,
      entityType: 'person',
      entityId: person.id,
      action: `document-${doc.state}`,
      clause: '3.1',
      changes,
    }),
  ];
}

/** Checks one created object of the documents bucket; safe to run twice for the same object. */
export async function checkUploadedObject(
  key: string,
  now: Date,
  store: ObjectStore = documentsBucket,
): Promise<CheckOutcome> {
  const parts = parseObjectKey(key);
  if (!parts) {
    logger.warn('an object the system did not ask for was deleted', { key });
    await store.remove(key);
    return 'unexpected';
  }
  const ownerId = parts.personId ?? parts.applicationId;
  for (let attempt = 1; ; attempt++) {
    const found = await findDocument(parts.kind, ownerId);
    if (!found || !matches(found, parts, key)) {
      if (found?.objectKey === key && found.checkedAt) {
        if (found.state === 'rejected') await store.remove(key);
        return 'already-checked';
      }
      logger.warn('an object no upload is waiting for was deleted', { key });
      await store.remove(key);
      return 'unexpected';
    }
    const doc = found;
    const head = await store.head(key);
    if (!head) return 'gone';
    const [app, person] = await Promise.all([
      findApplication(parts.applicationId),
      parts.personId ? findPerson(parts.personId) : Promise.resolve(undefined),
    ]);
    const limit = maxBytesOf(parts.kind);
    let result: Inspection;
    if (!stillAccepting(app, person, parts)) {
      result = {
        ok: false,
        code: 'NOT_ACCEPTING',
        reason: 'the application or the representative was already submitted: documents can no longer change (3.1)',
      };
    } else if (head.size > limit) {
      // Bounded before reading: S3 enforces the policy's size range, and this holds even where it does not.
      result = { ok: false, code: 'TOO_LARGE', reason: `the file is larger than ${limit / 1024 / 1024} MB` };
    } else {
      result = storedTypeMatches(
        await inspectUpload(parts.kind, await store.read(key, limit), doc.pendingContentType),
        head.contentType,
      );
    }
    if (!result.ok) countMetric('UploadsRejected');
    const after = settledDocument(doc, key, result, head.lastModified, now);
    const items: TransactItem[] = [
      documentPut(doc, after),
      auditPut({
        at: now,
        actor,
        entityType: 'document',
        entityId: documentEntityId(ownerId, parts.kind),
        action: result.ok ? 'received' : 'rejected',
        clause: '3.1',
        detail: result.ok
          ? { key, contentType: result.contentType, size: result.size, looksLike: result.looksLike ?? null }
          : { key, code: result.code, reason: result.reason, looksLike: result.looksLike ?? null },
      }),
    ];
    if (person && stillAccepting(app, person, parts)) items.push(...(await personChange(person, after, now)));
    if (parts.personId === null && app?.status === 'draft' && app.letter !== after.state) {
      items.push(applicationLetterUpdate(app.id, after.state, now));
    }
    try {
      await transact(items);
    } catch (err) {
      // The record, the person or the application changed meanwhile: look again (bounded).
      if (err instanceof ConditionFailedError && attempt < MAX_ATTEMPTS) continue;
      throw err;
    }
    if (!result.ok) await store.remove(key);
    else if (doc.state === 'received' && doc.objectKey !== key) await store.remove(doc.objectKey);
    return result.ok ? 'received' : 'rejected';
  }
}

/**
 * The Content-Type the object was stored with must be the type its content is: a JPEG stored as
 * `text/html` would otherwise be served as a page. (S3 checks the upload policy's Content-Type; the
 * twin's s3rver does not, and this holds wherever it is not checked.)
 */
export function storedTypeMatches(result: Inspection, storedType: string | undefined): Inspection {
  if (!result.ok) return result;
  const stored = (storedType ?? '').split(';')[0]!.trim().toLowerCase();
  if (stored === result.contentType) return result;
  return {
    ok: false,
    code: 'TYPE_MISMATCH',
    reason: `the file was stored as ${stored || 'no type'} but its content is ${result.contentType}`,
  };
}
