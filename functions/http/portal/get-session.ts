import { isWindowOpen } from '#domain/calendar';
import { httpHandler, ok } from '#http/handler';
import { getPortalSession } from '#http/routes/portal';
import { portalContext } from '#intake/scope';

export const handler = httpHandler(getPortalSession, async ({ principal, now }) => {
  const { organization: o, election: e, invitation: i } = await portalContext(principal, now);
  return ok({
    organization: {
      id: o.id,
      name: o.name,
      type: o.type,
      country: o.country,
      contactEmail: o.contactEmail,
      preferredLanguage: o.preferredLanguage,
    },
    election: {
      id: e.id,
      kind: e.kind,
      name: e.name,
      calledOn: e.calledOn,
      votingDay: e.votingDay,
      calendar: e.calendar,
      phase: e.phase,
      windowOpen: isWindowOpen(e, now),
    },
    invitation: {
      id: i.id,
      invitingAuthority: i.invitingAuthority,
      invitedOn: i.invitedOn,
      mfaDispatchRef: i.mfaDispatchRef,
    },
  });
});
