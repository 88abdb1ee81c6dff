import { describe, expect, it } from 'vitest';
import { actorOf, groupsOf } from './auth';

describe('groupsOf: the Cognito groups claim in every shape it arrives in', () => {
  it.each([
    { label: 'HTTP API flattened list', claim: '[cec-admin cec-reviewer]', groups: ['cec-admin', 'cec-reviewer'] },
    { label: 'JSON array (REST API, local gateway)', claim: ['mfa-officer'], groups: ['mfa-officer'] },
    { label: 'single flattened group', claim: '[cec-reviewer]', groups: ['cec-reviewer'] },
    { label: 'comma-separated', claim: 'cec-admin, mfa-officer', groups: ['cec-admin', 'mfa-officer'] },
    {
      label: 'unknown groups are dropped',
      claim: '[Admins cec-reviewer us-east-1_X_Google]',
      groups: ['cec-reviewer'],
    },
    { label: 'no claim', claim: undefined, groups: [] },
    { label: 'an empty list', claim: '[]', groups: [] },
    { label: 'a number', claim: 42, groups: [] },
  ])('$label', ({ claim, groups }) => {
    expect(groupsOf({ 'cognito:groups': claim })).toEqual(groups);
  });
});

describe('actorOf: who the audit log names', () => {
  it.each([
    {
      principal: { kind: 'staff' as const, sub: 's1', email: 'a@shailoo.gov.kg', groups: [] },
      actor: { kind: 'staff', id: 's1', label: 'a@shailoo.gov.kg' },
    },
    {
      principal: {
        kind: 'portal' as const,
        organizationId: 'O1',
        electionId: 'E1',
        invitationId: 'I1',
        sessionId: 'S1',
      },
      actor: { kind: 'organization', id: 'O1', label: 'organization O1' },
    },
    { principal: { kind: 'public' as const }, actor: { kind: 'public', id: 'anonymous', label: 'public' } },
  ])('$principal.kind', ({ principal, actor }) => {
    expect(actorOf(principal)).toEqual(actor);
  });
});
