import { type AuditSelector, auditPage } from '#data/audit-log';
import { httpHandler, ok } from '#http/handler';
import { listAuditRoute } from '#http/routes/admin-decisions';

export const handler = httpHandler(listAuditRoute, async ({ query }) => {
  const selector: AuditSelector =
    query.entityType && query.entityId
      ? { by: 'entity', entityType: query.entityType, entityId: query.entityId, day: query.day }
      : query.actor
        ? { by: 'actor', actorId: query.actor, day: query.day }
        : { by: 'day', day: query.day! };
  const page = await auditPage(selector, { limit: query.limit, cursor: query.cursor });
  return ok({ data: page.items, nextCursor: page.nextCursor });
});
