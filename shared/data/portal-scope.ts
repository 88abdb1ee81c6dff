/**
 * What every portal request reads before it does anything (2.5, 3.1): the session's invitation (its
 * status and the generation of its current access code), the election (its calendar) and the
 * organization, and, when the path names them, the application and the representative — in one
 * BatchGetItem, all strongly consistent, instead of a GetItem each. A key DynamoDB leaves unprocessed
 * (throttling) is read again on its own, so a missing record is missing, never merely unread.
 */
import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';
import { type ApplicationRecord, applicationFromItem } from './applications';
import { UnreadableElectionError, electionFromItem } from './elections';
import { type InvitationRecord, invitationFromItem } from './invitations';
import { keys } from './keys';
import { organizationFromItem } from './organizations';
import { personFromItem } from './persons';
import type { Election } from '#schemas/election';
import type { Organization } from '#schemas/organization';
import type { Person } from '#schemas/person';

export interface PortalScopeItems {
  invitation: InvitationRecord | undefined;
  election: Election | undefined;
  organization: Organization | undefined;
  /** Only when asked for: undefined when asked for and absent. */
  application?: ApplicationRecord | undefined;
  person?: Person | undefined;
}

type Key = { pk: string; sk: string };

export async function readPortalScope(ids: {
  invitationId: string;
  electionId: string;
  organizationId: string;
  applicationId?: string;
  personId?: string;
}): Promise<PortalScopeItems> {
  const table = config().tableName;
  const wanted: Record<string, Key> = {
    invitation: keys.invitation(ids.invitationId),
    election: keys.election(ids.electionId),
    organization: keys.organization(ids.organizationId),
    ...(ids.applicationId ? { application: keys.application(ids.applicationId) } : {}),
    ...(ids.personId ? { person: keys.person(ids.personId) } : {}),
  };
  const out = await ddb.send(
    new BatchGetCommand({ RequestItems: { [table]: { Keys: Object.values(wanted), ConsistentRead: true } } }),
  );
  const items = [...(out.Responses?.[table] ?? [])];
  for (const key of out.UnprocessedKeys?.[table]?.Keys ?? []) {
    const again = await ddb.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
    if (again.Item) items.push(again.Item);
  }
  const item = (k: Key | undefined) => (k ? items.find((i) => i.pk === k.pk && i.sk === k.sk) : undefined);
  const invitation = item(wanted.invitation);
  const electionItem = item(wanted.election);
  const election = electionItem ? electionFromItem(electionItem) : undefined;
  if (electionItem && !election) throw new UnreadableElectionError(ids.electionId);
  const organization = item(wanted.organization);
  const scope: PortalScopeItems = {
    invitation: invitation ? invitationFromItem(invitation) : undefined,
    election,
    organization: organization ? organizationFromItem(organization) : undefined,
  };
  if (ids.applicationId) {
    const app = item(wanted.application);
    scope.application = app ? applicationFromItem(app) : undefined;
  }
  if (ids.personId) {
    const person = item(wanted.person);
    scope.person = person ? personFromItem(person) : undefined;
  }
  return scope;
}
