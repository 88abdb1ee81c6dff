/**
 * From an outbox item to a finished letter: which template, which data, which languages, which
 * recipients and attachments. Languages: the organization's language first, then Russian (English
 * after Russian for organizations that write in Russian, as they are foreign recipients); decision
 * letters (3.3, 3.4, 4.7) carry all three, as the CEC's letters are in Kyrgyz and Russian, with
 * English for foreign recipients.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { Lang } from '#domain/grounds';
import { languagesOf } from '#i18n/format';
import { s3 } from '#runtime/clients';
import { config } from '#runtime/config';
import { unseal } from '#runtime/sealed';
import { verificationUrl } from '#pdf/verification';
import {
  PermanentMailError,
  langOf,
  loadElection,
  loadOrganization,
  loadPerson,
  optStr,
  personData,
  str,
} from './context';
import type { Letter } from './layout';
import type { Attachment } from './mime';
import { accessCodeLetter } from './templates/access-code';
import { accreditedLetter } from './templates/decision-accredited';
import { lapsedLetter } from './templates/decision-lapsed';
import { refusedLetter } from './templates/decision-refused';
import { revokedLetter } from './templates/decision-revoked';
import { reminderLetter } from './templates/reminder';
import type { ResolutionData } from './templates/common';

export interface OutboxEmail {
  id: string;
  template: string;
  payload: Record<string, unknown>;
  to?: string[];
}

export interface RenderedEmail {
  letter: Letter;
  languages: Lang[];
  to: string[];
  attachments: Attachment[];
}

export const EMAIL_TEMPLATES = [
  'access-code',
  'reminder',
  'decision-accredited',
  'decision-refused',
  'decision-revoked',
  'decision-lapsed',
] as const;
export type EmailTemplate = (typeof EMAIL_TEMPLATES)[number];

/** Unique, non-empty recipients; the outbox's `to` wins, else the organization (and the person). */
function recipients(explicit: string[] | undefined, fallback: (string | undefined)[]): string[] {
  const list = (explicit && explicit.length > 0 ? explicit : fallback).filter((x): x is string => !!x);
  const unique = [...new Set(list.map((x) => x.trim()))];
  if (unique.length === 0) throw new PermanentMailError('the message has no recipient');
  return unique;
}

function resolutionOf(payload: Record<string, unknown>): ResolutionData | null {
  const number = optStr(payload, 'resolutionNumber');
  const adoptedOn = optStr(payload, 'adoptedOn');
  return number && adoptedOn ? { number, adoptedOn } : null;
}

async function readObject(bucket: string, key: string): Promise<Uint8Array> {
  const out = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!out.Body) throw new Error(`object ${key} has no body`);
  return out.Body.transformToByteArray();
}

export async function renderEmail(item: OutboxEmail): Promise<RenderedEmail> {
  const p = item.payload ?? {};
  const template = item.template as EmailTemplate;
  if (!EMAIL_TEMPLATES.includes(template)) throw new PermanentMailError(`unknown template ${item.template}`);
  const org = await loadOrganization(str(p, 'organizationId'));
  const { election, data: electionData } = await loadElection(str(p, 'electionId'));
  const lang = langOf(p, org.preferredLanguage);

  switch (template) {
    case 'access-code': {
      const languages = languagesOf(lang);
      const sealed = str(p, 'sealedCode');
      let code: string;
      try {
        code = unseal(sealed);
      } catch {
        throw new PermanentMailError('payload.sealedCode does not unseal with the configured secret');
      }
      const portalUrl = optStr(p, 'portalUrl') ?? config().portalUrl;
      return {
        letter: accessCodeLetter({ org, election: electionData, code, portalUrl }, languages),
        languages,
        to: recipients(item.to, [org.contactEmail]),
        attachments: [],
      };
    }
    case 'reminder': {
      const languages = languagesOf(lang);
      const daysLeft = typeof p.daysLeft === 'number' ? p.daysLeft : null;
      return {
        letter: reminderLetter(
          {
            org,
            election: electionData,
            daysLeft,
            lastAccreditationDay: optStr(p, 'lastAccreditationDay') ?? electionData.lastAccreditationDay,
          },
          languages,
        ),
        languages,
        to: recipients(item.to, [org.contactEmail]),
        attachments: [],
      };
    }
    default:
      break;
  }

  // Decision letters: all three languages, the organization's first.
  const languages = languagesOf(lang, { all: true });
  const person = await loadPerson(str(p, 'personId'));
  const pd = personData(person);
  const to = recipients(item.to, [org.contactEmail, person.email]);
  const resolution = resolutionOf(p);

  switch (template) {
    case 'decision-accredited': {
      const number = str(p, 'certificateNumber');
      const objectKey = str(p, 'certificateKey');
      const pdf = await readObject(config().certificatesBucket, objectKey);
      const latest = [...(person.decisions ?? [])].reverse().find((d) => d.outcome === 'accredited');
      return {
        letter: accreditedLetter(
          {
            org,
            election: electionData,
            person: pd,
            certificateNumber: number,
            resolution:
              resolution ?? (latest ? { number: latest.resolutionNumber, adoptedOn: latest.adoptedOn } : null),
            verifyUrl: verificationUrl(election.id, number),
          },
          languages,
        ),
        languages,
        to,
        attachments: [{ filename: `certificate-${number}.pdf`, contentType: 'application/pdf', content: pdf }],
      };
    }
    case 'decision-refused':
      return {
        letter: refusedLetter(
          {
            org,
            election: electionData,
            person: pd,
            resolution,
            ground: str(p, 'ground'),
            reason: optStr(p, 'reason') ?? '',
          },
          languages,
        ),
        languages,
        to,
        attachments: [],
      };
    case 'decision-revoked':
      return {
        letter: revokedLetter(
          {
            org,
            election: electionData,
            person: pd,
            resolution,
            revocationReason: str(p, 'revocationReason'),
            gross: p.gross === true,
            reason: optStr(p, 'reason') ?? '',
            certificateNumber: optStr(p, 'certificateNumber') ?? pd.certificateNumber,
          },
          languages,
        ),
        languages,
        to,
        attachments: [],
      };
    case 'decision-lapsed':
      return {
        letter: lapsedLetter({ org, election: electionData, person: pd }, languages),
        languages,
        to,
        attachments: [],
      };
    default:
      throw new PermanentMailError(`unknown template ${item.template}`);
  }
}
