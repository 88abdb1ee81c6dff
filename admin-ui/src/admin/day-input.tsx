/**
 * react-admin's date input for a Bishkek calendar day, in the language's format (ky/ru
 * `31.12.2026`, en `31/12/2026`): used by every form and filter of the staff app instead of the
 * browser's date picker, which shows US month-first dates in an English browser.
 */
import TextField from '@mui/material/TextField';
import { type InputProps, useInput, useLocaleState, useTranslate } from 'react-admin';
import { useDayText } from '../i18n/day-text';
import { asLang, datePlaceholder } from '../i18n/format';

export function DayInput(props: InputProps & { helperText?: string; label?: string }) {
  const t = useTranslate();
  const [locale] = useLocaleState();
  const lang = asLang(locale);
  const { field, fieldState, isRequired } = useInput(props);
  const day = useDayText(field.value as string | null, lang, (iso) => field.onChange(iso));
  const label = props.label ?? t(`resources.${props.resource ?? ''}.fields.${props.source}`, { _: props.source });
  const error = fieldState.error?.message;
  return (
    <TextField
      size="small"
      label={label}
      value={day.text}
      required={isRequired}
      onChange={(e) => day.change(e.target.value)}
      onBlur={() => {
        day.blur();
        field.onBlur();
      }}
      placeholder={datePlaceholder(lang)}
      error={day.invalid || !!error}
      helperText={
        day.invalid
          ? t('cec.date.expected', { format: datePlaceholder(lang) })
          : error
            ? t(error, { _: error })
            : (props.helperText ?? datePlaceholder(lang))
      }
      slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': `day-${props.source}` } }}
      sx={{ minWidth: 170 }}
    />
  );
}
