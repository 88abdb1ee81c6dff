/**
 * Verification of a certificate shown to someone (3.4): by its number and the signature of its QR
 * link. The answer is derived now, from the person's status and the election calendar: valid while
 * accredited and the mandate runs (3.5, 3.7), revoked after a revocation (4.7), expired once the
 * results are published (3.7), unknown for a number that does not exist or a signature that does not
 * match. An unknown answer says nothing else; the others show no more than the published list.
 */
import { mandateEndsOn } from '#domain/calendar';
import { certificateValidity, getCertificate } from '#data/certificates';
import { findOrganization } from '#data/organizations';
import { findPerson } from '#data/persons';
import { getElection } from '#data/elections';
import { VALID_UNTIL_RESULTS } from '#i18n/institution';
import type { VerificationResult } from '#schemas/publication';
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
  const [person, election, org] = await Promise.all([
    findPerson(certificate.personId),
    getElection(electionId).catch(() => undefined),
    findOrganization(certificate.organizationId),
  ]);
  if (!person || !election || person.certificateNumber !== number || person.electionId !== electionId) {
    return unknown;
  }
  const validity = certificateValidity(person.status, election, now);
  if (validity === 'not-issued') return unknown;
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
    },
  };
}
