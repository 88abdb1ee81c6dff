/** Country names in the reader's language, the code beside them, the code alone when unknown. */
import { describe, expect, it } from 'vitest';
import { countryLabel, countryName } from './countries';
import { KY_COUNTRY_NAMES } from './country-names-ky';

describe('country names', () => {
  it('names a country in each language, Kyrgyz first', () => {
    expect(countryName('PL', 'ky')).toBe('Польша');
    expect(countryName('KG', 'ky')).toBe('Кыргызстан');
    expect(countryName('US', 'ky')).toBe('Кошмо Штаттар');
    expect(countryName('KG', 'ru')).toBe('Киргизия');
    expect(countryName('DE', 'ru')).toBe('Германия');
    expect(countryName('DE', 'en')).toBe('Germany');
  });

  it('puts the code beside the name', () => {
    expect(countryLabel('PL', 'ru')).toBe('Польша (PL)');
    expect(countryLabel('kz', 'ky')).toBe('Казакстан (KZ)');
    expect(countryLabel('GB', 'en')).toBe('United Kingdom (GB)');
  });

  it('shows a code it does not know as it is, and nothing for no code', () => {
    for (const lang of ['ky', 'ru', 'en'] as const) {
      expect(countryName('QQ', lang)).toBe('QQ');
      expect(countryLabel('QQ', lang)).toBe('QQ');
      expect(countryLabel('ZZ', lang)).toBe('ZZ');
      expect(countryLabel('P1', lang)).toBe('P1');
      expect(countryLabel('POL', lang)).toBe('POL');
      expect(countryLabel('', lang)).toBe('');
      expect(countryName(undefined, lang)).toBe('');
    }
  });

  it("keeps the Kyrgyz table the browser lacks equal to the server's ICU names", () => {
    const ky = new Intl.DisplayNames(['ky'], { type: 'region' });
    expect(ky.resolvedOptions().locale).toBe('ky');
    expect(Object.keys(KY_COUNTRY_NAMES).length).toBeGreaterThan(240);
    for (const [code, name] of Object.entries(KY_COUNTRY_NAMES)) expect([code, name]).toEqual([code, ky.of(code)]);
  });
});
