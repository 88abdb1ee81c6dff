/**
 * A resolution: the composer of a draft (its items, each removable, with the API's warnings), its
 * adoption (a confirmation, then a progress bar while large batches are applied chunk by chunk), and
 * afterwards the outcome per person, Art. 10 overrides shown.
 */
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import {
  Loading,
  Title,
  useCanAccess,
  useDataProvider,
  useGetMany,
  useLocaleState,
  useNotify,
  useTranslate,
} from 'react-admin';
import { useParams } from 'react-router-dom';
import { REFUSAL_GROUNDS, REVOCATION_REASONS, type RefusalGround, type RevocationReason } from '#domain/grounds';
import type { Organization, Resolution } from '../../api/types';
import { countryLabel } from '../../i18n/countries';
import { asLang, formatDate, formatInstant } from '../../i18n/format';
import { allItems, useAdminApi } from '../api';
import { answer } from '../../api/client';
import type { ApiDataProvider } from '../../data/data-provider';

export function ResolutionShow() {
  const { id } = useParams<{ id: string }>();
  return id ? <Composer resolutionId={id} /> : null;
}

function Composer({ resolutionId }: { resolutionId: string }) {
  const t = useTranslate();
  const [locale] = useLocaleState();
  const lang = asLang(locale);
  const api = useAdminApi();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { canAccess: canAdopt } = useCanAccess({ resource: 'resolutions', action: 'adopt' });
  const { canAccess: canEdit } = useCanAccess({ resource: 'resolutions', action: 'create' });
  const [confirm, setConfirm] = useState(false);
  const [adopting, setAdopting] = useState(false);
  const [progress, setProgress] = useState<Resolution['adoption']>(null);
  const key = ['resolution', resolutionId];
  const q = useQuery({ queryKey: key, queryFn: () => allItems(api, resolutionId) });
  // Each line names its organization, never its id.
  const orgIds = [...new Set((q.data?.items ?? []).map((i) => i.organizationId))];
  const orgs = useGetMany<Organization>('organizations', { ids: orgIds }, { enabled: orgIds.length > 0 });
  const orgName = (id: string) => {
    const o = orgs.data?.find((x) => x.id === id);
    return o ? (o.name.en ?? o.name.original) : '…';
  };

  // While an adoption runs, the resolution is read again and again for its progress (done / total).
  useEffect(() => {
    if (!adopting) return;
    let stop = false;
    const tick = async () => {
      while (!stop) {
        try {
          const r = await api.resolution(resolutionId);
          setProgress(r.adoption);
          if (r.status === 'adopted') break;
        } catch {
          // a failed poll is no failure of the adoption: try again
        }
        await new Promise((res) => setTimeout(res, 600));
      }
    };
    void tick();
    return () => {
      stop = true;
    };
  }, [adopting, api, resolutionId]);

  if (q.isPending) return <Loading />;
  if (q.error || !q.data) return <Alert severity="error">{(q.error as Error)?.message}</Alert>;
  const { resolution: r, items } = q.data;
  const isDraft = r.status === 'draft';

  const adopt = async () => {
    setConfirm(false);
    setAdopting(true);
    setProgress(r.adoption);
    try {
      const out = await api.adopt(r.id);
      const o = out.resolution.outcome;
      notify('cec.resolution.adopted', {
        type: 'success',
        messageArgs: { accredited: o?.accredited ?? 0, refused: o?.refused ?? 0, revoked: o?.revoked ?? 0 },
      });
    } catch (e) {
      notify((e as Error).message, { type: 'error', multiLine: true });
    } finally {
      setAdopting(false);
      await queryClient.invalidateQueries({ queryKey: key });
      await queryClient.invalidateQueries({ queryKey: ['people'] });
      await queryClient.invalidateQueries({ queryKey: ['resolution-draft'] });
    }
  };

  const remove = async (personId: string) => {
    try {
      await api.removeItem(r.id, personId);
      await queryClient.invalidateQueries({ queryKey: key });
      await queryClient.invalidateQueries({ queryKey: ['resolution-draft'] });
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };

  const discard = async () => {
    if (!window.confirm(t('cec.resolution.discard_confirm'))) return;
    try {
      await api.discard(r.id);
      await queryClient.invalidateQueries({ queryKey: key });
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };

  const pct = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;

  return (
    <Box sx={{ py: 1 }} data-testid="resolution-composer">
      <Title title={`${t('cec.resolution.one')} №${r.number}`} />
      <Card>
        <CardContent>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography variant="h5" component="h2">
              {t('cec.resolution.one')} №{r.number}
            </Typography>
            <Chip
              label={t(`cec.resolution.status_${r.status}`)}
              color={isDraft ? 'warning' : r.status === 'adopted' ? 'success' : 'default'}
              data-testid="resolution-status"
            />
            <Chip variant="outlined" label={t(`cec.resolution.kind_${r.kind}`)} />
            <Typography variant="body2">
              {t('cec.resolution.adopted_on')}: {formatDate(r.adoptedOn, lang)}
            </Typography>
            <Box sx={{ flex: 1 }} />
            {isDraft && canEdit ? (
              <Button color="inherit" onClick={discard}>
                {t('cec.resolution.discard')}
              </Button>
            ) : null}
            {isDraft && canAdopt ? (
              <Button
                variant="contained"
                disabled={adopting || r.itemCount === 0}
                onClick={() => setConfirm(true)}
                data-testid="adopt"
              >
                {t('cec.resolution.adopt')}
              </Button>
            ) : null}
            {isDraft && !canAdopt ? (
              <Typography variant="body2" color="text.secondary">
                {t('cec.resolution.adopt_admin_only')}
              </Typography>
            ) : null}
          </Stack>
          {r.title ? <Typography sx={{ mt: 1 }}>{r.title}</Typography> : null}
          <Typography variant="body2" sx={{ mt: 1 }}>
            {t('cec.resolution.summary', {
              smart_count: r.itemCount,
              accredit: r.counts.accredit,
              refuse: r.counts.refuse,
              revoke: r.counts.revoke,
            })}
          </Typography>
          {adopting || r.status === 'adopting' ? (
            <Box sx={{ mt: 2 }} data-testid="adopt-progress">
              <Typography variant="body2">
                {t('cec.resolution.adopting', { done: progress?.done ?? 0, total: progress?.total ?? r.itemCount })}
              </Typography>
              <LinearProgress
                variant={progress ? 'determinate' : 'indeterminate'}
                value={pct}
                sx={{ height: 8, borderRadius: 1 }}
              />
              {!adopting && r.status === 'adopting' && canAdopt ? (
                <Button sx={{ mt: 1 }} onClick={adopt}>
                  {t('cec.resolution.resume')}
                </Button>
              ) : null}
            </Box>
          ) : null}
          {r.outcome ? (
            <Alert severity="success" sx={{ mt: 2 }} data-testid="adopt-outcome">
              {t('cec.resolution.outcome', {
                accredited: r.outcome.accredited,
                refused: r.outcome.refused,
                revoked: r.outcome.revoked,
                forced: r.outcome.forcedRefusals,
              })}
              {r.adoption?.finishedAt ? ` · ${formatInstant(r.adoption.finishedAt, lang)}` : ''}
            </Alert>
          ) : null}
          {r.status === 'adopted' ? <DocumentActions resolutionId={r.id} kind={r.kind} /> : null}
        </CardContent>
      </Card>

      <Table size="small" sx={{ mt: 2, bgcolor: 'background.paper' }}>
        <TableHead>
          <TableRow>
            <TableCell>{t('cec.grid.col.name_latin')}</TableCell>
            <TableCell>{t('resources.invitations.fields.organizationId')}</TableCell>
            <TableCell>{t('cec.grid.col.citizenship')}</TableCell>
            <TableCell>{t('cec.resolution.decision')}</TableCell>
            <TableCell>{t('cec.resolution.ground')}</TableCell>
            <TableCell>{t('cec.refuse.reason')}</TableCell>
            <TableCell>{t('cec.resolution.outcome_col')}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map((i) => {
            const g = (i.appliedGround ?? i.ground) as RefusalGround | null;
            const rr = i.revocationReason as RevocationReason | null;
            return (
              <TableRow key={i.personId} data-testid="resolution-item">
                <TableCell translate="no">
                  {i.familyNameLatin.toUpperCase()} {i.givenNamesLatin}
                </TableCell>
                <TableCell translate="no">{orgName(i.organizationId)}</TableCell>
                <TableCell>{countryLabel(i.citizenship, lang)}</TableCell>
                <TableCell>{t(`cec.item.${i.decision}`)}</TableCell>
                <TableCell sx={{ maxWidth: 320 }}>
                  {g ? `${REFUSAL_GROUNDS[g].clause} · ${REFUSAL_GROUNDS[g].label[lang]}` : ''}
                  {rr
                    ? `${REVOCATION_REASONS[rr].clause} · ${REVOCATION_REASONS[rr].label[lang]}${i.gross ? ` (${t('cec.revoke.gross_short')})` : ''}`
                    : ''}
                </TableCell>
                <TableCell sx={{ maxWidth: 260 }}>{i.reason}</TableCell>
                <TableCell>
                  {i.outcome ? (
                    <Chip
                      size="small"
                      color={i.outcome === 'accredited' ? 'success' : 'error'}
                      label={t(`cec.decision.${i.outcome}`)}
                    />
                  ) : (
                    t('cec.resolution.pending')
                  )}
                  {i.forced ? <Chip size="small" sx={{ ml: 0.5 }} label="Art. 10" /> : null}
                  {i.certificateNumber ? <span translate="no"> · {i.certificateNumber}</span> : null}
                </TableCell>
                <TableCell>
                  {isDraft && canEdit ? (
                    <IconButton
                      size="small"
                      aria-label={`${t('ra.action.remove')}: ${i.familyNameLatin.toUpperCase()} ${i.givenNamesLatin}`}
                      onClick={() => remove(i.personId)}
                    >
                      <DeleteIcon fontSize="small" />
                    </IconButton>
                  ) : null}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>

      <Dialog open={confirm} onClose={() => setConfirm(false)}>
        <DialogTitle>{t('cec.resolution.confirm_title', { number: r.number })}</DialogTitle>
        <DialogContent>
          <Typography>
            {t('cec.resolution.confirm_text', {
              accredit: r.counts.accredit,
              refuse: r.counts.refuse,
              revoke: r.counts.revoke,
              date: formatDate(r.adoptedOn, lang),
            })}
          </Typography>
          <Alert severity="info" sx={{ mt: 2 }}>
            {t('cec.resolution.confirm_mail')}
          </Alert>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirm(false)}>{t('ra.action.cancel')}</Button>
          <Button variant="contained" onClick={adopt} data-testid="adopt-confirm">
            {t('cec.resolution.adopt')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}

/**
 * The adopted resolution's documents (3.3, 3.4): the act itself in Kyrgyz and Russian, and every
 * certificate it granted in one file for the printer. Each button asks the API for a 5-minute link
 * and opens it.
 */
function DocumentActions({ resolutionId, kind }: { resolutionId: string; kind: Resolution['kind'] }) {
  const t = useTranslate();
  const notify = useNotify();
  const dp = useDataProvider<ApiDataProvider>();
  const [busy, setBusy] = useState<'document' | 'certificates' | null>(null);
  const open = async (what: 'document' | 'certificates') => {
    setBusy(what);
    try {
      const params = { params: { path: { resolutionId } } };
      const link = await dp.typed((api) =>
        what === 'document'
          ? answer(api.GET('/v1/admin/resolutions/{resolutionId}/document', params))
          : answer(api.GET('/v1/admin/resolutions/{resolutionId}/certificates', params)),
      );
      window.location.assign(link.url);
    } catch (e) {
      const status = (e as { status?: number }).status;
      notify(status === 409 ? 'cec.resolution.document_preparing' : (e as Error).message, { type: 'warning' });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Stack direction="row" spacing={1} sx={{ mt: 2, flexWrap: 'wrap' }}>
      <Button
        variant="outlined"
        disabled={busy !== null}
        onClick={() => open('document')}
        data-testid="resolution-document"
      >
        {t('cec.resolution.document')}
      </Button>
      {kind === 'accreditation' ? (
        <Button
          variant="outlined"
          disabled={busy !== null}
          onClick={() => open('certificates')}
          data-testid="print-certificates"
        >
          {t('cec.resolution.print_certificates')}
        </Button>
      ) : null}
    </Stack>
  );
}
