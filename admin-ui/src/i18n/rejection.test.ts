import { describe, expect, it } from 'vitest';
import { REJECTION_CODES } from '#schemas/document';
import { translator } from '../portal/portal-i18n';
import { rejectionText } from './rejection';

describe('a refused upload in the reader language', () => {
  it('says every rejection code in Kyrgyz, Russian and English, never the check’s English words', () => {
    for (const lang of ['ky', 'ru', 'en'] as const) {
      const t = translator(lang);
      for (const code of REJECTION_CODES) {
        const text = rejectionText({ rejectionCode: code, rejectionReason: 'the check said so' }, t);
        expect(text, `${lang} ${code}`).not.toBe(`cec.upload_rejected.${code}`);
        expect(text, `${lang} ${code}`).not.toBe('the check said so');
        expect(text.length).toBeGreaterThan(8);
      }
    }
    expect(rejectionText({ rejectionCode: 'EMPTY', rejectionReason: 'x' }, translator('ky'))).toBe('Файл бош.');
  });

  it('falls back to the check’s own words for a code it does not know, and says nothing when nothing was refused', () => {
    const t = translator('ru');
    expect(rejectionText({ rejectionCode: 'SOMETHING_NEW', rejectionReason: 'the check said so' }, t)).toBe(
      'the check said so',
    );
    expect(rejectionText({ rejectionCode: null, rejectionReason: null }, t)).toBe('');
    expect(rejectionText(null, t)).toBe('');
  });
});
