/** Names inside a sentence are shown as written (`translate="no"`): a passport's Latin capitals are a name, not a code. */
import type { ReactNode } from 'react';

export function WithNames({ text, names }: { text: string; names: readonly (string | null | undefined)[] }): ReactNode {
  const list = names.filter((n): n is string => !!n && text.includes(n));
  if (list.length === 0) return text;
  const parts: ReactNode[] = [];
  let rest = text;
  for (let guard = 0; rest && guard < 20; guard++) {
    const hits = list.map((n) => ({ n, i: rest.indexOf(n) })).filter((h) => h.i >= 0);
    if (hits.length === 0) break;
    const first = hits.reduce((a, b) => (b.i < a.i ? b : a));
    if (first.i > 0) parts.push(rest.slice(0, first.i));
    parts.push(
      <span key={parts.length} translate="no">
        {first.n}
      </span>,
    );
    rest = rest.slice(first.i + first.n.length);
  }
  if (rest) parts.push(rest);
  return <>{parts}</>;
}
