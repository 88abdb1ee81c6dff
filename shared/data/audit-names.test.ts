/** What an audit entry is about, before any name is read: the record whose name the log shows. */
import { describe, expect, it } from 'vitest';
import { subjectOf } from './audit-names';

const system = { kind: 'system' as const, id: 'job:outbox-consumer', label: 'outbox-consumer' };

describe('subjectOf', () => {
  it('reads a reminder as about the application it was sent for, an access code as about the invitation', () => {
    const mail = (template: string) => ({
      actor: system,
      action: 'email-sent',
      entityType: 'outbox',
      entityId: 'o1',
      detail: { template, subjectEntityId: 'x1' },
    });
    expect(subjectOf(mail('reminder'))).toEqual({ kind: 'application', id: 'x1' });
    expect(subjectOf(mail('access-code'))).toEqual({ kind: 'invitation', id: 'x1' });
    expect(subjectOf(mail('decision-accredited'))).toEqual({ kind: 'person', id: 'x1' });
  });

  it('names a mail entry that does not say whom it concerns through its outbox item', () => {
    const rendered = {
      actor: system,
      action: 'certificate-rendered',
      entityType: 'outbox',
      entityId: 'o2',
      detail: {},
    };
    expect(subjectOf(rendered)).toBeNull();
    expect(subjectOf(rendered, { template: 'certificate', entityId: 'p1' })).toEqual({ kind: 'person', id: 'p1' });
    expect(subjectOf(rendered, { template: 'reminder', entityId: 'a1' })).toEqual({ kind: 'application', id: 'a1' });
  });

  it("reads a certificate as its holder's where the entry says who, else by its number", () => {
    const cert = { actor: system, action: 'render', entityType: 'certificate', entityId: 'e1#0042' };
    expect(subjectOf({ ...cert, detail: { personId: 'p1' } })).toEqual({ kind: 'person', id: 'p1' });
    expect(subjectOf(cert)).toEqual({ kind: 'certificate', id: '0042' });
  });

  it('leaves a sign-in from an address unnamed: the address is not shown', () => {
    const lockout = {
      actor: system,
      action: 'access-code-lockout',
      entityType: 'sign-in-source',
      entityId: '203.0.113.9',
    };
    expect(subjectOf(lockout)).toBeNull();
  });
});
