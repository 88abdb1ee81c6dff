/**
 * The route table: every HTTP route of the product, one row each. The CDK stack deploys one function
 * per row, the local gateway serves them, handlers take their schemas and access rules from here, and
 * `openapi.ts` documents them. Each area keeps its rows in `routes/<area>.ts`.
 */
import { type Route, routeKey } from './route';
import { publicRoutes } from './routes/public';
import { adminDecisionsRoutes } from './routes/admin-decisions';
import { adminIntakeRoutes } from './routes/admin-intake';
import { portalRoutes } from './routes/portal';
import { mfaRoutes } from './routes/mfa';
import { publicationRoutes } from './routes/publication';

export const routes: readonly Route[] = [
  ...publicRoutes,
  ...adminDecisionsRoutes,
  ...adminIntakeRoutes,
  ...portalRoutes,
  ...mfaRoutes,
  ...publicationRoutes,
];

const byKey = new Map(routes.map((r) => [routeKey(r), r]));
if (byKey.size !== routes.length) throw new Error('the route table holds the same method and path twice');

export function findRoute(method: string, path: string): Route | undefined {
  return byKey.get(`${method} ${path}`);
}
