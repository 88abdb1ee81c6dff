import { z } from 'zod';
import { auditStamp, countryCode, email, id, lang, nonEmpty } from './common';

export const organizationType = z.enum([
  'foreign_election_body',
  'international_organization',
  'inter_parliamentary_assembly',
  'diplomatic_mission',
  'non_profit_proposer',
]);
export type OrganizationType = z.infer<typeof organizationType>;

export const organizationName = z.strictObject({
  original: nonEmpty(300),
  ru: nonEmpty(300).optional(),
  en: nonEmpty(300).optional(),
});

export const organizationInput = z.strictObject({
  name: organizationName,
  type: organizationType,
  /** Country of the sending state or seat of the organization. */
  country: countryCode,
  contactEmail: email,
  preferredLanguage: lang,
});
export type OrganizationInput = z.infer<typeof organizationInput>;

export const organizationPatch = organizationInput.partial().extend({ version: z.number().int().min(1) });

export const organization = organizationInput.extend({ id, ...auditStamp });
export type Organization = z.infer<typeof organization>;
