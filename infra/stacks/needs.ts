/**
 * What each function may touch: the least-privilege grants of every function, derived from the
 * route, schedule and consumer tables by a few explicit rules, with overrides per handler where a rule
 * does not fit. A function gets exactly its needs, each as one binder call (grant + environment).
 *
 * Rules for routes (tell the CDK owner, or add an override row, when a route breaks them):
 * - public GET routes read the table; every other route may write (audit entries, sessions, rate limits);
 * - a path with `upload` signs presigned POSTs into the documents bucket (documents:write);
 * - a path with `document` (not public) signs presigned GETs of documents (documents:read);
 * - a path with `certificate` for staff or portal reads certificate PDFs (certificates:read); the
 *   public verification needs only the table.
 *
 * Secrets are needs too, so each function may read only its own (shared/runtime/secrets.ts):
 * - every route reads the origin secret (it refuses requests that did not come through CloudFront);
 * - portal routes read the portal session key (they verify the session);
 * - the few handlers in SECRET_NEEDS read what they use: the code that signs sessions or seals access
 *   codes, and the code that signs or checks verification links (infra/stack.test.ts checks this list
 *   against what each function's bundle holds).
 */
import type { Route } from '#http/route';

export type Need =
  | 'table:read'
  | 'table:write'
  | 'documents:read'
  | 'documents:write'
  | 'documents:delete'
  | 'certificates:read'
  | 'certificates:write'
  | 'certificates:delete'
  /** Generated downloads (the published list as CSV) under `exports/` of the certificates bucket. */
  | 'exports:read'
  | 'exports:write'
  | 'mail'
  /** The HS256 key of portal sessions, which also seals access codes on their way to the outbox. */
  | 'secret:portal-session'
  /** The key ring of certificate verification links. */
  | 'secret:certificate-keys'
  /** The value CloudFront sends in its origin header (shared/http/origin-check.ts). */
  | 'secret:origin';

export type SecretNeed = Extract<Need, `secret:${string}`>;

/** Secrets beyond the rules: who signs sessions, seals access codes, or signs and checks links. */
export const SECRET_NEEDS: Record<string, readonly SecretNeed[]> = {
  // The sign-in issues the portal session (a public route: no session yet).
  'http/portal/create-session': ['secret:portal-session'],
  // Issuing an access code seals it for the outbox (shared/runtime/sealed.ts).
  'http/admin/invitations/issue': ['secret:portal-session'],
  'http/admin/invitations/reissue-code': ['secret:portal-session'],
  'http/admin/proposals/invite': ['secret:portal-session'],
  // Unseals access codes into their letters; certificates carry a signed verification link.
  'events/outbox-consumer': ['secret:portal-session', 'secret:certificate-keys'],
  // The public checks of a certificate and of a register extract, and the extract that is signed.
  'http/public/verify-certificate': ['secret:certificate-keys'],
  'http/public/check-extract': ['secret:certificate-keys'],
  'http/admin/elections/register-extract': ['secret:certificate-keys'],
};

/** Handlers whose needs the rules do not give: jobs, consumers, and routes that break the rules. */
export const HANDLER_NEEDS: Record<string, readonly Need[]> = {
  'jobs/close-windows': ['table:write'],
  'jobs/expire-mandates': ['table:write'],
  'jobs/remind-organizations': ['table:write'],
  'jobs/purge-documents': ['table:write', 'documents:delete', 'certificates:delete'],
  // Puts failed outbox items back to pending (the consumer sends them) or parks them: the table alone.
  'jobs/redrive-mail': ['table:write'],
  // Mail through SES; certificates rendered with the photo into the certificates bucket, then attached.
  'events/outbox-consumer': ['table:write', 'documents:read', 'certificates:read', 'certificates:write', 'mail'],
  // Checks what arrived (magic bytes, size, image), marks the record; rejected files are deleted.
  'events/upload-checker': ['table:write', 'documents:read', 'documents:delete'],
  // The reviewer's view of one person signs presigned GETs of the passport copy and photo (and audits the view).
  'http/admin/people/get': ['table:write', 'documents:read'],
  // Deleting a draft representative deletes their uploads at once (design principle 7).
  'http/portal/delete-representative': ['table:write', 'documents:delete'],
  // The published list as CSV: a list too large for one response is put under exports/ and linked (303).
  'http/public/observers-csv': ['table:read', 'exports:read', 'exports:write'],
  // The certificate check signs a 5-minute GET of the observer's photo (README: the public pages).
  'http/public/verify-certificate': ['table:read', 'documents:read'],
  // The resolution's act (3.3), the print batch of its certificates and the register extract are
  // rendered into the certificates bucket and linked; each is recorded in the table (audit).
  'events/resolution-documents': ['table:write', 'certificates:write'],
  'http/admin/resolutions/document': ['table:write', 'certificates:read'],
  'http/admin/resolutions/certificates': ['table:write', 'certificates:read', 'certificates:write'],
  'http/admin/elections/register-extract': ['table:write', 'certificates:read', 'certificates:write'],
};

export function routeNeeds(route: Route): readonly Need[] {
  const secrets: Need[] = ['secret:origin', ...(SECRET_NEEDS[route.handler] ?? [])];
  if (route.access.kind === 'portal') secrets.push('secret:portal-session');
  return [...new Set([...resourceNeeds(route), ...secrets])];
}

function resourceNeeds(route: Route): readonly Need[] {
  const override = HANDLER_NEEDS[route.handler];
  if (override) return override;
  const needs = new Set<Need>();
  const path = route.path.toLowerCase();
  needs.add(route.access.kind === 'public' && route.method === 'GET' ? 'table:read' : 'table:write');
  if (path.includes('upload')) needs.add('documents:write');
  if (path.includes('document') && route.access.kind !== 'public') needs.add('documents:read');
  if (path.includes('certificate') && route.access.kind !== 'public') needs.add('certificates:read');
  return [...needs];
}

/** Needs of a job or consumer (not a route). */
export function handlerNeeds(handler: string): readonly Need[] {
  return [...(HANDLER_NEEDS[handler] ?? ['table:write']), ...(SECRET_NEEDS[handler] ?? [])];
}
