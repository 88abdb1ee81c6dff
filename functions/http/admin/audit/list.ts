import { type AuditSelector, auditPage } from '#data/audit-log';
import { withNames } from '#data/audit-names';
import { httpHandler, ok } from '#http/handler';
import { listAuditRoute } from '#http/routes/admin-decisions';

export const handler = httpHandler(listAuditRoute, async ({ query }) => {
  const selector: AuditSelector =
    query.entityType && query.entityId
      ? { by: 'entity', entityType: query.entityType, entityId: query.entityId, day: query.day }
      : query.actor
        ? { by: 'actor', actorId: query.actor, day: query.day }
        : query.bishkekDay
          ? { by: 'bishkek-day', day: query.bishkekDay }
          : { by: 'day', day: query.day! };
  const page = await auditPage(selector, { limit: query.limit, cursor: query.cursor });
  // People read names, not ids: the page names what each entry is about (shared/data/audit-names.ts).
  return ok({ data: await withNames(page.items), nextCursor: page.nextCursor });
});
