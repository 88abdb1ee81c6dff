/** The CSV a reviewer exports: every column with text, quoted, safe to open in a spreadsheet. */
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';
import type { GridColumn } from './virtual-grid';

type R = { id: string; name: string; note: string };
const cols: GridColumn<R>[] = [
  { id: 'name', header: 'Name', width: 1, render: () => null, text: (r) => r.name },
  { id: 'photo', header: '', width: 1, render: () => null },
  { id: 'note', header: 'Note', width: 1, render: () => null, text: (r) => r.note },
];

describe('CSV export', () => {
  it('writes a BOM, a header and one quoted line per row; columns without text are left out', () => {
    const csv = toCsv(
      [{ id: '1', name: 'АСАНОВ "Бакыт"', note: 'a,b' }],
      cols.filter((c) => c.text),
      ['Name', 'Note'],
    );
    expect(csv).toBe('\uFEFF"Name","Note"\r\n"АСАНОВ ""Бакыт""","a,b"\r\n');
  });

  it('neutralises what a spreadsheet would run as a formula', () => {
    const csv = toCsv(
      [{ id: '1', name: '=HYPERLINK("x")', note: '+1' }],
      cols.filter((c) => c.text),
      ['Name', 'Note'],
    );
    expect(csv).toContain(`"'=HYPERLINK(""x"")","'+1"`);
  });
});
