/** Applications of one organization are numbered by when they were started and dated. */
import { describe, expect, it } from 'vitest';
import { applicationNumber, applicationTitle } from './application-number';
import { translator } from './portal-i18n';

const apps = [
  { id: 'B', createdAt: '2026-11-20T10:00:00Z', submittedAt: '2026-11-22T20:30:00Z', channel: 'direct' },
  { id: 'A', createdAt: '2026-11-18T10:00:00Z', submittedAt: null, channel: 'direct' },
  { id: 'C', createdAt: '2026-11-25T10:00:00Z', submittedAt: null, channel: 'mfa' },
];

describe('application numbers', () => {
  it('numbers in the order started, whatever the order listed', () => {
    expect(apps.map((a) => applicationNumber(apps, a.id))).toEqual([2, 1, 3]);
  });

  it('gives each a title with its number, its day and its channel', () => {
    const t = translator('ru');
    expect(applicationTitle(apps, apps[0]!, t, 'ru')).toBe('Заявка №2 от 23.11.2026 · Напрямую в ЦИК');
    expect(applicationTitle(apps, apps[1]!, t, 'ru')).toContain('№1');
    expect(applicationTitle(apps, apps[1]!, t, 'ru')).toContain('18.11.2026');
  });
});
