import { createElection, listElections } from '#data/elections';
import { type InvitationRecord, invitationOf, putNewInvitation } from '#data/invitations';
import { createOrganization, listOrganizations } from '#data/organizations';
import { addDays, bishkekDate } from '#domain/time';
import { accessCodeMail } from '#intake/invitations';
import { clock } from '#runtime/clock';
import type { Election } from '#schemas/election';
import type { Organization } from '#schemas/organization';
import { DEMO_RESOLUTION, seedResolution } from './seed/resolution';
import { actor, byName, demoAccessCode, seedId } from './seed/common';
import { ORGANIZATIONS, type OrgKey } from './seed/organizations';
import { electionInputs } from './seed/elections';
import { INVITATIONS } from './seed/invitations';
import { APPLICATIONS, seedApplications } from './seed/applications';

export { DEMO_RESOLUTION, demoAccessCode };

export interface SeedReport {
  summary: string;
  created: number;
  existing: number;
  elections: { id: string; name: string; votingDay: string }[];
  /** Parts of the demo that could not be made (the rest stands). */
  notes: string[];
  accessCodes: { organization: string; code: string }[];
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

  await seedApplications({ elections, orgs, invited, now, count });

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
