import { describe, expect, it } from 'vitest';
import {
  REFUSAL_GROUND_CODES,
  REFUSAL_GROUNDS,
  REVIEWER_REFUSAL_GROUNDS,
  REVOCATION_REASON_CODES,
  REVOCATION_REASONS,
  type RefusalGround,
  type RevocationReason,
  groundsFutureRefusal,
} from './grounds';

describe('4.7, 3.9: only a revocation for a violation (a) marked gross grounds a later refusal', () => {
  it.each<{ reason: RevocationReason; gross: boolean; grounds: boolean }>([
    { reason: 'VIOLATION', gross: true, grounds: true },
    { reason: 'VIOLATION', gross: false, grounds: false },
    { reason: 'ORGANIZATION_REQUEST', gross: true, grounds: false },
    { reason: 'ORGANIZATION_REQUEST', gross: false, grounds: false },
    { reason: 'OBSERVER_REQUEST', gross: true, grounds: false },
    { reason: 'OBSERVER_REQUEST', gross: false, grounds: false },
  ])('4.7: $reason, gross $gross -> grounds PREVIOUSLY_REVOKED: $grounds', ({ reason, gross, grounds }) => {
    expect(groundsFutureRefusal(reason, gross)).toBe(grounds);
  });
});

describe('grounds and reasons carry their clause and labels in ky, ru and en', () => {
  it.each<{ code: RefusalGround; clause: string }>([
    { code: 'NO_LEGAL_CAPACITY', clause: '3.9' },
    { code: 'DOCUMENTS_MISSING_OR_INACCURATE', clause: '3.9' },
    { code: 'AIMS_CONTRARY_TO_LAW', clause: '3.9' },
    { code: 'PREVIOUSLY_REVOKED', clause: '3.9' },
    { code: 'KG_CITIZEN', clause: 'Art. 10' },
    { code: 'WINDOW_CLOSED', clause: '3.6' },
  ])('$clause: refusal ground $code', ({ code, clause }) => {
    expect(REFUSAL_GROUNDS[code].clause).toBe(clause);
    for (const lang of ['ky', 'ru', 'en'] as const) expect(REFUSAL_GROUNDS[code].label[lang]).not.toBe('');
    expect(REFUSAL_GROUNDS[code].label.ky).toMatch(/[\u0400-\u04FF]/);
  });

  it.each<{ code: RevocationReason; clause: string }>([
    { code: 'VIOLATION', clause: '4.7 a' },
    { code: 'ORGANIZATION_REQUEST', clause: '4.7 b' },
    { code: 'OBSERVER_REQUEST', clause: '4.7 c' },
  ])('$clause: revocation reason $code', ({ code, clause }) => {
    expect(REVOCATION_REASONS[code].clause).toBe(clause);
    for (const lang of ['ky', 'ru', 'en'] as const) expect(REVOCATION_REASONS[code].label[lang]).not.toBe('');
  });

  it('3.6: WINDOW_CLOSED is applied by the system, never chosen by a reviewer', () => {
    expect(REVIEWER_REFUSAL_GROUNDS).not.toContain('WINDOW_CLOSED');
    expect(REVIEWER_REFUSAL_GROUNDS.every((g) => REFUSAL_GROUND_CODES.includes(g))).toBe(true);
    expect([...REFUSAL_GROUND_CODES].sort()).toEqual([...REVIEWER_REFUSAL_GROUNDS, 'WINDOW_CLOSED'].sort());
  });

  it('4.7: exactly three revocation reasons (a), (b), (c)', () => {
    expect(REVOCATION_REASON_CODES).toHaveLength(3);
  });
});
