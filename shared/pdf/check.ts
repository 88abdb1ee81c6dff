/**
 * Verification of a certificate shown to someone (3.4): by its number and the signature of its QR
 * link. The answer is derived now, from the person's status and the election calendar: valid while
 * accredited and the mandate runs (3.5, 3.7), revoked after a revocation (4.7), expired once the
 * results are published (3.7), unknown for a number that does not exist or a signature that does not
 * match. An unknown answer says nothing else; the others show no more than the published list, the
 * day through which the certificate is valid, and a 5-minute link to the photo printed on the card.
 *
 * The photo: whoever holds the certificate already sees it (it is printed beside the name), and the
 * link is given only to someone holding the signed QR link of that very certificate, for 5 minutes,
 * never in the published list. It lets a polling station's chairperson compare the face in front of
 * them with the one the Commission accredited, which a printed card alone cannot prove. It is shown
 * for revoked and expired certificates too: they are checked to be refused, and the face tells whose.
 */
import { mandateEndsOn } from '#domain/calendar';
import { certificateValidity, getCertificate } from '#data/certificates';
import { findDocument } from '#data/documents';
import { findOrganization } from '#data/organizations';
import { findPerson } from '#data/persons';
import { getElection } from '#data/elections';
import { VALID_UNTIL_RESULTS } from '#i18n/institution';
import type { VerificationResult } from '#schemas/publication';
import { LINK_TTL_SECONDS, identityDocumentLink } from '#uploads/download-links';
import { verifyCertificateSignature } from './verification';

export async function checkCertificate(
  electionId: string,
  number: string,
  sig: string,
  now: Date,
): Promise<VerificationResult> {
  const unknown: VerificationResult = { status: 'unknown', number, checkedAt: now.toISOString() };
  if (!verifyCertificateSignature(electionId, number, sig)) return unknown;
  const certificate = await getCertificate(electionId, number);
  if (!certificate) return unknown;
  // One round of reads: the photo's record is read beside the person, not after.
  const [person, election, org, photo] = await Promise.all([
    findPerson(certificate.personId),
    getElection(electionId).catch(() => undefined),
    findOrganization(certificate.organizationId),
    findDocument('photo', certificate.personId),
  ]);
  if (!person || !election || person.certificateNumber !== number || person.electionId !== electionId) {
    return unknown;
  }
  const validity = certificateValidity(person.status, election, now);
  if (validity === 'not-issued') return unknown;
  // The photo in force only (never one still being checked, nor a rejected one, nor a purged one).
  const photoUrl = photo?.state === 'received' && photo.objectKey ? await identityDocumentLink(photo) : null;
  return {
    status: validity,
    number,
    checkedAt: now.toISOString(),
    certificate: {
      name: {
        latin: `${person.familyNameLatin} ${person.givenNamesLatin}`,
        cyrillic: `${person.familyNameCyrillic} ${person.givenNamesCyrillic}`,
      },
      organization: org?.name.original ?? '',
      country: person.organizationCountry,
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
