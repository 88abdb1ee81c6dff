/**
 * Every message key the code names exists in English, and Russian and Kyrgyz say something of their
 * own for each (the types already make them have the same keys).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLAG_CODES } from '#domain/eligibility';
import { PERSON_STATUSES } from '#domain/lifecycle';
import { interpolate, pluralIndex } from './format';
import { appMessages } from './messages';

const SRC = join(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) && !f.endsWith('.test.ts') ? [p] : [];
  });
}

function lookup(obj: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((n, k) => (n && typeof n === 'object' ? (n as Record<string, unknown>)[k] : undefined), obj);
}

function leaves(obj: unknown, prefix = ''): [string, string][] {
  if (typeof obj === 'string') return [[prefix, obj]];
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('messages', () => {
  it('holds every literal key the code uses', () => {
    const used = new Set<string>();
    for (const f of files(SRC)) {
      for (const m of readFileSync(f, 'utf8').matchAll(/['"`](cec\.[a-z_]+(?:\.[A-Za-z_-]+)+)['"`]/g)) used.add(m[1]!);
    }
    const storage = /^cec\.(triage|staff|portal\.session|lang$)/;
    const missing = [...used].filter((k) => !storage.test(k) && typeof lookup(appMessages.en, k) !== 'string');
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(100);
  });

  it('names every status and flag the domain knows, in all three languages', () => {
    for (const lang of ['en', 'ru', 'ky'] as const) {
      for (const s of PERSON_STATUSES) expect(lookup(appMessages[lang], `cec.status.${s}`)).toBeTypeOf('string');
      for (const f of FLAG_CODES) expect(lookup(appMessages[lang], `cec.flag_short.${f}`)).toBeTypeOf('string');
    }
  });

  it('has Russian and Kyrgyz that are not English left untranslated', () => {
    const en = new Map(leaves(appMessages.en));
    for (const lang of ['ru', 'ky'] as const) {
      const same = leaves(appMessages[lang]).filter(
        ([k, v]) => v === en.get(k) && /[a-z]{4,}/.test(v) && !/^(CSV|OSCE|Art\.)/.test(v),
      );
      expect(same.map(([k]) => k)).toEqual([]);
    }
  });

  it('interpolates and picks plural forms as polyglot does (Russian three, Kyrgyz one)', () => {
    const ru = appMessages.ru.cec.grid.rows;
    expect(interpolate(ru, { smart_count: 1 }, 'ru')).toBe('1 человек');
    expect(interpolate(ru, { smart_count: 3 }, 'ru')).toBe('3 человека');
    expect(interpolate(ru, { smart_count: 11 }, 'ru')).toBe('11 человек');
    expect(interpolate(appMessages.ky.cec.grid.rows, { smart_count: 21 }, 'ky')).toBe('21 адам');
    expect(pluralIndex(22, 'ru')).toBe(1);
    expect(interpolate('%{a} and %{b}', { a: 1 }, 'en')).toBe('1 and %{b}');
  });
});
