/**
 * Every `error.code` the API answers with, the HTTP status that carries it and what it means, for the
 * OpenAPI document (`ErrorCode`). The mapping itself lives in `errors.ts`; `openapi.test.ts` scans the
 * sources so a code thrown anywhere but missing here fails the build.
 */

export interface ErrorCodeInfo {
  status: number;
  meaning: string;
  /** The clause of the Regulation (or the Constitutional Law) the refusal rests on, where there is one. */
  clause?: string;
}

export const ERROR_CODES = {
  VALIDATION_FAILED: {
    status: 400,
    meaning: 'The request breaks a rule of its schema; `issues` names each field and the rule',
  },
  UNAUTHORIZED: {
    status: 401,
    meaning: 'No valid portal session or access code; staff tokens are refused by the gateway itself',
  },
  FORBIDDEN: { status: 403, meaning: 'The token is valid but none of its groups may call the route' },
  NOT_FOUND: {
    status: 404,
    meaning: 'No such record, or it belongs to another organization or election than the session',
  },
  STALE_VERSION: {
    status: 409,
    meaning: 'The record changed since it was read: reload it and send the new version',
  },
  ILLEGAL_TRANSITION: { status: 409, meaning: 'The representative’s status does not allow the change' },
  WINDOW_CLOSED: {
    status: 409,
    meaning: 'The accreditation window is closed (from 00:00 Asia/Bishkek of voting day − 2) or not yet open',
    clause: '3.6',
  },
  CALLING_NOT_PUBLISHED: {
    status: 409,
    meaning: 'Invitations only after the decision calling the election is officially published',
    clause: '2.2',
  },
  ALREADY_INVITED: {
    status: 409,
    meaning: 'One invitation per organization and election; reissue its access code instead',
    clause: '2.2',
  },
  INVITATION_INACTIVE: { status: 409, meaning: 'The invitation was withdrawn: it has no access code' },
  NOT_INVITABLE: {
    status: 409,
    meaning: 'A non-profit proposer may propose whom to invite but is not invited itself',
    clause: '2.3',
  },
  NOT_A_PROPOSER: {
    status: 409,
    meaning: 'Only organizations recorded as non-profit proposers propose whom to invite',
    clause: '2.3',
  },
  PROPOSAL_CLOSED: { status: 409, meaning: 'The proposal was already invited or declined', clause: '2.3' },
  APPLICATION_NOT_DRAFT: {
    status: 409,
    meaning: 'The application was submitted: its letter and people can no longer change',
    clause: '3.1',
  },
  NOT_EDITABLE: {
    status: 409,
    meaning: 'The representative can be changed only while draft or returned',
    clause: '3.1',
  },
  NOT_A_DRAFT: {
    status: 409,
    meaning: 'Only a draft representative never submitted can be deleted; withdraw the others',
    clause: '3.1',
  },
  TOO_MANY_REPRESENTATIVES: {
    status: 409,
    meaning: 'An application lists at most 200 representatives',
    clause: '3.1',
  },
  CHANNEL_FIXED: {
    status: 409,
    meaning: 'The channel of an application already submitted cannot change',
    clause: '3.2',
  },
  NOT_WITHDRAWABLE: {
    status: 409,
    meaning: 'Only an undecided representative can be withdrawn; ask for a revocation after accreditation',
    clause: '3.1, 4.7 b',
  },
  NOT_ACCREDITED: {
    status: 409,
    meaning: 'The representative is not accredited: no certificate, no revocation request',
    clause: '3.4, 4.7 b',
  },
  NOT_MFA_CHANNEL: {
    status: 409,
    meaning: 'The application was sent directly to the CEC, not through the MFA',
    clause: '3.2',
  },
  NOT_IN_MFA_QUEUE: { status: 409, meaning: 'The application is not waiting for the MFA’s check', clause: '3.2' },
  RESOLUTION_NUMBER_TAKEN: {
    status: 409,
    meaning: 'Resolution numbers are unique within an election',
    clause: '3.3',
  },
  RESOLUTION_NOT_DRAFT: { status: 409, meaning: 'Only a draft resolution can be changed', clause: '3.3' },
  RESOLUTION_DISCARDED: { status: 409, meaning: 'A discarded resolution cannot be adopted', clause: '3.3' },
  RESOLUTION_EMPTY: { status: 409, meaning: 'A resolution without items cannot be adopted', clause: '3.3' },
  DOCUMENT_NOT_READY: {
    status: 409,
    meaning: 'The adopted resolution’s document is being rendered; try again in a minute',
    clause: '3.3',
  },
  RESOLUTION_NOT_ADOPTED: {
    status: 409,
    meaning: 'The resolution is not adopted yet: its document and certificates exist only once it is',
    clause: '3.3',
  },
  ITEM_APPLIED: {
    status: 409,
    meaning: 'The decision on this person was applied already and cannot be removed',
    clause: '3.3',
  },
  NO_ADOPTION: { status: 409, meaning: 'The resolution has no adoption to resume', clause: '3.3' },
  ADOPTION_NOT_ALLOWED: {
    status: 409,
    meaning: 'The resolution’s date or the calendar does not allow adoption now (e.g. outside the window)',
    clause: '3.3, 3.6',
  },
  ADOPTION_BLOCKED: {
    status: 409,
    meaning: 'Some items cannot be applied, so none was (all or none); `issues` names each person and why',
    clause: '3.3',
  },
  CALENDAR_CHANGED: {
    status: 409,
    meaning: 'The election calendar changed during the adoption: adopt again to check the window against it',
    clause: '3.6',
  },
  CERTIFICATE_NOT_READY: {
    status: 409,
    meaning: 'The certificate is being prepared; try again in a minute',
    clause: '3.4',
  },
  CERTIFICATE_REVOKED: {
    status: 409,
    meaning: 'The accreditation was revoked: the certificate is no longer valid',
    clause: '4.7',
  },
  OUTBOX_STATE: { status: 409, meaning: 'The outbox item was sent already or is still being delivered' },
  PAYLOAD_TOO_LARGE: { status: 413, meaning: 'The body is larger than the route accepts' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, meaning: 'Send the body as application/json' },
  RATE_LIMITED: {
    status: 429,
    meaning: 'Too many wrong access codes for the organization; wait for `Retry-After` seconds',
  },
  INTERNAL: { status: 500, meaning: 'Internal error: nothing was applied; `requestId` finds the detail in the log' },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;
export const ERROR_CODE_NAMES = Object.keys(ERROR_CODES) as ErrorCode[];

/** The statuses that carry error codes, each with its codes (for the responses of every operation). */
export function codesByStatus(): Map<number, ErrorCode[]> {
  const out = new Map<number, ErrorCode[]>();
  for (const code of ERROR_CODE_NAMES) {
    const { status } = ERROR_CODES[code];
    out.set(status, [...(out.get(status) ?? []), code]);
  }
  return out;
}
