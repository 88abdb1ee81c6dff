/**
 * Dialogs of the decision work: a new draft resolution (number and date, 3.3), a refusal with its
 * ground (3.9, Art. 10) and reasons (3.4), and a revocation with its 4.7 reason.
 */
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { REFUSAL_GROUNDS, REVIEWER_REFUSAL_GROUNDS, REVOCATION_REASONS, type RevocationReason } from '#domain/grounds';
import type { Schemas } from '../../api/client';
import { resolutionNumber } from '#schemas/resolution';
import { DayField } from '../../i18n/day-field';
import { asLang, bishkekToday, datePlaceholder } from '../../i18n/format';

export interface DraftInput {
  number: string;
  adoptedOn: string;
  title?: string;
}

export function NewDraftDialog({
  open,
  kind = 'accreditation',
  onClose,
  onCreate,
}: {
  open: boolean;
  kind?: 'accreditation' | 'revocation';
  onClose: () => void;
  onCreate: (input: DraftInput) => Promise<void>;
}) {
  const t = useTranslate();
  const [locale] = useLocaleState();
  const [number, setNumber] = useState('');
  const [adoptedOn, setAdoptedOn] = useState(bishkekToday());
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const numberCheck = number ? resolutionNumber.safeParse(number) : null;
  const numberError = numberCheck && !numberCheck.success ? numberCheck.error.issues[0]?.message : undefined;
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await onCreate({ number: number.trim(), adoptedOn, title: title.trim() || undefined });
      setNumber('');
      setTitle('');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onClose={onClose} maxWidth="xs" fullWidth>
      <DialogTitle>
        {t(kind === 'revocation' ? 'cec.resolution.new_revocation' : 'cec.resolution.new_draft')}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <Typography variant="body2" color="text.secondary">
            {t('cec.resolution.new_draft_help')}
          </Typography>
          <TextField
            autoFocus
            required
            label={t('cec.resolution.number')}
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            error={!!numberError}
            helperText={numberError ?? t('cec.resolution.number_help')}
            slotProps={{ htmlInput: { 'data-testid': 'draft-number' } }}
          />
          <DayField
            required
            lang={asLang(locale)}
            label={t('cec.resolution.adopted_on')}
            value={adoptedOn}
            onChange={setAdoptedOn}
            invalidText={t('cec.date.expected', { format: datePlaceholder(asLang(locale)) })}
            helperText={t(
              kind === 'revocation' ? 'cec.resolution.adopted_on_help_revocation' : 'cec.resolution.adopted_on_help',
            )}
          />
          <TextField label={t('cec.resolution.title')} value={title} onChange={(e) => setTitle(e.target.value)} />
          {error ? <Typography color="error">{error}</Typography> : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('ra.action.cancel')}</Button>
        <Button
          variant="contained"
          disabled={busy || !number.trim() || !!numberError || !adoptedOn}
          onClick={submit}
          data-testid="draft-create"
        >
          {t('ra.action.create')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function RefuseDialog({
  open,
  count,
  onClose,
  onConfirm,
}: {
  open: boolean;
  count: number;
  onClose: () => void;
  onConfirm: (ground: Schemas['ReviewerGround'], reason: string) => void;
}) {
  const t = useTranslate();
  const [locale] = useLocaleState();
  const lang = asLang(locale);
  const [ground, setGround] = useState<Schemas['ReviewerGround'] | ''>('');
  const [reason, setReason] = useState('');
  return (
    <Dialog open={open} onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{t('cec.refuse.title', { smart_count: count })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <TextField
            select
            autoFocus
            required
            label={t('cec.refuse.ground')}
            value={ground}
            onChange={(e) => setGround(e.target.value as Schemas['ReviewerGround'])}
            helperText={t('cec.refuse.ground_help')}
            slotProps={{ htmlInput: { 'data-testid': 'refuse-ground' } }}
          >
            {REVIEWER_REFUSAL_GROUNDS.map((g) => (
              <MenuItem key={g} value={g} sx={{ whiteSpace: 'normal' }}>
                <span>
                  <b>{REFUSAL_GROUNDS[g].clause}</b> · {REFUSAL_GROUNDS[g].label[lang]}
                </span>
              </MenuItem>
            ))}
          </TextField>
          <TextField
            required
            multiline
            minRows={2}
            label={t('cec.refuse.reason')}
            helperText={t('cec.refuse.reason_help')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            slotProps={{ htmlInput: { maxLength: 2000 } }}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('ra.action.cancel')}</Button>
        <Button
          color="error"
          variant="contained"
          disabled={!ground || !reason.trim()}
          onClick={() => ground && onConfirm(ground, reason.trim())}
        >
          {t('cec.refuse.add')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function RevokeDialog({
  open,
  name,
  onClose,
  onConfirm,
}: {
  open: boolean;
  name: string;
  onClose: () => void;
  onConfirm: (v: { revocationReason: RevocationReason; gross: boolean; reason: string }) => void;
}) {
  const t = useTranslate();
  const [locale] = useLocaleState();
  const lang = asLang(locale);
  const [code, setCode] = useState<RevocationReason | ''>('');
  const [gross, setGross] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <Dialog open={open} onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{t('cec.revoke.title', { name })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <TextField
            select
            required
            label={t('cec.revoke.reason_code')}
            value={code}
            onChange={(e) => {
              const v = e.target.value as RevocationReason;
              setCode(v);
              if (v !== 'VIOLATION') setGross(false);
            }}
          >
            {(Object.keys(REVOCATION_REASONS) as RevocationReason[]).map((r) => (
              <MenuItem key={r} value={r} sx={{ whiteSpace: 'normal' }}>
                <span>
                  <b>{REVOCATION_REASONS[r].clause}</b> · {REVOCATION_REASONS[r].label[lang]}
                </span>
              </MenuItem>
            ))}
          </TextField>
          <FormControlLabel
            disabled={code !== 'VIOLATION'}
            control={<Checkbox checked={gross} onChange={(e) => setGross(e.target.checked)} />}
            label={t('cec.revoke.gross')}
          />
          <Typography variant="caption" color="text.secondary">
            {t('cec.revoke.gross_help')}
          </Typography>
          <TextField
            required
            multiline
            minRows={2}
            label={t('cec.revoke.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            slotProps={{ htmlInput: { maxLength: 2000 } }}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('ra.action.cancel')}</Button>
        <Button
          color="error"
          variant="contained"
          disabled={!code || !reason.trim()}
          onClick={() => code && onConfirm({ revocationReason: code, gross, reason: reason.trim() })}
        >
          {t('cec.revoke.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
