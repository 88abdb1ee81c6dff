/** The warnings after adding to a draft reach the reviewer as sentences: names, flags explained, clauses. */
import { describe, expect, it } from 'vitest';
import { interpolate } from '../../i18n/format';
import { ru } from '../../i18n/ru';
import { warningSentence } from './draft-warnings';

const t = (key: string, vars?: Record<string, unknown>) => {
  const template = key.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown>)?.[k], ru);
  return typeof template === 'string' ? interpolate(template, vars, 'ru') : key;
};
const PERSON = '01JSEED6000000000000000007';

describe('warnings after adding to a draft', () => {
  it('names the person and explains every flag with its clause, without codes', () => {
    const s = warningSentence(
      {
        personId: PERSON,
        field: 'items.0',
        rule: 'flagged: PASSPORT_EXPIRES_BEFORE_MANDATE_END (3.7), DUPLICATE_NOMINATION (3.1); flags are advice, the CEC decides (3.9)',
      },
      'MUELLER Jonas',
      t,
      'ru',
    );
    expect(s).toContain('MUELLER Jonas');
    expect(s).toContain('(3.7)');
    expect(s).toContain('(3.1)');
    expect(s.replace('MUELLER', '')).not.toMatch(/[A-Z_]{6,}/);
  });

  it('tells that a citizen of the Kyrgyz Republic will be refused (Art. 10)', () => {
    const s = warningSentence(
      {
        personId: PERSON,
        field: 'items.0.decision',
        rule: 'a citizen of the Kyrgyz Republic: adoption will refuse on ground KG_CITIZEN whatever is selected (Art. 10)',
      },
      'ASANOV Bakyt',
      t,
      'ru',
    );
    expect(s).toContain('ASANOV Bakyt');
    expect(s).toContain('ст. 10');
    expect(s.replace('ASANOV', '')).not.toMatch(/[A-Z_]{6,}/);
  });

  it('keeps the clause of any other problem', () => {
    const s = warningSentence(
      {
        personId: PERSON,
        field: 'items.3',
        rule: 'the window is closed (3.6); adoption will refuse it as things stand',
      },
      undefined,
      t,
      'ru',
    );
    expect(s).toContain('3.6');
    expect(s).not.toContain('adoption');
  });
});
