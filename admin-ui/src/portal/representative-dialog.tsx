/**
 * A representative's form (3.1), checked in the browser by the API's own schema (`representativeInput`),
 * so the organization sees the same rule, next to the same field, before and after sending.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Grid from '@mui/material/Grid';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { type RepresentativeInput, representativeInput, role } from '#schemas/person';
import { ApiError } from '../data/http-client';
import { countryName } from '../i18n/countries';
import { DayField } from '../i18n/day-field';
import { datePlaceholder } from '../i18n/format';
import { useI18n } from './portal-i18n';

type Values = Record<keyof RepresentativeInput, string>;

const EMPTY: Values = {
  familyNameLatin: '',
  givenNamesLatin: '',
  familyNameCyrillic: '',
  givenNamesCyrillic: '',
  sex: '',
  dateOfBirth: '',
  citizenship: '',
  passportNumber: '',
  passportExpiresOn: '',
  role: 'observer',
  email: '',
  phone: '',
  preferredLanguage: 'en',
};

export function validateRepresentative(values: Values): { data?: RepresentativeInput; errors: Partial<Values> } {
  const prepared = { ...values, citizenship: values.citizenship.trim().toUpperCase() };
  const r = representativeInput.safeParse(prepared);
  if (r.success) return { data: r.data, errors: {} };
  const errors: Partial<Values> = {};
  for (const i of r.error.issues) {
    const k = String(i.path[0]) as keyof Values;
    if (!errors[k]) errors[k] = i.message;
  }
  return { errors };
}

export function RepresentativeDialog({
  open,
  initial,
  onClose,
  onSave,
}: {
  open: boolean;
  initial?: Partial<RepresentativeInput>;
  onClose: () => void;
  onSave: (input: RepresentativeInput) => Promise<void>;
}) {
  const { t, lang } = useI18n();
  const [values, setValues] = useState<Values>(() => ({ ...EMPTY, ...(initial as Partial<Values>) }));
  const [errors, setErrors] = useState<Partial<Values>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = (k: keyof Values, extra: Record<string, unknown> = {}) => ({
    name: k,
    label: t(`cec.rep.${k}`),
    value: values[k],
    error: !!errors[k],
    helperText: errors[k] ?? t(`cec.rep.help.${k}`),
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [k]: e.target.value })),
    fullWidth: true,
    size: 'small' as const,
    slotProps: { htmlInput: { 'data-testid': `rep-${k}` }, inputLabel: extra.date ? { shrink: true } : undefined },
    ...(extra.date ? { type: 'date' } : {}),
  });
  // Once a known code is typed, the help under the field names the country it stands for.
  const typedCountry = countryName(values.citizenship.trim(), lang);
  const citizenshipHelp =
    errors.citizenship ??
    (typedCountry && typedCountry !== values.citizenship.trim().toUpperCase()
      ? typedCountry
      : t('cec.rep.help.citizenship'));
  /** Dates are typed as the field shows them (day first, 31.12.2026) and checked by the same rule. */
  const dayField = (k: 'dateOfBirth' | 'passportExpiresOn') => ({
    name: k,
    label: t(`cec.rep.${k}`),
    value: values[k],
    lang,
    onChange: (iso: string) => setValues((v) => ({ ...v, [k]: iso })),
    error: !!errors[k],
    // The schema speaks of ISO dates; the person is told the format the field shows.
    helperText: errors[k]
      ? /YYYY/.test(errors[k]!)
        ? t('cec.date.expected', { format: datePlaceholder(lang) })
        : errors[k]
      : datePlaceholder(lang),
    invalidText: t('cec.date.expected', { format: datePlaceholder(lang) }),
    fullWidth: true,
    size: 'small' as const,
    testId: `rep-${k}`,
  });
  const save = async () => {
    const { data, errors: e } = validateRepresentative(values);
    setErrors(e);
    setServerError(null);
    if (!data) return;
    setBusy(true);
    try {
      await onSave(data);
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) {
        const next: Partial<Values> = {};
        for (const i of err.issues) {
          const k = i.field.replace(/^body\./, '').split('.')[0] as keyof Values;
          if (k in EMPTY) next[k] = i.rule;
        }
        setErrors(next);
      }
      setServerError(err instanceof Error ? t(err.message) : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onClose={onClose} maxWidth="md" fullWidth>
      <DialogTitle>{t(initial ? 'cec.rep.edit' : 'cec.rep.add')}</DialogTitle>
      <DialogContent>
        <Grid container spacing={2} sx={{ mt: 0.5 }}>
          <Grid size={{ xs: 12, sm: 6 }}>
            <TextField {...field('familyNameLatin')} />
          </Grid>
          <Grid size={{ xs: 12, sm: 6 }}>
            <TextField {...field('givenNamesLatin')} />
          </Grid>
          <Grid size={{ xs: 12, sm: 6 }}>
            <TextField {...field('familyNameCyrillic')} />
          </Grid>
          <Grid size={{ xs: 12, sm: 6 }}>
            <TextField {...field('givenNamesCyrillic')} />
          </Grid>
          <Grid size={{ xs: 6, sm: 3 }}>
            <TextField {...field('sex')} select>
              <MenuItem value="F">{t('cec.sex.F')}</MenuItem>
              <MenuItem value="M">{t('cec.sex.M')}</MenuItem>
            </TextField>
          </Grid>
          <Grid size={{ xs: 6, sm: 3 }}>
            <DayField {...dayField('dateOfBirth')} />
          </Grid>
          <Grid size={{ xs: 6, sm: 3 }}>
            <TextField {...field('citizenship')} helperText={citizenshipHelp} placeholder="DE" />
          </Grid>
          <Grid size={{ xs: 6, sm: 3 }}>
            <TextField {...field('role')} select>
              {role.options.map((r) => (
                <MenuItem key={r} value={r}>
                  {t(`cec.role.${r}`)}
                </MenuItem>
              ))}
            </TextField>
          </Grid>
          <Grid size={{ xs: 6, sm: 6 }}>
            <TextField {...field('passportNumber')} />
          </Grid>
          <Grid size={{ xs: 6, sm: 6 }}>
            <DayField {...dayField('passportExpiresOn')} />
          </Grid>
          <Grid size={{ xs: 12, sm: 5 }}>
            <TextField {...field('email')} type="email" />
          </Grid>
          <Grid size={{ xs: 6, sm: 4 }}>
            <TextField {...field('phone')} />
          </Grid>
          <Grid size={{ xs: 6, sm: 3 }}>
            <TextField {...field('preferredLanguage')} select>
              <MenuItem value="ky">Кыргызча</MenuItem>
              <MenuItem value="ru">Русский</MenuItem>
              <MenuItem value="en">English</MenuItem>
            </TextField>
          </Grid>
        </Grid>
        {serverError ? (
          <Alert severity="error" sx={{ mt: 2 }}>
            {serverError}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('cec.portal.cancel')}</Button>
        <Button variant="contained" onClick={save} disabled={busy} data-testid="rep-save">
          {t('cec.portal.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
