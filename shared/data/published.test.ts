import { describe, expect, it } from 'vitest';
import { csvField, csvRow } from './published';

describe('CSV of the published list (RFC 4180)', () => {
  it('quotes fields with commas, quotes or line breaks and doubles the quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Mission, Europe')).toBe('"Mission, Europe"');
    expect(csvField('The "Best" Mission')).toBe('"The ""Best"" Mission"');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
  });

  it('defuses what a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('writes a row of public fields only, the status in the asked language', () => {
    const row = csvRow(
      {
        name: { latin: 'Ongarbaeva Umut', cyrillic: 'Өңгарбаева Үмүт' },
        organization: { id: '01ORG', name: 'OSCE, ODIHR', names: { original: 'OSCE, ODIHR' } },
        country: 'PL',
        countryName: 'Польша',
        certificateNumber: '2027-PR-7QXA-00042',
        status: 'revoked',
      },
      'ru',
    );
    expect(row).toBe(
      'Ongarbaeva Umut,Өңгарбаева Үмүт,"OSCE, ODIHR",Польша,PL,2027-PR-7QXA-00042,аккредитация отозвана (4.7)',
    );
  });
});
