/**
 * A plain MUI date field in the language's format (no react-admin), for the portal and for dialogs:
 * it shows `31.12.2026` (ky, ru) or `31/12/2026` (en) and accepts what it shows (day-text.ts).
 */
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { useDayText } from './day-text';
import { type Lang, datePlaceholder } from './format';

export function DayField({
  value,
  onChange,
  lang,
  invalidText,
  helperText,
  error,
  testId,
  ...rest
}: Omit<TextFieldProps, 'value' | 'onChange' | 'type'> & {
  value: string | null | undefined;
  onChange: (iso: string) => void;
  lang: Lang;
  /** Said under the field while the text is not a whole date yet. */
  invalidText: string;
  testId?: string;
}) {
  const day = useDayText(value, lang, (iso) => onChange(iso ?? ''));
  return (
    <TextField
      {...rest}
      value={day.text}
      onChange={(e) => day.change(e.target.value)}
      onBlur={() => day.blur()}
      placeholder={datePlaceholder(lang)}
      error={error || day.invalid}
      helperText={day.invalid ? invalidText : (helperText ?? datePlaceholder(lang))}
      slotProps={{
        ...rest.slotProps,
        inputLabel: { shrink: true },
        htmlInput: { inputMode: 'numeric', ...(testId ? { 'data-testid': testId } : {}) },
      }}
    />
  );
}
