import type { PersonStatus } from '#domain/lifecycle';
import type { RepresentativeInput } from '#schemas/person';
import type { OrgKey } from './organizations';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { allocateApplicationNumber } from '#data/application-numbers';
import { type ApplicationRecord, applicationCreatePut, findApplication } from '#data/applications';
import { auditPut, diff } from '#data/audit';
import { type StoredDocument, documentPut } from '#data/documents';
import { flagsFromNominations } from '#data/flags';
import { addPerson, findPerson } from '#data/persons';
import { transact } from '#data/transact';
import { addDays } from '#domain/time';
import { s3 } from '#runtime/clients';
import { config } from '#runtime/config';
import type { Election } from '#schemas/election';
import type { Organization } from '#schemas/organization';
import type { Person } from '#schemas/person';
import { objectKeyOf } from '#uploads/object-keys';
import { actor, seedId } from './common';
import { demoPdf, demoPhoto } from './files';

export interface DemoPerson {
  n: number;
  status: PersonStatus;
  who: Omit<RepresentativeInput, 'email' | 'phone' | 'preferredLanguage' | 'sex' | 'dateOfBirth'> & {
    sex?: 'F' | 'M';
    dateOfBirth?: string;
  };
  /** Documents uploaded and checked (false: nothing uploaded yet, flagged 3.1). */
  documents?: boolean;
}

export interface DemoApplication {
  n: number;
  election: 'upcoming' | 'past';
  org: OrgKey;
  channel: 'direct' | 'mfa';
  status: ApplicationRecord['status'];
  mfaStatus: ApplicationRecord['mfaStatus'];
  people: DemoPerson[];
}

const latin = (family: string, given: string, familyCyr: string, givenCyr: string) => ({
  familyNameLatin: family,
  givenNamesLatin: given,
  familyNameCyrillic: familyCyr,
  givenNamesCyrillic: givenCyr,
});

/** Passports valid long after any mandate, unless a person is meant to be flagged. */
const LONG_VALID = '2034-06-30';

export const APPLICATIONS: DemoApplication[] = [
  {
    n: 1,
    election: 'upcoming',
    org: 'cis',
    channel: 'mfa',
    status: 'submitted',
    mfaStatus: 'forwarded',
    people: [
      {
        n: 1,
        status: 'mfa_checked',
        who: {
          ...latin('IVANOV', 'SERGEI', 'ИВАНОВ', 'СЕРГЕЙ'),
          citizenship: 'RU',
          passportNumber: '753104221',
          passportExpiresOn: LONG_VALID,
          role: 'head',
        },
      },
      {
        n: 2,
        status: 'mfa_checked',
        who: {
          ...latin('PETROVA', 'ANNA', 'ПЕТРОВА', 'АННА'),
          sex: 'F',
          citizenship: 'RU',
          passportNumber: '753388190',
          passportExpiresOn: LONG_VALID,
          role: 'observer',
        },
      },
      {
        n: 3,
        status: 'mfa_checked',
        who: {
          ...latin('NAZAROV', 'TIMUR', 'НАЗАРОВ', 'ТИМУР'),
          citizenship: 'TJ',
          passportNumber: '401235567',
          passportExpiresOn: LONG_VALID,
          role: 'observer',
        },
      },
    ],
  },
  {
    n: 2,
    election: 'upcoming',
    org: 'odihr',
    channel: 'direct',
    status: 'submitted',
    mfaStatus: 'not_required',
    people: [
      {
        n: 4,
        status: 'submitted',
        who: {
          ...latin('KOWALSKA', 'MARIA', 'КОВАЛЬСКА', 'МАРИЯ'),
          sex: 'F',
          citizenship: 'PL',
          passportNumber: 'EK4471203',
          passportExpiresOn: LONG_VALID,
          role: 'head',
        },
      },
      {
        n: 5,
        status: 'submitted',
        who: {
          ...latin('SMITH', 'JOHN', 'СМИТ', 'ДЖОН'),
          citizenship: 'GB',
          passportNumber: '533902114',
          passportExpiresOn: LONG_VALID,
          role: 'expert',
        },
      },
      {
        n: 6,
        status: 'submitted',
        who: {
          ...latin('MUELLER', 'JONAS', 'МЮЛЛЕР', 'ЙОНАС'),
          citizenship: 'DE',
          passportNumber: 'C4F7H2K91',
          // Flagged: the passport expires before the mandate can end (3.7).
          passportExpiresOn: 'EXPIRES_SOON',
          role: 'observer',
        },
      },
      {
        n: 7,
        status: 'submitted',
        who: {
          ...latin('ASANOV', 'BAKYT', 'АСАНОВ', 'БАКЫТ'),
          citizenship: 'KG',
          passportNumber: 'AC1234567',
          passportExpiresOn: LONG_VALID,
          role: 'observer',
        },
      },
      {
        n: 8,
        status: 'withdrawn',
        who: {
          ...latin('LAURENT', 'CLAIRE', 'ЛОРАН', 'КЛЭР'),
          sex: 'F',
          citizenship: 'FR',
          passportNumber: '19AB44021',
          passportExpiresOn: LONG_VALID,
          role: 'observer',
        },
      },
    ],
  },
  {
    n: 3,
    election: 'upcoming',
    org: 'kz',
    channel: 'direct',
    status: 'draft',
    mfaStatus: 'not_required',
    people: [
      {
        n: 9,
        status: 'draft',
        who: {
          ...latin('ABENOV', 'DANIYAR', 'АБЕНОВ', 'ДАНИЯР'),
          citizenship: 'KZ',
          passportNumber: 'N12093456',
          passportExpiresOn: LONG_VALID,
          role: 'head',
        },
      },
      {
        n: 10,
        status: 'draft',
        documents: false,
        who: {
          ...latin('SEITKALIYEVA', 'AIGERIM', 'СЕЙТКАЛИЕВА', 'АЙГЕРИМ'),
          sex: 'F',
          citizenship: 'KZ',
          passportNumber: 'N12440098',
          passportExpiresOn: LONG_VALID,
          role: 'observer',
        },
      },
    ],
  },
  {
    n: 4,
    election: 'upcoming',
    org: 'embassy',
    channel: 'mfa',
    status: 'submitted',
    mfaStatus: 'pending',
    people: [
      {
        n: 11,
        status: 'submitted',
        who: {
          ...latin('SCHNEIDER', 'LUKAS', 'ШНАЙДЕР', 'ЛУКАС'),
          citizenship: 'DE',
          passportNumber: 'C7K3M9P24',
          passportExpiresOn: LONG_VALID,
          role: 'observer',
        },
      },
      {
        n: 12,
        status: 'submitted',
        who: {
          ...latin('WAGNER', 'SOPHIE', 'ВАГНЕР', 'СОФИ'),
          sex: 'F',
          citizenship: 'DE',
          passportNumber: 'C7K3M9Q51',
          passportExpiresOn: LONG_VALID,
          role: 'coordinator',
        },
      },
    ],
  },
  {
    n: 5,
    election: 'past',
    org: 'cis',
    channel: 'direct',
    status: 'locked',
    mfaStatus: 'not_required',
    people: [
      {
        n: 13,
        status: 'lapsed',
        who: {
          ...latin('ORLOV', 'DMITRY', 'ОРЛОВ', 'ДМИТРИЙ'),
          citizenship: 'BY',
          passportNumber: 'MP3340912',
          passportExpiresOn: LONG_VALID,
          role: 'observer',
        },
      },
    ],
  },
];
/**
 * Writes the demo's applications (3.1) and their representatives, with their documents in S3: each
 * record only when it is missing, with its audit entry and, for people, the counters in the same
 * transaction. People go one by one (they share the counters); the files go up after their records.
 */
export async function seedApplications(ctx: {
  elections: Record<'upcoming' | 'past', Election>;
  orgs: Record<OrgKey, Organization>;
  /** `electionId#organizationId` of every invitation. */
  invited: ReadonlySet<string>;
  now: Date;
  count: (made: boolean) => void;
}): Promise<void> {
  const { elections, orgs, invited, now, count } = ctx;
  const at = now.toISOString();
  const bucket = config().documentsBucket;
  const uploads: { key: string; body: Buffer; type: string }[] = [];
  const people: (() => Promise<void>)[] = [];
  // Numbers are taken from the election's sequence as the portal takes them (3.1), one by one in the
  // list's order, so that a fresh demo always numbers its applications alike.
  const numbers = new Map<number, string>();
  for (const a of APPLICATIONS) {
    if (await findApplication(seedId(400, a.n))) continue;
    numbers.set(a.n, await allocateApplicationNumber(elections[a.election]));
  }
  await Promise.all(
    APPLICATIONS.map(async (a) => {
      const election = elections[a.election];
      const org = orgs[a.org];
      const appId = seedId(400, a.n);
      const submitted = a.status !== 'draft';
      const submittedAt = submitted ? new Date(now.getTime() - (10 - a.n) * 86_400_000).toISOString() : null;
      const letterKey = objectKeyOf({
        electionId: election.id,
        organizationId: org.id,
        applicationId: appId,
        personId: null,
        kind: 'letter',
        uploadId: seedId(500, a.n),
      });
      const foundApp = await findApplication(appId);
      const number = foundApp ? foundApp.number : (numbers.get(a.n) ?? null);
      count(!foundApp);
      if (!foundApp) {
        const app: ApplicationRecord = {
          id: appId,
          electionId: election.id,
          organizationId: org.id,
          number,
          organizationCountry: org.country,
          channel: a.channel,
          status: a.status,
          mfaStatus: a.mfaStatus,
          mfaNote: a.mfaStatus === 'forwarded' ? 'Documents checked against the Regulation and forwarded (3.2).' : null,
          letter: 'received',
          personCount: a.people.length,
          submittedAt,
          createdAt: at,
          updatedAt: at,
          version: 1,
        };
        const letter: StoredDocument = {
          ownerId: appId,
          kind: 'letter',
          state: 'received',
          objectKey: letterKey,
          contentType: 'application/pdf',
          size: 0,
          rejectionReason: null,
          uploadedAt: at,
          checkedAt: at,
          electionId: election.id,
          organizationId: org.id,
          applicationId: appId,
          personId: null,
          pendingKey: null,
          version: 1,
        };
        const pdf = await demoPdf(`Application letter of ${org.name.en ?? org.name.original}`);
        letter.size = pdf.length;
        uploads.push({ key: letterKey, body: pdf, type: 'application/pdf' });
        await transact([
          applicationCreatePut(app),
          documentPut(undefined, letter),
          auditPut({
            at: now,
            actor,
            entityType: 'application',
            entityId: appId,
            action: 'create',
            clause: '3.1',
            changes: diff(null, app),
          }),
        ]);
      }

      for (const p of a.people)
        people.push(async () => {
          const personId = seedId(600, p.n);
          const found = await findPerson(personId);
          count(!found);
          if (found) return;
          const withDocs = p.documents !== false;
          const docs: StoredDocument[] = [];
          if (withDocs) {
            for (const kind of ['passport', 'photo'] as const) {
              const key = objectKeyOf({
                electionId: election.id,
                organizationId: org.id,
                applicationId: appId,
                personId,
                kind,
                uploadId: seedId(kind === 'passport' ? 700 : 800, p.n),
              });
              const body = kind === 'photo' ? demoPhoto() : await demoPdf('Passport copy (specimen)');
              uploads.push({ key, body, type: kind === 'photo' ? 'image/png' : 'application/pdf' });
              docs.push({
                ownerId: personId,
                kind,
                state: 'received',
                objectKey: key,
                contentType: kind === 'photo' ? 'image/png' : 'application/pdf',
                size: body.length,
                rejectionReason: null,
                uploadedAt: at,
                checkedAt: at,
                electionId: election.id,
                organizationId: org.id,
                applicationId: appId,
                personId,
                pendingKey: null,
                version: 1,
              });
            }
          }
          const passportExpiresOn =
            p.who.passportExpiresOn === 'EXPIRES_SOON' ? addDays(election.votingDay, -5) : p.who.passportExpiresOn;
          const documents = withDocs ? { passport: 'received' as const, photo: 'received' as const } : {};
          const person: Person = {
            ...p.who,
            passportExpiresOn,
            sex: p.who.sex ?? 'M',
            dateOfBirth: p.who.dateOfBirth ?? `19${70 + p.n}-0${1 + (p.n % 9)}-1${p.n % 10}`,
            email: `${p.who.familyNameLatin.toLowerCase()}@${org.contactEmail.split('@')[1]}`,
            phone: `+7 700 555 ${String(1000 + p.n)}`,
            preferredLanguage: org.preferredLanguage,
            id: personId,
            electionId: election.id,
            organizationId: org.id,
            applicationId: appId,
            applicationNumber: number,
            organizationCountry: org.country,
            channel: a.channel,
            status: p.status,
            flags: [],
            documents,
            reviewerNote: '',
            checked: false,
            submittedAt: p.status === 'draft' ? null : submittedAt,
            decisions: [],
            certificateNumber: null,
            createdAt: at,
            updatedAt: at,
            version: 1,
          };
          person.flags = flagsFromNominations(person, [], {
            election,
            hasInvitation: invited.has(`${election.id}#${org.id}`),
            now,
          });
          await addPerson(
            person,
            actor,
            now,
            docs.map((d) => documentPut(undefined, d)),
          );
        });
    }),
  );
  for (const addOne of people) await addOne();

  // The files go up after their records exist: the upload check then finds them already checked.
  await Promise.all(
    uploads.map((u) =>
      s3().send(new PutObjectCommand({ Bucket: bucket, Key: u.key, Body: u.body, ContentType: u.type })),
    ),
  );
}
