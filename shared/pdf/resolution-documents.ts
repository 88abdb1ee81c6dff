/**
 * The adopted resolution's document (3.3): loaded from the resolution, its items and the people they
 * decided; rendered (./resolution-document.ts); stored in the certificates bucket beside the
 * certificates it grants; and recorded with its SHA-256.
 *
 * When: the resolution item's stream record that turns its status to `adopted` reaches the
 * resolution-documents consumer (functions/events/resolution-documents.ts), so the act exists as soon
 * as the adoption has finished, without the adoption having to wait for a PDF. A staff request for
 * the document before it is stored is told to try again in a minute (./resolution-document-link.ts).
 *
 * The record: one item beside the resolution (`DOC#ACT`) written with the condition that none exists,
 * in one transaction with the audit entry `resolution-document-stored` on the resolution (the entity
 * the adoption's own audit entries are on), whose detail names the adoption (its attempt and finish
 * time) and carries the SHA-256. The entry is written when the document is stored, not by the
 * adoption, because the adoption's transactions finish before the document exists; being on the same
 * resolution, it stands in the resolution's history right after the adoption it belongs to.
 *
 * Rendering is deterministic (fixed dates and font names), so a second render after a lost race
 * writes the very same bytes under the same key, and the recorded hash stays true.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { auditPut, systemActor } from '#data/audit';
import { getElection } from '#data/elections';
import { keys } from '#data/keys';
import { getOrganizations } from '#data/organizations';
import { getPeople } from '#data/persons';
import { getResolution } from '#data/resolutions/drafts';
import { allItems } from '#data/resolutions/items';
import { ConditionFailedError, transact } from '#data/transact';
import type { Actor } from '#schemas/audit';
import type { Person } from '#schemas/person';
import type { Resolution } from '#schemas/resolution';
import { s3 } from '#runtime/clients';
import { config } from '#runtime/config';
import { type AnnexPerson, type ResolutionDocumentData, renderResolutionDocument } from './resolution-document';
import { type StoredDocument, findResolutionDocument, notAdopted } from './resolution-document-link';

export const RESOLUTION_DOCUMENT_ENTITY = 'resolution-document';

export function resolutionDocumentKey(electionId: string, resolutionId: string): string {
  return `resolutions/${electionId}/${resolutionId}.pdf`;
}

const personName = (p: Person) => ({
  nameLatin: `${p.familyNameLatin} ${p.givenNamesLatin}`,
  nameCyrillic: [p.familyNameCyrillic, p.givenNamesCyrillic].filter(Boolean).join(' '),
});

/**
 * What the act says, read from what was applied: each person's decision of this resolution (so an
 * Art. 10 refusal the system imposed is written as the refusal it is). Accredited people are listed
 * in certificate-number order, the print order of their certificates.
 */
export async function resolutionDocumentData(r: Resolution): Promise<ResolutionDocumentData> {
  const [election, items] = await Promise.all([getElection(r.electionId), allItems(r.id)]);
  const people = await getPeople(items.map((i) => i.personId));
  const orgs = new Map(
    (await getOrganizations([...new Set(people.map((p) => p.organizationId))])).map((o) => [o.id, o]),
  );
  const accredited: AnnexPerson[] = [];
  const refused: AnnexPerson[] = [];
  const revoked: AnnexPerson[] = [];
  for (const p of people) {
    const applied = [...(p.decisions ?? [])].reverse().find((d) => d.resolutionId === r.id);
    if (!applied) continue;
    const org = orgs.get(p.organizationId);
    const base: AnnexPerson = {
      ...personName(p),
      organization: org ? (org.name.ru ?? org.name.original) : '',
      country: p.organizationCountry,
    };
    if (applied.outcome === 'accredited') accredited.push({ ...base, certificateNumber: p.certificateNumber });
    else if (applied.outcome === 'refused') refused.push({ ...base, ground: applied.ground, reason: applied.reason });
    else
      revoked.push({
        ...base,
        revocationReason: applied.revocationReason,
        gross: applied.gross,
        reason: applied.reason,
      });
  }
  accredited.sort((a, b) => (a.certificateNumber ?? '').localeCompare(b.certificateNumber ?? ''));
  const byName = (a: AnnexPerson, b: AnnexPerson) => a.nameLatin.localeCompare(b.nameLatin);
  refused.sort(byName);
  revoked.sort(byName);
  return {
    number: r.number,
    adoptedOn: r.adoptedOn,
    kind: r.kind,
    title: r.title,
    election: { name: election.name },
    accredited,
    refused,
    revoked,
  };
}

/** Renders and stores the act of an adopted resolution once; returns the stored record. */
export async function storeResolutionDocument(
  resolutionId: string,
  now: Date,
  actor: Actor = systemActor('resolution-documents'),
): Promise<StoredDocument> {
  const existing = await findResolutionDocument(resolutionId);
  if (existing) return existing;
  const r = await getResolution(resolutionId);
  if (r.status !== 'adopted') throw notAdopted(r);
  const pdf = await renderResolutionDocument(await resolutionDocumentData(r), {
    at: new Date(r.adoption?.finishedAt ?? `${r.adoptedOn}T00:00:00Z`),
  });
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const objectKey = resolutionDocumentKey(r.electionId, r.id);
  await s3().send(
    new PutObjectCommand({
      Bucket: config().certificatesBucket,
      Key: objectKey,
      Body: pdf,
      ContentType: 'application/pdf',
      Metadata: { 'resolution-id': r.id, 'election-id': r.electionId, sha256 },
    }),
  );
  const doc: StoredDocument = {
    resolutionId: r.id,
    electionId: r.electionId,
    objectKey,
    sha256,
    bytes: pdf.length,
    storedAt: now.toISOString(),
  };
  try {
    await transact([
      {
        Put: {
          TableName: config().tableName,
          Item: { ...keys.resolutionDocument(r.id), entity: RESOLUTION_DOCUMENT_ENTITY, schemaVersion: 1, ...doc },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      auditPut({
        at: now,
        actor,
        entityType: 'resolution',
        entityId: r.id,
        action: 'resolution-document-stored',
        clause: r.kind === 'revocation' ? '4.7' : '3.3',
        detail: {
          number: r.number,
          adoptedOn: r.adoptedOn,
          adoption: { attempt: r.adoption?.attempt ?? null, finishedAt: r.adoption?.finishedAt ?? null },
          objectKey,
          sha256,
          bytes: pdf.length,
        },
      }),
    ]);
  } catch (err) {
    // Stored by a concurrent run meanwhile: the same bytes (deterministic render), one record.
    if (err instanceof ConditionFailedError) return (await findResolutionDocument(r.id)) ?? doc;
    throw err;
  }
  return doc;
}
