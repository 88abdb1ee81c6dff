/**
 * The portal's scope: a session belongs to one organization and one election (its invitation). Every
 * portal request loads that context and every record named in its path must belong to both, or it is
 * "not found": the portal never tells an organization that another's record exists.
 */
import { NotFoundError, UnauthorizedError } from '#domain/errors';
import { type ApplicationRecord, findApplication } from '#data/applications';
import { viewOf } from '#data/elections';
import type { InvitationRecord } from '#data/invitations';
import { findPerson } from '#data/persons';
import { readPortalScope } from '#data/portal-scope';
import type { Principal } from '#http/auth';
import type { ElectionView } from '#schemas/election';
import type { Organization } from '#schemas/organization';
import type { Person } from '#schemas/person';

export interface PortalContext {
  organization: Organization;
  election: ElectionView;
  invitation: InvitationRecord;
  /**
   * The application and representative the request names, read in the same round trip as the scope.
   * Each is handed out once, to the first `ownApplication`/`ownPerson` of its id (the ownership check
   * still applies); any later call reads the record again, so nothing written since is missed.
   */
  readAhead?: { applications: Map<string, ApplicationRecord | undefined>; people: Map<string, Person | undefined> };
}

/** Session ids carry the generation of the code they came from: `g<generation>.<ulid>`. */
export function sessionIdFor(codeGeneration: number, id: string): string {
  return `g${codeGeneration}.${id}`;
}

function generationOf(sessionId: string): number | null {
  const m = /^g(\d+)\./.exec(sessionId);
  return m ? Number(m[1]) : null;
}

const ENDED = 'the portal session is no longer valid: sign in with the current access code';

/**
 * Loads the organization, election and invitation of a portal session. A session from a code that has
 * since been reissued (2.5), or from an invitation no longer active, is refused. The records the request
 * names (`also`) come in the same BatchGetItem, for `ownApplication` and `ownPerson` to check.
 */
export async function portalContext(
  principal: Principal,
  now: Date,
  also: { applicationId?: string | undefined; personId?: string | undefined } = {},
): Promise<PortalContext> {
  if (principal.kind !== 'portal') throw new UnauthorizedError();
  const read = await readPortalScope({
    invitationId: principal.invitationId,
    electionId: principal.electionId,
    organizationId: principal.organizationId,
    ...(also.applicationId ? { applicationId: also.applicationId } : {}),
    ...(also.personId ? { personId: also.personId } : {}),
  });
  const { invitation, election, organization } = read;
  if (
    !invitation ||
    !election ||
    !organization ||
    invitation.status !== 'active' ||
    invitation.organizationId !== principal.organizationId ||
    invitation.electionId !== principal.electionId ||
    generationOf(principal.sessionId) !== invitation.codeGeneration
  ) {
    throw new UnauthorizedError(ENDED);
  }
  const readAhead: NonNullable<PortalContext['readAhead']> = { applications: new Map(), people: new Map() };
  if (also.applicationId) readAhead.applications.set(also.applicationId, read.application);
  if (also.personId) readAhead.people.set(also.personId, read.person);
  return { organization, election: viewOf(election, now), invitation, readAhead };
}

/** The record read ahead for this id, once; otherwise a fresh read. */
async function takeOrRead<T>(
  ahead: Map<string, T | undefined> | undefined,
  id: string,
  read: (id: string) => Promise<T | undefined>,
) {
  if (ahead?.has(id)) {
    const record = ahead.get(id);
    ahead.delete(id);
    return record;
  }
  return read(id);
}

/** The application, if it is this organization's in this election; otherwise "not found". */
export async function ownApplication(ctx: PortalContext, applicationId: string): Promise<ApplicationRecord> {
  return owned(ctx, await takeOrRead(ctx.readAhead?.applications, applicationId, findApplication), applicationId);
}

/** The ownership check of an application already read. */
export function owned(
  ctx: { organization: { id: string }; election: { id: string } },
  app: ApplicationRecord | undefined,
  applicationId: string,
): ApplicationRecord {
  if (!app || app.organizationId !== ctx.organization.id || app.electionId !== ctx.election.id) {
    throw new NotFoundError('application', applicationId);
  }
  return app;
}

/** The person, if this organization nominated them in this election (and in `applicationId`, if given). */
export async function ownPerson(ctx: PortalContext, personId: string, applicationId?: string): Promise<Person> {
  const p = await takeOrRead(ctx.readAhead?.people, personId, findPerson);
  if (
    !p ||
    p.organizationId !== ctx.organization.id ||
    p.electionId !== ctx.election.id ||
    (applicationId !== undefined && p.applicationId !== applicationId)
  ) {
    throw new NotFoundError('representative', personId);
  }
  return p;
}
