import { z } from 'zod';
import { FLAG_CODES } from '#domain/eligibility';
import { REFUSAL_GROUND_CODES, REVOCATION_REASON_CODES } from '#domain/grounds';
import { PERSON_STATUSES } from '#domain/lifecycle';
import { applicationNumber } from './application-number';
import { auditStamp, countryCode, email, id, instant, isoDate, lang, nonEmpty, phone } from './common';

export const personStatus = z.enum(PERSON_STATUSES);
export const flagCode = z.enum(FLAG_CODES as [string, ...string[]]);
export const refusalGround = z.enum(REFUSAL_GROUND_CODES as [string, ...string[]]);
export const revocationReason = z.enum(REVOCATION_REASON_CODES as [string, ...string[]]);
export const channel = z.enum(['direct', 'mfa']);
export const documentState = z.enum(['pending', 'received', 'rejected', 'purged']);

const latin = (max: number) =>
  nonEmpty(max).regex(/^[A-Za-z' .-]+$/, 'must be written in Latin letters as in the passport');
const cyrillic = (max: number) => nonEmpty(max).regex(/^[\u0400-\u04FF' .-]+$/, 'must be written in Cyrillic letters');

export const role = z.enum(['head', 'deputy_head', 'observer', 'expert', 'coordinator']);

/** 3.1: a representative as the organization lists them. */
export const representativeInput = z.strictObject({
  familyNameLatin: latin(100),
  givenNamesLatin: latin(150),
  familyNameCyrillic: cyrillic(100),
  givenNamesCyrillic: cyrillic(150),
  sex: z.enum(['F', 'M']),
  dateOfBirth: isoDate,
  citizenship: countryCode,
  passportNumber: nonEmpty(20).regex(/^[A-Za-z0-9 -]+$/, 'must hold letters and digits only'),
  passportExpiresOn: isoDate,
  role,
  email,
  phone,
  preferredLanguage: lang,
});
export type RepresentativeInput = z.infer<typeof representativeInput>;

export const decision = z.object({
  resolutionId: id,
  resolutionNumber: z.string(),
  adoptedOn: isoDate,
  outcome: z.enum(['accredited', 'refused', 'revoked']),
  ground: refusalGround.nullable(),
  revocationReason: revocationReason.nullable(),
  gross: z.boolean(),
  reason: z.string(),
});
export type Decision = z.infer<typeof decision>;

export const person = representativeInput.extend({
  id,
  electionId: id,
  organizationId: id,
  applicationId: id,
  applicationNumber,
  /** Country of the sending organization, denormalised for the grid's filter. */
  organizationCountry: countryCode,
  channel,
  status: personStatus,
  flags: z.array(flagCode),
  documents: z.object({ passport: documentState.optional(), photo: documentState.optional() }),
  reviewerNote: z.string().max(4000),
  checked: z.boolean(),
  submittedAt: instant.nullable(),
  decisions: z.array(decision),
  certificateNumber: z.string().nullable(),
  ...auditStamp,
});
export type Person = z.infer<typeof person>;
