/**
 * A date field that accepts exactly what it shows: the text a person types is kept as typed, and the
 * value (`YYYY-MM-DD`, a Bishkek calendar day) changes only when the text is a whole, real date.
 * Browsers' own date inputs show the browser's order (mm/dd/yyyy in US English) whatever the
 * page's language, so every date field of both apps is a text field in the language's format.
 */
import { useEffect, useState } from 'react';
import { type Lang, formatDate, parseDate } from './format';

export function useDayText(value: string | null | undefined, lang: Lang, onChange: (iso: string | null) => void) {
  const [text, setText] = useState(() => formatDate(value, lang));
  // A value set from outside (a reset, a saved record, another language) replaces the text.
  useEffect(() => {
    setText((current) => (parseDate(current) === (value || null) ? current : formatDate(value, lang)));
  }, [value, lang]);
  return {
    text,
    /** True when something is typed that is not yet a date. */
    invalid: text.trim() !== '' && parseDate(text) === null,
    change(next: string) {
      setText(next);
      const iso = parseDate(next);
      if (iso) onChange(iso);
      else if (next.trim() === '') onChange(null);
    },
    /** On leaving the field, a date typed another accepted way is shown in the language's format. */
    blur() {
      const iso = parseDate(text);
      if (iso) setText(formatDate(iso, lang));
    },
  };
}
