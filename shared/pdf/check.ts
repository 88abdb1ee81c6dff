/**
 * Verification of a certificate shown to someone (3.4): by its number and the signature of its QR
 * link. The answer is derived now, from the certificate's revocation and the election calendar: valid
 * while accredited and the mandate runs (3.5, 3.7), revoked after a revocation (4.7), expired once the
 * results are published (3.7), unknown for a number that does not exist or a signature that does not
 * match. An unknown answer says nothing else; the others show no more than the published list, the
 * day through which the certificate is valid, and a 5-minute link to the photo printed on the card.
 *
 * What is read: the certificate item on every check, strongly consistent, so a revocation (written on
 * that item in its own transaction) shows on the very next scan; the election's calendar with it in
 * one BatchGetItem, kept for {@link CALENDAR_REUSE_MS} and then read again. On voting day every
 * polling station scans cards at the door, and the calendar changes at most a few times per election
 * (the results' publication, a repeat voting), each time by a recorded decision of the Commission, so
 * a check made in the seconds after such a decision is recorded may still answer from the calendar as
 * it stood. A mandate ends at 00:00 after the results' day (3.7), so a publication recorded on its own
 * day changes no answer at all; only one recorded late shows up to those seconds late.
 *
 * The photo: whoever holds the certificate already sees it (it is printed beside the name), and the
 * link is given only to someone holding the signed QR link of that very certificate, for 5 minutes,
 * never in the published list. It lets a polling station's chairperson compare the face in front of
 * them with the one the Commission accredited, which a printed card alone cannot prove. It is shown
 * for revoked and expired certificates too: they are checked to be refused, and the face tells whose.
 */
import { isMandateOver, mandateEndsOn } from '#domain/calendar';
import {
  type CertificateCard,
  getCertificateAndElection,
  getCertificateWithCard,
  setCertificateCard,
} from '#data/certificates';
import { findDocument } from '#data/documents';
import { electionFromItem } from '#data/elections';
import type { Election } from '#schemas/election';
import { findOrganization } from '#data/organizations';
import { findPerson } from '#data/persons';
import { VALID_UNTIL_RESULTS } from '#i18n/institution';
import type { VerificationResult } from '#schemas/publication';
import { LINK_TTL_SECONDS, identityDocumentLink } from '#uploads/download-links';
import { verifyCertificateSignatureNow } from './verification';

/**
 * The card of a certificate checked for the first time, from the person, organization and photo
 * records; written onto the certificate item so later checks read nothing else. Undefined when the
 * person no longer holds this certificate.
 */
async function firstCard(electionId: string, number: string, personId: string, organizationId: string) {
  const [person, org, photo] = await Promise.all([
    findPerson(personId),
    findOrganization(organizationId),
    findDocument('photo', personId),
  ]);
  if (!person || person.certificateNumber !== number || person.electionId !== electionId) return undefined;
  const card: CertificateCard = {
    nameLatin: `${person.familyNameLatin} ${person.givenNamesLatin}`,
    nameCyrillic: `${person.familyNameCyrillic} ${person.givenNamesCyrillic}`,
    organization: org?.name.original ?? '',
    country: person.organizationCountry,
    // The photo in force only (never one still being checked, nor a rejected one, nor a purged one).
    photo:
      photo?.state === 'received' && photo.objectKey
        ? {
            objectKey: photo.objectKey,
            contentType: photo.contentType ?? null,
            kind: photo.kind,
            ownerId: photo.ownerId,
          }
        : null,
  };
  await setCertificateCard(electionId, number, personId, card);
  return card;
}

/**
 * A photo link signed less than a minute ago is handed out again (it still has at least 4 of its 5
 * minutes): signing costs more than the read itself, and a card is often checked several times in a
 * row at a door. Keyed by the object and its type, so a new photo gets a new link.
 */
const LINK_REUSE_MS = 60_000;
const photoLinks = new Map<string, { url: string; until: number }>();

async function photoLinkOf(photo: NonNullable<CertificateCard['photo']>): Promise<string> {
  const key = `${photo.objectKey}|${photo.contentType ?? ''}`;
  const hit = photoLinks.get(key);
  if (hit && hit.until > Date.now()) return hit.url;
  const url = await identityDocumentLink(photo);
  if (photoLinks.size > 1000) photoLinks.clear();
  photoLinks.set(key, { url, until: Date.now() + LINK_REUSE_MS });
  return url;
}

/** How long a container answers from the calendar it read with a certificate before reading it again. */
export const CALENDAR_REUSE_MS = 5_000;
const calendars = new Map<string, { election: Election; readAt: number }>();

/** The certificate item, and the election's calendar: read with it, or kept from a read under 5 s old. */
async function readForCheck(electionId: string, number: string, now: Date) {
  const kept = calendars.get(electionId);
  const age = kept ? now.getTime() - kept.readAt : Number.POSITIVE_INFINITY;
  if (kept && age >= 0 && age < CALENDAR_REUSE_MS) {
    return { found: await getCertificateWithCard(electionId, number), election: kept.election };
  }
  const { found, electionItem } = await getCertificateAndElection(electionId, number);
  const election = electionItem ? electionFromItem(electionItem) : undefined;
  if (election) {
    if (calendars.size > 1000) calendars.clear();
    calendars.set(electionId, { election, readAt: now.getTime() });
  }
  return { found, election };
}

export async function checkCertificate(
  electionId: string,
  number: string,
  sig: string,
  now: Date,
): Promise<VerificationResult> {
  const unknown: VerificationResult = { status: 'unknown', number, checkedAt: now.toISOString() };
  if (!(await verifyCertificateSignatureNow(electionId, number, sig))) return unknown;
  const { found, election } = await readForCheck(electionId, number, now);
  if (!found || !election) return unknown;
  const { certificate, card: written } = found;
  const card = written ?? (await firstCard(electionId, number, certificate.personId, certificate.organizationId));
  if (!card) return unknown;
  // 4.7: revoked from the revocation's own transaction on; 3.7: expired from 00:00 after the results.
  const validity = certificate.revokedAt ? 'revoked' : isMandateOver(election, now) ? 'expired' : 'valid';
  const photoUrl = card.photo ? await photoLinkOf(card.photo) : null;
  return {
    status: validity,
    number,
    checkedAt: now.toISOString(),
    certificate: {
      name: { latin: card.nameLatin, cyrillic: card.nameCyrillic },
      organization: card.organization,
      country: card.country,
      election: { id: election.id, name: election.name },
      validUntil: VALID_UNTIL_RESULTS,
      mandateEndedOn: validity === 'expired' ? mandateEndsOn(election) : null,
      validThrough: mandateEndsOn(election),
      votingDay: election.votingDay,
      repeatVotingDay: election.repeatVoting?.votingDay ?? null,
      photoUrl,
    },
  };
}

/** The photo's link lives 5 minutes. */
export const PHOTO_URL_TTL_SECONDS = LINK_TTL_SECONDS;
