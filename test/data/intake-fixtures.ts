/**
 * Calling the intake's handlers directly with API Gateway 2.0 events (events/apigw), as staff of a
 * group, as an organization with a portal session, or anonymously; and the records the intake suites
 * start from. Each call makes fresh ids and passport numbers, so files share the table without clashing.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { apigwEvent, forRoute, withJsonBody } from '../../events/apigw/load';
import { queryPage } from '#data/paging';
import { indexPartitions } from '#data/keys';
import type { StaffGroup } from '#http/route';
import { unseal } from '#runtime/sealed';
import * as createElectionFn from '#functions/http/admin/elections/create';
import * as createOrganizationFn from '#functions/http/admin/organizations/create';
import * as issueInvitationFn from '#functions/http/admin/invitations/issue';
import * as createSessionFn from '#functions/http/portal/create-session';
import * as createApplicationFn from '#functions/http/portal/create-application';
import * as addRepresentativeFn from '#functions/http/portal/add-representative';
import * as requestUploadFn from '#functions/http/portal/request-upload';
import { adminCreateElection, adminCreateOrganization, adminIssueInvitation } from '#http/routes/admin-intake';
import {
  addPortalRepresentative,
  createPortalApplication,
  createPortalSession,
  requestPortalUpload,
} from '#http/routes/portal';
import { type CheckOutcome, type ObjectStore, checkUploadedObject } from '#uploads/checker';
import { clock } from '#runtime/clock';
import { fixture } from '#test/fixtures/documents';

export const lambdaContext: Context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'cec-observers-intake-test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:cec-observers-intake-test',
  memoryLimitInMB: '512',
  awsRequestId: 'd7bf0bd7-8c72-22f7-0b52-04f923456789',
  logGroupName: '/aws/lambda/cec-observers-intake-test',
  logStreamName: '2027/02/24/[$LATEST]0123456789abcdef',
  getRemainingTimeInMillis: () => 29_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

export type Caller = { staff: StaffGroup[]; sub?: string } | { portal: string } | { anonymous: true; ip?: string };

export const ADMIN: Caller = { staff: ['cec-admin'], sub: 'admin-sub' };
export const REVIEWER: Caller = { staff: ['cec-reviewer'], sub: 'reviewer-sub' };
export const MFA_OFFICER: Caller = { staff: ['mfa-officer'], sub: 'mfa-sub' };
export const ANONYMOUS: Caller = { anonymous: true };

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** An object is sent as JSON; a string is sent as it is. */
  body?: unknown;
}

export interface Response<T = Record<string, unknown>> {
  status: number;
  headers: Record<string, string>;
  body: T;
}

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export function eventFor(
  caller: Caller,
  route: { method: string; path: string },
  opts: CallOptions = {},
): APIGatewayProxyEventV2 {
  let event: APIGatewayProxyEventV2;
  if ('staff' in caller) {
    event = forRoute(apigwEvent('staff-get'), route, { pathParameters: opts.params, query: opts.query });
    const ctx = event.requestContext as unknown as { authorizer: { jwt: { claims: Record<string, unknown> } } };
    ctx.authorizer.jwt.claims = {
      ...ctx.authorizer.jwt.claims,
      sub: caller.sub ?? `sub-${caller.staff.join('-')}`,
      email: `${caller.staff.join('.')}@cec.local`,
      'cognito:groups': `[${caller.staff.join(' ')}]`,
    };
  } else {
    event = forRoute(apigwEvent('portal-post'), route, { pathParameters: opts.params, query: opts.query });
    const headers = { ...event.headers };
    if ('portal' in caller) headers.authorization = `Bearer ${caller.portal}`;
    else {
      delete headers.authorization;
      if (caller.ip) event.requestContext.http.sourceIp = caller.ip;
    }
    event.headers = headers;
    event.body = undefined;
  }
  if (opts.body !== undefined) event = withJsonBody(event, opts.body);
  else {
    event.body = undefined;
    const { 'content-length': _l, 'content-type': _t, ...rest } = event.headers;
    event.headers = rest;
  }
  return event;
}

export async function call<T = Record<string, unknown>>(
  mod: { handler: unknown },
  route: { method: string; path: string },
  caller: Caller,
  opts: CallOptions = {},
): Promise<Response<T>> {
  const res = await (mod.handler as Handler)(eventFor(caller, route, opts), lambdaContext);
  const text = typeof res.body === 'string' ? res.body : '';
  return {
    status: res.statusCode ?? 200,
    headers: (res.headers ?? {}) as Record<string, string>,
    body: (text ? JSON.parse(text) : {}) as T,
  };
}

let passportSeq = Math.floor(Math.random() * 1e6);

/** A representative as the portal form sends one; a fresh passport number each time. */
export function representative(over: Record<string, unknown> = {}) {
  passportSeq++;
  return {
    familyNameLatin: 'Schmidt',
    givenNamesLatin: 'Anna',
    familyNameCyrillic: 'Шмидт',
    givenNamesCyrillic: 'Анна',
    sex: 'F',
    dateOfBirth: '1980-05-17',
    citizenship: 'DE',
    passportNumber: `X${Date.now().toString(36).toUpperCase()}${passportSeq}`,
    passportExpiresOn: '2031-05-16',
    role: 'observer',
    email: 'anna.schmidt@example.org',
    phone: '+49 30 1234567',
    preferredLanguage: 'en',
    ...over,
  };
}

export function electionBody(over: Record<string, unknown> = {}) {
  return {
    kind: 'presidential',
    name: { ky: 'Президенттик шайлоо', ru: 'Президентские выборы', en: 'Presidential election' },
    calledOn: '2027-01-10',
    votingDay: '2027-03-14',
    ...over,
  };
}

export function organizationBody(over: Record<string, unknown> = {}) {
  return {
    name: { original: `Zentrale Wahlkommission ${Math.random().toString(36).slice(2, 8)}`, en: 'Election Commission' },
    type: 'foreign_election_body',
    country: 'DE',
    contactEmail: 'office@wahlen.example.de',
    preferredLanguage: 'en',
    ...over,
  };
}

/**
 * The access code of the invitation's latest email, taken from the outbox item as the mail consumer
 * would (unsealed); proves the code travels only sealed.
 */
export async function accessCodeFromOutbox(invitationId: string, issuedAt: string): Promise<string> {
  const page = await queryPage<Record<string, unknown>>({
    index: 'gsi1',
    partition: indexPartitions.outboxByStatus('pending'),
    prefix: issuedAt,
    limit: 50,
    filter: { expression: 'entityId = :id', names: {}, values: { ':id': invitationId } },
  });
  const item = page.items.find((i) => i.template === 'access-code');
  const payload = item?.payload as { sealedCode?: string } | undefined;
  if (!payload?.sealedCode) throw new Error(`no access-code outbox item for invitation ${invitationId}`);
  return unseal(payload.sealedCode);
}

// ---------------------------------------------------------------------------------------------------
// The world the portal suites start from: an election, an organization invited to it, its session.

export interface Invited {
  electionId: string;
  organizationId: string;
  invitationId: string;
  code: string;
  token: string;
  portal: Caller;
}

export async function createElectionAs(caller: Caller, over: Record<string, unknown> = {}) {
  const res = await call<{ id: string }>(createElectionFn, adminCreateElection, caller, { body: electionBody(over) });
  if (res.status !== 201) throw new Error(`election not created: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export async function createOrganizationAs(caller: Caller, over: Record<string, unknown> = {}) {
  const res = await call<{ id: string }>(createOrganizationFn, adminCreateOrganization, caller, {
    body: organizationBody(over),
  });
  if (res.status !== 201) throw new Error(`organization not created: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export async function invite(electionId: string, organizationId: string) {
  const res = await call<{ invitation: { id: string; codeIssuedAt: string } }>(
    issueInvitationFn,
    adminIssueInvitation,
    ADMIN,
    {
      body: {
        electionId,
        organizationId,
        invitingAuthority: 'cec',
        invitedOn: '2027-01-15',
        mfaDispatchRef: `MFA-${Math.floor(Math.random() * 1e6)}`,
      },
    },
  );
  if (res.status !== 201) throw new Error(`invitation not issued: ${JSON.stringify(res.body)}`);
  return res.body.invitation;
}

export async function signIn(code: string) {
  return call<{ token: string; expiresAt: string; organizationId: string; electionId: string }>(
    createSessionFn,
    createPortalSession,
    ANONYMOUS,
    { body: { accessCode: code } },
  );
}

/** An election (or the one given), a new organization invited to it, and its portal session. */
export async function invitedOrganization(
  opts: { electionId?: string; organization?: Record<string, unknown> } = {},
): Promise<Invited> {
  const electionId = opts.electionId ?? (await createElectionAs(ADMIN));
  const organizationId = await createOrganizationAs(ADMIN, opts.organization);
  const invitation = await invite(electionId, organizationId);
  const code = await accessCodeFromOutbox(invitation.id, invitation.codeIssuedAt);
  const session = await signIn(code);
  if (session.status !== 201) throw new Error(`sign-in failed: ${JSON.stringify(session.body)}`);
  return {
    electionId,
    organizationId,
    invitationId: invitation.id,
    code,
    token: session.body.token,
    portal: { portal: session.body.token },
  };
}

export async function newApplication(who: Invited, channel: 'direct' | 'mfa' = 'direct') {
  const res = await call<{ id: string; version: number }>(createApplicationFn, createPortalApplication, who.portal, {
    body: { channel },
  });
  if (res.status !== 201) throw new Error(`application not created: ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function addPerson(who: Invited, applicationId: string, over: Record<string, unknown> = {}) {
  const res = await call<{ id: string; version: number; flags: { code: string }[] }>(
    addRepresentativeFn,
    addPortalRepresentative,
    who.portal,
    { params: { applicationId }, body: representative(over) },
  );
  if (res.status !== 201) throw new Error(`representative not added: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The documents bucket, in memory: what the upload check reads, and what it deletes. */
export class MemoryStore implements ObjectStore {
  readonly objects = new Map<string, { bytes: Buffer; at: Date; contentType?: string }>();
  /** `contentType` is the Content-Type the object is stored with, as S3 keeps the upload's field. */
  put(key: string, bytes: Buffer, contentType?: string) {
    this.objects.set(key, { bytes, at: clock.now(), contentType });
  }
  async head(key: string) {
    const o = this.objects.get(key);
    return o ? { size: o.bytes.length, contentType: o.contentType, lastModified: o.at } : null;
  }
  async read(key: string, maxBytes: number) {
    return (this.objects.get(key)?.bytes ?? Buffer.alloc(0)).subarray(0, maxBytes + 1);
  }
  async remove(key: string) {
    this.objects.delete(key);
  }
}

/** Asks for an upload as the portal does, "posts" the bytes to the store, and runs the upload check. */
export async function upload(
  who: Invited,
  store: MemoryStore,
  applicationId: string,
  doc: {
    kind: 'letter' | 'passport' | 'photo';
    personId?: string;
    contentType: string;
    bytes: Buffer;
    /** The Content-Type the object ends up stored with, when it differs from the one asked for. */
    storedAs?: string;
  },
): Promise<{ key: string; outcome: CheckOutcome }> {
  const res = await call<{ key: string }>(requestUploadFn, requestPortalUpload, who.portal, {
    params: { applicationId },
    body: { kind: doc.kind, contentType: doc.contentType, ...(doc.personId ? { personId: doc.personId } : {}) },
  });
  if (res.status !== 201) throw new Error(`upload refused: ${JSON.stringify(res.body)}`);
  store.put(res.body.key, doc.bytes, doc.storedAs ?? doc.contentType);
  return { key: res.body.key, outcome: await checkUploadedObject(res.body.key, clock.now(), store) };
}

/**
 * A draft application ready to submit: `people` representatives (named Person A, B, C …, or as
 * `names` says), the letter, and each one's passport copy and photo uploaded and accepted.
 */
export async function completeApplication(
  who: Invited,
  store: MemoryStore,
  people: number | readonly string[] = 3,
  channel: 'direct' | 'mfa' = 'direct',
) {
  const names =
    typeof people === 'number' ? Array.from({ length: people }, (_, i) => `Person ${'ABC'[i] ?? 'X'}`) : people;
  const app = await newApplication(who, channel);
  const persons = [];
  for (const name of names) persons.push(await addPerson(who, app.id, { givenNamesLatin: name }));
  await upload(who, store, app.id, {
    kind: 'letter',
    contentType: 'application/pdf',
    bytes: await fixture('letter.pdf'),
  });
  for (const p of persons) {
    await upload(who, store, app.id, {
      kind: 'passport',
      personId: p.id,
      contentType: 'image/png',
      bytes: await fixture('passport.png'),
    });
    await upload(who, store, app.id, {
      kind: 'photo',
      personId: p.id,
      contentType: 'image/jpeg',
      bytes: await fixture('photo.jpg'),
    });
  }
  return { app, persons };
}
