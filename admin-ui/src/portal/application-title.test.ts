/** Applications are named by the number the CEC gave them, their day in Bishkek and their channel. */
import { describe, expect, it } from 'vitest';
import { applicationTitle } from './application-title';
import { translator } from './portal-i18n';

const sent = {
  number: 'PR27-A-0042',
  createdAt: '2026-11-20T10:00:00Z',
  submittedAt: '2026-11-22T20:30:00Z',
  channel: 'direct',
};
const draft = { number: 'PR27-A-0043', createdAt: '2026-11-25T19:00:00Z', submittedAt: null, channel: 'mfa' };

describe('application titles', () => {
  it('names a sent application by its number and the day it was sent in Bishkek', () => {
    expect(applicationTitle(sent, translator('ru'), 'ru')).toBe('Заявка № PR27-A-0042 от 23.11.2026 · Напрямую в ЦИК');
    expect(applicationTitle(sent, translator('en'), 'en')).toMatch(/^Application No\. PR27-A-0042 of 23\/11\/2026 · /);
    expect(applicationTitle(sent, translator('ky'), 'ky')).toContain('PR27-A-0042');
  });

  it('names a draft by its number and the day it was started', () => {
    const title = applicationTitle(draft, translator('ru'), 'ru');
    expect(title).toContain('№ PR27-A-0043');
    expect(title).toContain('26.11.2026');
  });

  it('still names an application stored before numbers were given, by its day', () => {
    const title = applicationTitle({ ...sent, number: null }, translator('en'), 'en');
    expect(title).toMatch(/^Application of 23\/11\/2026 · /);
    expect(title).not.toContain('null');
  });
});
