import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFUSAL_GROUNDS, REVOCATION_REASONS } from '#domain/grounds';
import { type AnnexPerson, type ResolutionDocumentData, renderResolutionDocument } from './resolution-document';

const dir = mkdtempSync(join(tmpdir(), 'resolution-doc-'));

/** The PDF's text as pdftotext reads it, with runs of white space as one space. */
function textOf(pdf: Uint8Array, name: string): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

const person = (i: number, extra: Partial<AnnexPerson> = {}): AnnexPerson => ({
  nameCyrillic: `ӨҢГАРБАЕВА Үмүт ${i}`,
  nameLatin: `ONGARBAEVA Umut-Fiona ${i}`,
  organization: 'Office for Democratic Institutions and Human Rights (ODIHR)',
  country: i % 2 ? 'PL' : 'DE',
  certificateNumber: `2027-PR-7QXA-${String(i).padStart(5, '0')}`,
  ...extra,
});

const election = { name: { ky: 'Президентти шайлоо 2027', ru: 'выборы Президента 2027', en: 'Presidential 2027' } };

describe('the resolution document (3.3)', { timeout: 60_000 }, () => {
  const grounds = ['KG_CITIZEN', 'DOCUMENTS_MISSING_OR_INACCURATE', 'PREVIOUSLY_REVOKED'] as const;
  const data: ResolutionDocumentData = {
    number: '123/4',
    adoptedOn: '2027-03-01',
    kind: 'accreditation',
    election,
    accredited: Array.from({ length: 60 }, (_, i) => person(i + 1)),
    refused: grounds.map((ground, i) =>
      person(100 + i, {
        nameCyrillic: `ҮСӨНОВ Ңурлан ${i}`,
        nameLatin: `USONOV Nurlan ${i}`,
        certificateNumber: null,
        ground,
        reason: `Reason number ${i} in words`,
      }),
    ),
    revoked: [],
  };

  it('reads back its number, date, the clauses it applies and every name with its number or ground', async () => {
    const text = textOf(await renderResolutionDocument(data), 'accreditation');
    expect(text).toContain('ТОКТОМ № 123/4, 2027-жылдын 1-марты');
    expect(text).toContain('ПОСТАНОВЛЕНИЕ № 123/4 от 1 марта 2027 г.');
    expect(text).toContain('3.3, 3.4 жана 3.9-пункттарына');
    expect(text).toContain('пунктами 3.3, 3.4 и 3.9');
    expect(text).toContain('10-беренесине');
    expect(text).toContain('статьёй 10');
    for (const p of data.accredited) {
      expect(text).toContain(p.nameCyrillic);
      expect(text).toContain(p.nameLatin);
      expect(text).toContain(p.certificateNumber);
    }
    for (const p of data.refused) {
      const g = REFUSAL_GROUNDS[p.ground as keyof typeof REFUSAL_GROUNDS];
      const clause = g.clause === 'Art. 10' ? 'статья 10 Конституционного закона' : `пункт ${g.clause} Положения`;
      // The name, then (in reading order) its ground in both languages with the clause, then the reason.
      const at = text.indexOf(p.nameCyrillic);
      expect(at).toBeGreaterThan(-1);
      const block = text.slice(at, at + 1200);
      expect(block).toContain(`${g.label.ky} (`);
      expect(block).toContain(`${g.label.ru} (${clause})`);
      expect(block).toContain(p.reason);
    }
  });

  it('keeps every Latin letter in the text layer of a later document in the same process', async () => {
    // Cyrillic а е о с in DejaVu are composites of the Latin letters: the first document subsets them.
    await renderResolutionDocument(data);
    const text = textOf(await renderResolutionDocument(data), 'second');
    for (const p of data.accredited) expect(text).toContain(p.nameLatin);
    expect(text).toContain('Office for Democratic Institutions and Human Rights');
  });

  it('renders the same bytes twice (the recorded SHA-256 stays true after a repeated render)', async () => {
    const a = await renderResolutionDocument(data, { at: new Date('2027-03-01T10:00:00Z') });
    const b = await renderResolutionDocument(data, { at: new Date('2027-03-01T10:00:00Z') });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('a revocation cites 4.7 and gives each person the reason of 4.7', async () => {
    const revoked = [
      person(1, { revocationReason: 'VIOLATION', gross: true, reason: 'Campaigned at a polling station' }),
      person(2, { revocationReason: 'ORGANIZATION_REQUEST', reason: 'Letter of the organization' }),
    ];
    const text = textOf(
      await renderResolutionDocument({ ...data, kind: 'revocation', accredited: [], refused: [], revoked }),
      'revocation',
    );
    expect(text).toContain('4.7-пунктуна');
    expect(text).toContain('пунктом 4.7');
    for (const p of revoked) {
      const r = REVOCATION_REASONS[p.revocationReason as keyof typeof REVOCATION_REASONS];
      const block = text.slice(text.indexOf(p.nameCyrillic));
      expect(block).toContain(`${r.label.ru} (${r.clause})`);
    }
    expect(text).toContain('одоно бузуу / грубое нарушение');
  });
});
