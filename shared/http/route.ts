/**
 * What a route is. The route table (`routes.ts`) is made of these; the CDK stack, the local gateway,
 * the handlers and the OpenAPI document all read it (design principle 1).
 */
import type { z } from 'zod';

export const STAFF_GROUPS = ['cec-admin', 'cec-reviewer', 'mfa-officer'] as const;
export type StaffGroup = (typeof STAFF_GROUPS)[number];

export type Access =
  /** Anyone, without a token. */
  | { kind: 'public' }
  /** CEC or MFA staff with a Cognito token of one of the groups. */
  | { kind: 'staff'; groups: readonly StaffGroup[] }
  /** An invited organization with a portal session (from its access code). */
  | { kind: 'portal' };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Route<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  /** API Gateway path with `{name}` parameters. */
  path: string;
  /** The function's entry module under `functions/`, without extension; it exports `handler`. */
  handler: string;
  access: Access;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Schema of a JSON response body, for the OpenAPI document. */
  response?: z.ZodType;
  /** Non-JSON media types a route answers with (e.g. CSV), for the OpenAPI document. */
  produces?: string[];
  /** Largest accepted body in bytes (default 256 KiB). */
  maxBodyBytes?: number;
}

export function defineRoute<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
>(route: Route<P, Q, B>): Route<P, Q, B> {
  return route;
}

export const routeKey = (r: Pick<Route, 'method' | 'path'>) => `${r.method} ${r.path}`;

/** Role sets used across the table. */
export const ANY_STAFF: readonly StaffGroup[] = ['cec-admin', 'cec-reviewer', 'mfa-officer'];
export const CEC_STAFF: readonly StaffGroup[] = ['cec-admin', 'cec-reviewer'];
export const CEC_ADMIN: readonly StaffGroup[] = ['cec-admin'];
export const MFA: readonly StaffGroup[] = ['mfa-officer', 'cec-admin'];
