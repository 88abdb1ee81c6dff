/**
 * Demo data of the twin: an upcoming presidential election with its window open (called 20 days ago,
 * voting in 30, offset 3 days: 3.6), a past parliamentary election with its results published (3.7),
 * sending organizations of each kind, invitations with access codes (2.2, 2.5), and applications whose
 * representatives stand in several states of the lifecycle (3.1, 3.2).
 *
 * Idempotent: every record has a fixed id (or, for elections and organizations, which their
 * repositories number themselves, is looked up by name) and is written only when it is missing, each
 * with its audit entry and, for people, the status counters in the same transaction. Access codes are
 * derived from the invitation id, so the same demo codes work after a restart with --persist.
 * Everything goes through the repositories of shared/data, as the functions write it.
 */
import { createHash } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { PNG } from 'pngjs';
import { flagsFromNominations } from '#data/flags';
import { base32, hashSecret } from '#data/access-codes';
import { type ApplicationRecord, applicationCreatePut, findApplication } from '#data/applications';
import { auditPut, diff, systemActor } from '#data/audit';
import { type StoredDocument, documentPut } from '#data/documents';
import { createElection, listElections } from '#data/elections';
import { type InvitationRecord, invitationOf, putNewInvitation } from '#data/invitations';
import { createOrganization, listOrganizations } from '#data/organizations';
import { addPerson, findPerson } from '#data/persons';
import { transact } from '#data/transact';
import type { PersonStatus } from '#domain/lifecycle';
import { addDays, bishkekDate } from '#domain/time';
import { listResolutions } from '#data/resolutions/drafts';
import { adoptResolution } from '#decisions/adoption';
import { createDraft, setItems } from '#decisions/composition';
import { accessCodeMail } from '#intake/invitations';
import { s3 } from '#runtime/clients';
import { clock } from '#runtime/clock';
import { config } from '#runtime/config';
import type { Election, ElectionInput } from '#schemas/election';
import type { InvitingAuthority } from '#schemas/invitation';
import type { Organization, OrganizationInput } from '#schemas/organization';
import type { Person, RepresentativeInput } from '#schemas/person';
import { objectKeyOf } from '#uploads/object-keys';

export interface SeedReport {
  summary: string;
  created: number;
  existing: number;
  elections: { id: string; name: string; votingDay: string }[];
  /** Parts of the demo that could not be made (the rest stands). */
  notes: string[];
  accessCodes: { organization: string; code: string }[];
}

const actor = systemActor('seed');

/** Fixed ULID-shaped ids (Crockford base32: no I, L, O, U): `01JSEED` + kind + number. */
function seedId(kind: number, n: number): string {
  return `01JSEED${String(kind).padStart(3, '0')}${String(n).padStart(16, '0')}`;
}

/** The demo access code of an invitation: derived from its id, so it is the same after every restart. */
export function demoAccessCode(invitationId: string): { code: string; hash: string } {
  const secret = base32(createHash('sha256').update(`cec-twin-demo:${invitationId}`).digest().subarray(0, 16));
  return { code: `${invitationId}.${secret}`, hash: hashSecret(secret) };
}

type OrgKey = 'cis' | 'odihr' | 'kz' | 'embassy' | 'coalition';

const ORGANIZATIONS: Record<OrgKey, OrganizationInput> = {
  cis: {
    name: { original: 'Исполнительный комитет СНГ', ru: 'Исполнительный комитет СНГ', en: 'CIS Executive Committee' },
    type: 'international_organization',
    country: 'RU',
    contactEmail: 'observers@cis-executive.example',
    preferredLanguage: 'ru',
  },
  odihr: {
    name: {
      original: 'OSCE Office for Democratic Institutions and Human Rights',
      ru: 'Бюро по демократическим институтам и правам человека ОБСЕ',
      en: 'OSCE/ODIHR',
    },
    type: 'international_organization',
    country: 'PL',
    contactEmail: 'elections@odihr.example',
    preferredLanguage: 'en',
  },
  kz: {
    name: {
      original: 'Қазақстан Республикасының Орталық сайлау комиссиясы',
      ru: 'Центральная избирательная комиссия Республики Казахстан',
      en: 'Central Election Commission of the Republic of Kazakhstan',
    },
    type: 'foreign_election_body',
    country: 'KZ',
    contactEmail: 'international@election-kz.example',
    preferredLanguage: 'ru',
  },
  embassy: {
    name: {
      original: 'Botschaft der Bundesrepublik Deutschland Bischkek',
      ru: 'Посольство Федеративной Республики Германия в Бишкеке',
      en: 'Embassy of the Federal Republic of Germany in Bishkek',
    },
    type: 'diplomatic_mission',
    country: 'DE',
    contactEmail: 'pol-1@bischkek-diplo.example',
    preferredLanguage: 'en',
  },
  coalition: {
    name: {
      original: 'Коалиция за демократию и гражданское общество',
      en: 'Coalition for Democracy and Civil Society',
    },
    type: 'non_profit_proposer',
    country: 'KG',
    contactEmail: 'office@coalition-kg.example',
    preferredLanguage: 'ru',
  },
};

interface DemoPerson {
  n: number;
  status: PersonStatus;
  who: Omit<RepresentativeInput, 'email' | 'phone' | 'preferredLanguage' | 'sex' | 'dateOfBirth'> & {
    sex?: 'F' | 'M';
    dateOfBirth?: string;
  };
  /** Documents uploaded and checked (false: nothing uploaded yet, flagged 3.1). */
  documents?: boolean;
}

interface DemoApplication {
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

const APPLICATIONS: DemoApplication[] = [
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

const INVITATIONS: { n: number; election: 'upcoming' | 'past'; org: OrgKey; authority: InvitingAuthority }[] = [
  { n: 1, election: 'upcoming', org: 'cis', authority: 'president' },
  { n: 2, election: 'upcoming', org: 'odihr', authority: 'cec' },
  { n: 3, election: 'upcoming', org: 'kz', authority: 'cec' },
  { n: 4, election: 'upcoming', org: 'embassy', authority: 'cabinet_of_ministers' },
  { n: 5, election: 'past', org: 'cis', authority: 'jogorku_kenesh' },
  { n: 6, election: 'past', org: 'odihr', authority: 'cec' },
];

function electionInputs(today: string): Record<'upcoming' | 'past', ElectionInput> {
  return {
    upcoming: {
      kind: 'presidential',
      name: {
        ky: 'Кыргыз Республикасынын Президентин шайлоо (демо)',
        ru: 'Выборы Президента Кыргызской Республики (демо)',
        en: 'Presidential election of the Kyrgyz Republic (demo)',
      },
      calledOn: addDays(today, -20),
      votingDay: addDays(today, 30),
      windowOffsetDays: 3,
      resultsPublishedOn: null,
      repeatVoting: null,
    },
    past: {
      kind: 'parliamentary',
      name: {
        ky: 'Жогорку Кеңештин депутаттарын шайлоо (демо)',
        ru: 'Выборы депутатов Жогорку Кенеша (демо)',
        en: 'Elections of deputies of the Jogorku Kenesh (demo)',
      },
      calledOn: addDays(today, -150),
      votingDay: addDays(today, -90),
      windowOffsetDays: 3,
      resultsPublishedOn: addDays(today, -80),
      repeatVoting: null,
    },
  };
}

export const DEMO_RESOLUTION = '12/1 (демо)';
/** The people the demo resolution accredits: two checked by the MFA (3.2), one sent directly. */
const ACCREDITED = [1, 2, 4];

/** Returns whether it adopted the resolution now (false: it was adopted before). */
async function seedResolution(election: Election, today: string, now: Date): Promise<boolean> {
  const page = await listResolutions(election.id, { limit: 100, kind: 'accreditation' });
  let r = page.items.find((x) => x.number === DEMO_RESOLUTION);
  if (r?.status === 'adopted') return false;
  r ??= await createDraft(
    election.id,
    {
      number: DEMO_RESOLUTION,
      adoptedOn: addDays(today, -2),
      kind: 'accreditation',
      title: 'Об аккредитации международных наблюдателей (демо)',
    },
    actor,
    now,
  );
  if (r.status === 'draft') {
    await setItems(
      r.id,
      ACCREDITED.map((n) => ({ personId: seedId(600, n), decision: 'accredit' as const })),
      actor,
      now,
    );
  }
  await adoptResolution(r.id, actor, clock);
  return true;
}

/** A 300×400 PNG (the smallest photo the upload check accepts) and a one-page PDF, made once. */
let photoPng: Buffer | undefined;
function demoPhoto(): Buffer {
  if (photoPng) return photoPng;
  const png = new PNG({ width: 300, height: 400 });
  for (let y = 0; y < 400; y++) {
    for (let x = 0; x < 300; x++) {
      const i = (y * 300 + x) * 4;
      const head = (x - 150) ** 2 + (y - 150) ** 2 < 70 ** 2;
      const body = y > 240 && Math.abs(x - 150) < 110 - (400 - y) / 4;
      const shade = head || body ? 120 : 225;
      png.data[i] = shade;
      png.data[i + 1] = shade + 10;
      png.data[i + 2] = shade + 20;
      png.data[i + 3] = 255;
    }
  }
  photoPng = PNG.sync.write(png);
  return photoPng;
}

const pdfs = new Map<string, Promise<Buffer>>();
/** One PDF per title, made once. */
function demoPdf(title: string): Promise<Buffer> {
  let pdf = pdfs.get(title);
  if (!pdf) {
    pdf = makePdf(title);
    pdfs.set(title, pdf);
  }
  return pdf;
}

async function makePdf(title: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawText('SPECIMEN - demo data of the local twin', { x: 50, y: 780, size: 16, font });
  page.drawText(title, { x: 50, y: 750, size: 12, font });
  return Buffer.from(await pdf.save());
}

/** Every election and organization there is, by name (their own list queries, page by page). */
async function byName<T>(
  list: (opts: { limit: number; cursor?: string }) => Promise<{ items: T[]; nextCursor: string | null }>,
  name: (item: T) => string,
): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  let cursor: string | undefined;
  do {
    const page = await list({ limit: 100, cursor });
    for (const item of page.items) out.set(name(item), item);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

export async function seedDemoData(): Promise<SeedReport> {
  const now = clock.now();
  const at = now.toISOString();
  const today = bishkekDate(now);
  let created = 0;
  let existing = 0;
  const count = (made: boolean) => (made ? created++ : existing++);

  // Elections and organizations: their repositories number them, so they are found again by name.
  // Writes that share no item run side by side; people go one by one (they share the counters).
  const inputs = electionInputs(today);
  const [knownElections, knownOrgs] = await Promise.all([
    byName(
      (o) => listElections(o),
      (e: Election) => e.name.en,
    ),
    byName(listOrganizations, (o: Organization) => o.name.original),
  ]);
  const elections = Object.fromEntries(
    await Promise.all(
      (['upcoming', 'past'] as const).map(async (key) => {
        const found = knownElections.get(inputs[key].name.en);
        count(!found);
        return [key, found ?? (await createElection(inputs[key], actor, now))] as const;
      }),
    ),
  ) as Record<'upcoming' | 'past', Election>;
  const orgs = Object.fromEntries(
    await Promise.all(
      (Object.keys(ORGANIZATIONS) as OrgKey[]).map(async (key) => {
        const found = knownOrgs.get(ORGANIZATIONS[key].name.original);
        count(!found);
        return [key, found ?? (await createOrganization(ORGANIZATIONS[key], actor, now))] as const;
      }),
    ),
  ) as Record<OrgKey, Organization>;

  // Invitations (2.2, 2.5), each with its access-code email through the outbox.
  const accessCodes: SeedReport['accessCodes'] = [];
  const invited = new Set<string>();
  await Promise.all(
    INVITATIONS.map(async (i) => {
      const election = elections[i.election];
      const org = orgs[i.org];
      const id = seedId(300, i.n);
      const code = demoAccessCode(id);
      const found = await invitationOf(election.id, org.id);
      count(!found);
      if (!found) {
        const inv: InvitationRecord = {
          id,
          electionId: election.id,
          organizationId: org.id,
          invitingAuthority: i.authority,
          invitedOn: addDays(election.calledOn, 2 + i.n),
          mfaDispatchRef: `MFA-${election.calledOn.slice(0, 4)}/${String(140 + i.n).padStart(4, '0')}`,
          status: 'active',
          codeIssuedAt: at,
          codeGeneration: 1,
          proposalId: null,
          createdAt: at,
          updatedAt: at,
          version: 1,
        };
        await putNewInvitation(inv, code.hash, accessCodeMail(org, inv, code.code), actor, now);
      }
      invited.add(`${election.id}#${org.id}`);
      // The code is derived from the seed's own invitation id; one made otherwise is not known here.
      if (i.election === 'upcoming' && (!found || found.id === id)) {
        accessCodes.push({ organization: org.name.en ?? org.name.original, code: code.code });
      }
    }),
  );
  accessCodes.sort((a, b) => a.code.localeCompare(b.code));

  // Applications (3.1) and their representatives, with their documents in S3.
  const bucket = config().documentsBucket;
  const uploads: { key: string; body: Buffer; type: string }[] = [];
  const people: (() => Promise<void>)[] = [];
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
      count(!foundApp);
      if (!foundApp) {
        const app: ApplicationRecord = {
          id: appId,
          electionId: election.id,
          organizationId: org.id,
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

  // 3.3: a resolution of the CEC accrediting some of them, adopted as staff adopt one, so that
  // certificates and decision letters are made by the outbox consumer. Best effort: the rest of the
  // demo stands without it.
  const notes: string[] = [];
  try {
    count(await seedResolution(elections.upcoming, today, now));
  } catch (err) {
    notes.push(`resolution ${DEMO_RESOLUTION} not adopted: ${(err as Error).message}`);
  }

  const representatives = APPLICATIONS.reduce((n, a) => n + a.people.length, 0);
  return {
    summary: `${Object.keys(elections).length} elections, ${Object.keys(orgs).length} organizations, ${INVITATIONS.length} invitations, ${APPLICATIONS.length} applications, ${representatives} representatives (${created} records created, ${existing} already there)`,
    created,
    existing,
    elections: Object.values(elections).map((e) => ({ id: e.id, name: e.name.en, votingDay: e.votingDay })),
    notes,
    accessCodes,
  };
}
