/** When loaded rows may answer a filter: only a filter that narrows the loaded list's, as the API reads it. */
import { describe, expect, it } from 'vitest';
import { isLocalFilter, narrows, sameScope } from './grid-view';

describe('narrows', () => {
  it('takes a filter that adds fields or extends the name prefix', () => {
    expect(narrows({}, { status: 'submitted' })).toBe(true);
    expect(narrows({ status: 'submitted' }, { status: 'submitted', checked: true })).toBe(true);
    expect(narrows({ name: 'iva' }, { name: 'IVANOV S' })).toBe(true);
    expect(narrows({ checked: 'true' }, { checked: true })).toBe(true);
  });

  it('refuses a filter that widens, changes a value, or that only the API can judge', () => {
    expect(narrows({ status: 'submitted' }, {})).toBe(false);
    expect(narrows({ status: 'submitted' }, { status: 'refused' })).toBe(false);
    expect(narrows({ name: 'IVANOV' }, { name: 'IVA' })).toBe(false);
    expect(narrows({}, { name: '123' })).toBe(false);
    expect(narrows({}, { unknown: 'x' })).toBe(false);
    expect(isLocalFilter({ status: undefined, name: '' })).toBe(true);
  });

  it('keeps the counts only within the same organization and country', () => {
    expect(sameScope({}, { status: 'submitted', name: '' })).toBe(true);
    expect(sameScope({}, { organizationId: 'X' })).toBe(false);
    expect(sameScope({ country: 'DE' }, { country: 'DE', flag: 'KG_CITIZEN' })).toBe(true);
  });
});
