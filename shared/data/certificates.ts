/**
 * Certificates of accreditation (3.4). A certificate item records what was issued to whom; whether it
 * is valid is derived when someone checks it, from the person's status and the election calendar
 * (revoked 4.7, mandate over 3.7), so a revocation or the end of the mandate needs no rewrite of it.
 *
 * Numbers: `<year of voting day>-<kind>-<last 4 of the election id>-<sequence, 5 digits>`, e.g.
 * `2027-PR-7QXA-00042`; unique per election (the sequence is per election, the suffix tells elections
 * of one year and kind apart). A block is taken with one atomic ADD just before the adoption chunk that
 * uses it; a chunk that then fails leaves its block unused, so the sequence may have gaps.
 */
import { BatchGetCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type ElectionDates, isMandateOver } from '#domain/calendar';
import type { RevocationReason } from '#domain/grounds';
import type { PersonStatus } from '#domain/lifecycle';
import type { Actor } from '#schemas/audit';
import type { ElectionKind } from '#schemas/election';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';
import { auditPut, systemActor } from './audit';
import { keys } from './keys';
import { ConditionFailedError, type TransactItem, transact } from './transact';
import { NotFoundError } from '#domain/errors';

export const CERTIFICATE_ENTITY = 'certificate';
export const CERTIFICATE_SEQUENCE = 'CERT';

export interface Certificate {
  electionId: string;
  number: string;
  personId: string;
  organizationId: string;
  /** The resolution that accredited the person (3.3). */
  resolutionId: string;
  issuedAt: string;
  /** S3 key of the rendered PDF in the certificates bucket; null until PUBLICATION has rendered it. */
  objectKey: string | null;
  /** Set by a revocation (4.7), for the record; validity itself is derived from the person's status. */
  revokedAt: string | null;
  revocationReason: RevocationReason | null;
  revocationResolutionId: string | null;
}

/** Two letters per kind of election, shared by certificate and application numbers. */
export const KIND_CODE: Record<ElectionKind, string> = {
  presidential: 'PR',
  parliamentary: 'JK',
  local: 'LC',
  referendum: 'RF',
};

export function formatCertificateNumber(e: { id: string; kind: ElectionKind; votingDay: string }, seq: number): string {
  return `${e.votingDay.slice(0, 4)}-${KIND_CODE[e.kind]}-${e.id.slice(-4)}-${String(seq).padStart(5, '0')}`;
}

/** Takes `n` numbers of the election's sequence with one atomic ADD and formats them. */
export async function allocateCertificateNumbers(
  e: { id: string; kind: ElectionKind; votingDay: string },
  n: number,
): Promise<string[]> {
  if (n <= 0) return [];
  const out = await ddb.send(
    new UpdateCommand({
      TableName: config().tableName,
      Key: keys.sequence(e.id, CERTIFICATE_SEQUENCE),
      UpdateExpression: 'ADD #v :n SET entity = :entity',
      ExpressionAttributeNames: { '#v': 'value' },
      ExpressionAttributeValues: { ':n': n, ':entity': 'sequence' },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const last = Number(out.Attributes?.value);
  return Array.from({ length: n }, (_, i) => formatCertificateNumber(e, last - n + 1 + i));
}

export function certificateItem(c: Certificate): Record<string, unknown> {
  return { ...keys.certificate(c.electionId, c.number), entity: CERTIFICATE_ENTITY, schemaVersion: 1, ...c };
}

/** The new certificate, in the accreditation's transaction; a number is never issued twice. */
export function certificatePut(c: Certificate): TransactItem {
  return {
    Put: {
      TableName: config().tableName,
      Item: certificateItem(c),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** 4.7: records the revocation on the certificate, in the revocation's transaction. */
export function certificateRevokeUpdate(
  electionId: string,
  number: string,
  r: { at: Date; reason: RevocationReason; resolutionId: string },
): TransactItem {
  return {
    Update: {
      TableName: config().tableName,
      Key: keys.certificate(electionId, number),
      UpdateExpression: 'SET revokedAt = :at, revocationReason = :reason, revocationResolutionId = :res',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':at': r.at.toISOString(), ':reason': r.reason, ':res': r.resolutionId },
    },
  };
}

const FIELDS = [
  'electionId',
  'number',
  'personId',
  'organizationId',
  'resolutionId',
  'issuedAt',
  'objectKey',
  'revokedAt',
  'revocationReason',
  'revocationResolutionId',
] as const;

export function certificateFromItem(item: Record<string, unknown>): Certificate {
  return Object.fromEntries(FIELDS.map((f) => [f, item[f] ?? null])) as unknown as Certificate;
}

export async function getCertificate(electionId: string, number: string): Promise<Certificate | undefined> {
  const out = await ddb.send(
    new GetCommand({ TableName: config().tableName, Key: keys.certificate(electionId, number) }),
  );
  return out.Item ? certificateFromItem(out.Item) : undefined;
}

/** PUBLICATION records where the rendered PDF is, once it is in the certificates bucket (audited). */
export async function setCertificateObjectKey(
  electionId: string,
  number: string,
  objectKey: string,
  now: Date,
  actor: Actor = systemActor('certificate-renderer'),
): Promise<void> {
  try {
    await transact([
      {
        Update: {
          TableName: config().tableName,
          Key: keys.certificate(electionId, number),
          UpdateExpression: 'SET objectKey = :key, renderedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':key': objectKey, ':at': now.toISOString() },
        },
      },
      auditPut({
        at: now,
        actor,
        entityType: 'certificate',
        entityId: `${electionId}#${number}`,
        action: 'render',
        clause: '3.4',
        detail: { objectKey },
      }),
    ]);
  } catch (err) {
    if (err instanceof ConditionFailedError) throw new NotFoundError('certificate', number);
    throw err;
  }
}

export type CertificateValidity = 'valid' | 'revoked' | 'expired' | 'not-issued';

/**
 * Derived validity (3.4, 3.7, 4.7): valid while the person is accredited and the mandate runs;
 * revoked once revoked; expired when the person's mandate expired or the results were published.
 */
export function certificateValidity(status: PersonStatus, e: ElectionDates, now: Date): CertificateValidity {
  if (status === 'revoked') return 'revoked';
  if (status === 'expired') return 'expired';
  if (status !== 'accredited') return 'not-issued';
  return isMandateOver(e, now) ? 'expired' : 'valid';
}

/**
 * What the public check (3.4) shows of the card besides the validity: the printed name, organization,
 * country and the record of the photo printed beside them. Written onto the certificate item the first
 * time the certificate is checked (for certificates issued before it existed as for new ones), so
 * every later check is one GetItem of this item: a revocation writes `revokedAt` on this same item in
 * its transaction (4.7) and the end of the mandate is the election's calendar (3.7), so nothing about
 * validity is copied here.
 */
export interface CertificateCard {
  nameLatin: string;
  nameCyrillic: string;
  organization: string;
  country: string;
  photo: { objectKey: string; contentType: string | null; kind: string; ownerId: string } | null;
}

function cardFromItem(v: unknown): CertificateCard | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const c = v as Record<string, unknown>;
  if (typeof c.nameLatin !== 'string' || typeof c.nameCyrillic !== 'string') return undefined;
  return c as unknown as CertificateCard;
}

/**
 * The certificate item with its card, one strongly consistent GetItem: what the public check reads on
 * every scan while it holds the election's calendar from a read a few seconds old.
 */
export async function getCertificateWithCard(
  electionId: string,
  number: string,
): Promise<{ certificate: Certificate; card: CertificateCard | undefined } | undefined> {
  const out = await ddb.send(
    new GetCommand({ TableName: config().tableName, Key: keys.certificate(electionId, number), ConsistentRead: true }),
  );
  return out.Item ? { certificate: certificateFromItem(out.Item), card: cardFromItem(out.Item.card) } : undefined;
}

/**
 * What the public check reads when it has no recent calendar of the election, in one round trip: the certificate item (its revocation
 * and card) and the election's item (its calendar: the results' publication ends the mandate, 3.7),
 * both strongly consistent, in one BatchGetItem. A key DynamoDB leaves unprocessed (throttling) is read
 * again on its own.
 */
export async function getCertificateAndElection(
  electionId: string,
  number: string,
): Promise<{
  found: { certificate: Certificate; card: CertificateCard | undefined } | undefined;
  electionItem: Record<string, unknown> | undefined;
}> {
  const table = config().tableName;
  const certKey = keys.certificate(electionId, number);
  const electionKey = keys.election(electionId);
  const out = await ddb.send(
    new BatchGetCommand({ RequestItems: { [table]: { Keys: [certKey, electionKey], ConsistentRead: true } } }),
  );
  const items = [...(out.Responses?.[table] ?? [])];
  for (const key of out.UnprocessedKeys?.[table]?.Keys ?? []) {
    const again = await ddb.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
    if (again.Item) items.push(again.Item);
  }
  const item = (k: { pk: string; sk: string }) => items.find((i) => i.pk === k.pk && i.sk === k.sk);
  const cert = item(certKey);
  return {
    found: cert ? { certificate: certificateFromItem(cert), card: cardFromItem(cert.card) } : undefined,
    electionItem: item(electionKey),
  };
}

/** Writes the card once onto an existing certificate of that person; a card already there stays. */
export async function setCertificateCard(
  electionId: string,
  number: string,
  personId: string,
  card: CertificateCard,
): Promise<void> {
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: config().tableName,
        Key: keys.certificate(electionId, number),
        UpdateExpression: 'SET card = :card',
        ConditionExpression: 'attribute_exists(pk) AND personId = :person AND attribute_not_exists(card)',
        ExpressionAttributeValues: { ':card': card, ':person': personId },
      }),
    );
  } catch (err) {
    if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
  }
}
