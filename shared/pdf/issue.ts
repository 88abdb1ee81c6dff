/**
 * Issuing a certificate from its outbox item (kind 'certificate', written by the accreditation, 3.3):
 * load the person, election, organization and photo; render the PDF (3.4); store it in the
 * certificates bucket under a key fixed by election and number; and return the actions that record the
 * key on the certificate item and queue the 'decision-accredited' email with the PDF attached. The
 * caller commits those actions together with marking the outbox item sent, so the email is queued
 * exactly once (which is why the key is set here rather than through `setCertificateObjectKey`, a
 * transaction of its own). A redelivery after the PDF was stored but before that commit renders the same key again.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { bishkekDate } from '#domain/time';
import { auditPut, systemActor } from '#data/audit';
import { keys } from '#data/keys';
import { type OutboxItem, outboxPut } from '#data/outbox';
import type { TransactItem } from '#data/transact';
import { s3 } from '#runtime/clients';
import { config } from '#runtime/config';
import { getCertificate } from '#data/certificates';
import { PermanentMailError, loadElection, loadOrganization, loadPerson, photoObjectKey, str } from '#mail/context';
import { renderCertificate } from './certificate';
import { verificationUrl } from './verification';

/** `certificates/<electionId>/<number>.pdf` (the contract with the portal download and the email). */
export function certificateObjectKey(electionId: string, number: string): string {
  return `certificates/${electionId}/${number}.pdf`;
}

async function readPhoto(key: string | null): Promise<Uint8Array | null> {
  if (!key) return null;
  try {
    const out = await s3().send(new GetObjectCommand({ Bucket: config().documentsBucket, Key: key }));
    return out.Body ? await out.Body.transformToByteArray() : null;
  } catch (err) {
    // A purged or missing photo leaves a blank frame rather than no certificate at all.
    if ((err as Error).name === 'NoSuchKey' || (err as Error).name === 'NotFound') return null;
    throw err;
  }
}

export interface IssuedCertificate {
  objectKey: string;
  bytes: number;
  actions: TransactItem[];
}

export async function issueCertificate(item: OutboxItem, now: Date): Promise<IssuedCertificate> {
  const p = item.payload ?? {};
  const electionId = str(p, 'electionId');
  const number = str(p, 'certificateNumber');
  const person = await loadPerson(str(p, 'personId'));
  const certificate = await getCertificate(electionId, number);
  // Read without strong consistency: missing may mean "not visible yet", so it is retried, not parked.
  if (!certificate) throw new Error(`certificate ${number} of election ${electionId} was not found (yet)`);
  if (certificate.personId !== person.id) {
    throw new PermanentMailError(`certificate ${number} belongs to another representative`);
  }
  const [org, { election }, photoKey] = await Promise.all([
    loadOrganization(person.organizationId),
    loadElection(electionId),
    photoObjectKey(person.id),
  ]);
  const photo = await readPhoto(photoKey);
  const issuedAt = certificate.issuedAt ? new Date(certificate.issuedAt) : now;
  const pdf = await renderCertificate({
    number,
    election: { id: election.id, name: election.name },
    person,
    organization: { name: org.name, country: org.country },
    issuedOn: bishkekDate(issuedAt),
    verifyUrl: verificationUrl(election.id, number),
    photo,
  });
  const objectKey = certificateObjectKey(election.id, number);
  await s3().send(
    new PutObjectCommand({
      Bucket: config().certificatesBucket,
      Key: objectKey,
      Body: pdf,
      ContentType: 'application/pdf',
      ContentDisposition: `attachment; filename="certificate-${number}.pdf"`,
      Metadata: { 'election-id': election.id, 'certificate-number': number, 'person-id': person.id },
    }),
  );

  const latest = [...(person.decisions ?? [])].reverse().find((d) => d.outcome === 'accredited');
  const actions: TransactItem[] = [
    {
      Update: {
        TableName: config().tableName,
        Key: keys.certificate(election.id, number),
        UpdateExpression: 'SET objectKey = :key, renderedAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND personId = :person',
        ExpressionAttributeValues: { ':key': objectKey, ':now': now.toISOString(), ':person': person.id },
      },
    },
    auditPut({
      at: now,
      actor: systemActor('outbox-consumer'),
      entityType: 'certificate',
      entityId: `${election.id}#${number}`,
      action: 'render',
      clause: '3.4',
      changes: { objectKey: { from: certificate.objectKey ?? null, to: objectKey } },
      detail: { personId: person.id, bytes: pdf.length, photo: photo !== null },
    }),
    outboxPut(
      {
        kind: 'email',
        template: 'decision-accredited',
        to: [...new Set([org.contactEmail, person.email].filter(Boolean))],
        electionId: election.id,
        entityId: person.id,
        payload: {
          lang: org.preferredLanguage,
          electionId: election.id,
          personId: person.id,
          organizationId: org.id,
          certificateNumber: number,
          certificateKey: objectKey,
          ...(typeof p.resolutionNumber === 'string' ? { resolutionNumber: p.resolutionNumber } : {}),
          ...(typeof p.adoptedOn === 'string' ? { adoptedOn: p.adoptedOn } : {}),
          ...(latest && typeof p.resolutionNumber !== 'string'
            ? { resolutionNumber: latest.resolutionNumber, adoptedOn: latest.adoptedOn }
            : {}),
        },
      },
      now,
    ),
  ];
  return { objectKey, bytes: pdf.length, actions };
}
