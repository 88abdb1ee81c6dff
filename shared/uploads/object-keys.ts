/**
 * Object keys of the private documents bucket (cross-team contract):
 * `documents/<electionId>/<organizationId>/<applicationId>/<personId|letter>/<kind>/<ulid>`.
 * The server chooses every key; the upload check parses it back and trusts it only once the key is
 * also the one the document record expects.
 */
import type { DocumentKindName } from '#schemas/document';

export interface ObjectKeyParts {
  electionId: string;
  organizationId: string;
  applicationId: string;
  /** null for the application letter. */
  personId: string | null;
  kind: DocumentKindName;
  uploadId: string;
}

const ULID = '[0-9A-HJKMNP-TV-Z]{26}';
const KEY = new RegExp(`^documents/(${ULID})/(${ULID})/(${ULID})/(${ULID}|letter)/(letter|passport|photo)/(${ULID})$`);

export function objectKeyOf(p: ObjectKeyParts): string {
  return [
    'documents',
    p.electionId,
    p.organizationId,
    p.applicationId,
    p.personId ?? 'letter',
    p.kind,
    p.uploadId,
  ].join('/');
}

/** The parts of a key this system issued, or null for anything else. */
export function parseObjectKey(key: string): ObjectKeyParts | null {
  const m = KEY.exec(key);
  if (!m) return null;
  const [, electionId, organizationId, applicationId, owner, kind, uploadId] = m as unknown as string[];
  const personId = owner === 'letter' ? null : owner!;
  // The letter belongs to the application, the passport copy and photo to a person: nothing else.
  if ((kind === 'letter') !== (personId === null)) return null;
  return {
    electionId: electionId!,
    organizationId: organizationId!,
    applicationId: applicationId!,
    personId,
    kind: kind as DocumentKindName,
    uploadId: uploadId!,
  };
}
