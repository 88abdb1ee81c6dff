/** CSV of what the grid shows (every loaded row under the current filter), for Excel and LibreOffice. */
import type { GridColumn } from './virtual-grid';

function cell(v: string): string {
  // Quote always; neutralise leading = + - @ so a spreadsheet never runs a name as a formula.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function toCsv<R>(rows: readonly R[], columns: readonly GridColumn<R>[], headers: string[]): string {
  const cols = columns.filter((c) => c.text);
  const lines = [headers.map(cell).join(',')];
  for (const r of rows) lines.push(cols.map((c) => cell(c.text!(r) ?? '')).join(','));
  // A BOM makes Excel read UTF-8 (Cyrillic names) correctly.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
