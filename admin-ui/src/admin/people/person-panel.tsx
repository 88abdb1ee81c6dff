/**
 * A person's panel: the facts as listed, flags explained with their clauses, the documents shown
 * inline through presigned links (images and PDF; every view is audited by the API), decisions, the
 * resolutions that name the person, and the history from the audit log.
 */
import CloseIcon from '@mui/icons-material/Close';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Divider from '@mui/material/Divider';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useCanAccess, useLocaleState, useNotify, useStore, useTranslate } from 'react-admin';
import { FLAGS, type FlagCode } from '#domain/eligibility';
import { REFUSAL_GROUNDS, REVOCATION_REASONS, type RefusalGround, type RevocationReason } from '#domain/grounds';
import { countryLabel } from '../../i18n/countries';
import { asLang, formatDate, formatInstant } from '../../i18n/format';
import { useAdminApi } from '../api';
import { type DescribableEntry, describeAudit } from '../audit/describe';
import { WithNames } from '../audit/verbatim';
import { rejectionText } from '../../i18n/rejection';
import { NewDraftDialog, RevokeDialog } from '../resolutions/dialogs';
import { fullNameCyrillic, fullNameLatin } from './triage-columns';

function Fact({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <TableRow>
      <TableCell sx={{ color: 'text.secondary', width: 200, py: 0.5 }}>{label}</TableCell>
      <TableCell sx={{ py: 0.5 }}>{value}</TableCell>
    </TableRow>
  );
}

export function PersonPanel({
  personId,
  onClose,
  onChanged,
}: {
  personId: string;
  onClose: () => void;
  onChanged: () => void;
}) {
  const t = useTranslate();
  const [locale] = useLocaleState();
  const lang = asLang(locale);
  const api = useAdminApi();
  const notify = useNotify();
  const { canAccess: canDecide } = useCanAccess({ resource: 'resolutions', action: 'create' });
  const q = useQuery({ queryKey: ['person-detail', personId], queryFn: () => api.personDetail(personId) });
  const [revoking, setRevoking] = useState(false);
  const [pendingRevoke, setPendingRevoke] = useState<null | {
    revocationReason: RevocationReason;
    gross: boolean;
    reason: string;
  }>(null);
  const electionId = q.data?.person.electionId ?? '';
  const [revocationDraft, setRevocationDraft] = useStore<string | null>(`cec.revocation-draft.${electionId}`, null);

  if (q.isPending) {
    return (
      <Box sx={{ p: 4, textAlign: 'center' }}>
        <CircularProgress />
      </Box>
    );
  }
  if (q.error || !q.data) {
    return (
      <Box sx={{ p: 2 }}>
        <Alert severity="error">{(q.error as Error)?.message}</Alert>
      </Box>
    );
  }
  const { person, organization, documents, resolutions, history } = q.data;

  const addRevocation = async (draftId: string, v: NonNullable<typeof pendingRevoke>) => {
    try {
      const out = await api.addItems(draftId, [{ personId, decision: 'revoke', ...v }]);
      notify('cec.revoke.added', { messageArgs: { number: out.resolution.number } });
      onChanged();
      void q.refetch();
    } catch (e) {
      notify(e instanceof Error ? e.message : String(e), { type: 'error' });
      setRevocationDraft(null);
    }
  };

  return (
    <Box sx={{ p: 2 }} data-testid="person-panel">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        {documents.find((d) => d.kind === 'photo' && d.url) ? (
          <img
            src={documents.find((d) => d.kind === 'photo')!.url!}
            alt={t('cec.documents.photo')}
            style={{ width: 96, height: 128, objectFit: 'cover', borderRadius: 4, background: '#eee' }}
          />
        ) : (
          <Box sx={{ width: 96, height: 128, bgcolor: 'grey.200', borderRadius: 1 }} />
        )}
        <Box sx={{ flex: 1 }}>
          <Typography variant="h6" component="h2" translate="no">
            {fullNameLatin(person)}
          </Typography>
          <Typography variant="subtitle1" component="p" color="text.secondary" translate="no">
            {fullNameCyrillic(person)}
          </Typography>
          <Typography variant="body2">
            {organization.name ?? t('cec.audit.someone.organization')} ·{' '}
            {countryLabel(organization.country ?? person.organizationCountry, lang)}
          </Typography>
          <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
            <Chip size="small" label={t(`cec.status.${person.status}`)} color="primary" variant="outlined" />
            <Chip size="small" label={t(`cec.role.${person.role}`)} />
            {person.checked ? <Chip size="small" color="success" label={t('cec.person.checked')} /> : null}
          </Stack>
        </Box>
        <IconButton onClick={onClose} aria-label={t('ra.action.close')}>
          <CloseIcon />
        </IconButton>
      </Stack>

      <Typography variant="overline" component="h3" sx={{ mt: 2, display: 'block' }}>
        {t('cec.person.flags')}
      </Typography>
      {person.flags.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('cec.person.no_flags')}
        </Typography>
      ) : (
        <Stack spacing={0.5}>
          {person.flags.map((f) => {
            const def = FLAGS[f as FlagCode];
            return (
              <Alert key={f} severity={def?.blocking ? 'error' : 'warning'} sx={{ py: 0 }}>
                <b>{def?.clause}</b> · {def?.label[lang] ?? f}
              </Alert>
            );
          })}
        </Stack>
      )}

      <Typography variant="overline" component="h3" sx={{ mt: 2, display: 'block' }}>
        {t('cec.person.facts')}
      </Typography>
      <Table size="small">
        <TableBody>
          <Fact label={t('cec.person.sex')} value={t(`cec.sex.${person.sex}`)} />
          <Fact label={t('cec.person.date_of_birth')} value={formatDate(person.dateOfBirth, lang)} />
          <Fact label={t('cec.person.citizenship')} value={countryLabel(person.citizenship, lang)} />
          <Fact
            label={t('cec.person.passport')}
            value={`${person.passportNumber} · ${formatDate(person.passportExpiresOn, lang)}`}
          />
          <Fact label={t('cec.person.email')} value={person.email} />
          <Fact label={t('cec.person.phone')} value={person.phone} />
          {person.applicationNumber ? (
            <Fact label={t('cec.person.application')} value={person.applicationNumber} />
          ) : null}
          <Fact label={t('cec.person.channel')} value={t(`cec.channel.${person.channel}`)} />
          <Fact label={t('cec.person.submitted_at')} value={formatInstant(person.submittedAt, lang)} />
          {person.certificateNumber ? (
            <Fact label={t('cec.person.certificate')} value={person.certificateNumber} />
          ) : null}
          {person.reviewerNote ? <Fact label={t('cec.grid.col.note')} value={person.reviewerNote} /> : null}
        </TableBody>
      </Table>

      <Typography variant="overline" component="h3" sx={{ mt: 2, display: 'block' }}>
        {t('cec.person.documents')}
      </Typography>
      <Stack spacing={1}>
        {documents.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {t('cec.person.no_documents')}
          </Typography>
        ) : null}
        {documents.map((d) => (
          <Box key={d.kind} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1 }}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Typography variant="subtitle2" component="h4">
                {t(`cec.documents.${d.kind}`)}
              </Typography>
              <Chip
                size="small"
                label={t(`cec.documents.${d.state}`)}
                color={d.state === 'received' ? 'success' : d.state === 'rejected' ? 'error' : 'default'}
              />
              <Box sx={{ flex: 1 }} />
              {d.url ? (
                <Link
                  href={d.url}
                  target="_blank"
                  rel="noreferrer"
                  sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
                >
                  {t('cec.documents.open')} <OpenInNewIcon fontSize="inherit" />
                </Link>
              ) : null}
            </Stack>
            {(d.looksLike === 'photo' || d.looksLike === 'passport') && d.looksLike !== d.kind ? (
              // The upload check's notice (shared/uploads/inspect.ts): the file seems to belong to the other slot.
              <Alert
                severity={d.state === 'rejected' ? 'error' : 'warning'}
                sx={{ mt: 1, py: 0 }}
                data-testid={`looks-like-${d.kind}`}
              >
                {t(`cec.person.looks_like.${d.looksLike}`)}
              </Alert>
            ) : null}
            {d.rejectionReason || d.rejectionCode ? (
              <Alert severity="error" sx={{ mt: 1, py: 0 }}>
                {rejectionText(d, t)}
              </Alert>
            ) : null}
            {d.url && d.contentType?.startsWith('image/') ? (
              <img
                src={d.url}
                alt={t(`cec.documents.${d.kind}`)}
                style={{ maxWidth: '100%', maxHeight: 360, marginTop: 8 }}
              />
            ) : null}
            {d.url && d.contentType === 'application/pdf' ? (
              <iframe
                title={t(`cec.documents.${d.kind}`)}
                src={d.url}
                style={{ width: '100%', height: 420, border: 0, marginTop: 8 }}
              />
            ) : null}
          </Box>
        ))}
      </Stack>

      <Typography variant="overline" component="h3" sx={{ mt: 2, display: 'block' }}>
        {t('cec.person.decisions')}
      </Typography>
      {person.decisions.length === 0 && resolutions.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('cec.person.no_decisions')}
        </Typography>
      ) : null}
      <Stack spacing={0.5}>
        {person.decisions.map((d) => {
          const g = d.ground ? REFUSAL_GROUNDS[d.ground as RefusalGround] : undefined;
          const rr = d.revocationReason ? REVOCATION_REASONS[d.revocationReason as RevocationReason] : undefined;
          return (
            <Typography key={`${d.resolutionId}-${d.outcome}`} variant="body2">
              <b>{t(`cec.decision.${d.outcome}`)}</b> · №{d.resolutionNumber} · {formatDate(d.adoptedOn, lang)}
              {g ? ` · ${g.clause} ${g.label[lang]}` : ''}
              {rr ? ` · ${rr.clause} ${rr.label[lang]}${d.gross ? ` (${t('cec.revoke.gross_short')})` : ''}` : ''}
              {d.reason ? ` — ${d.reason}` : ''}
            </Typography>
          );
        })}
        {resolutions
          .filter((r) => r.status === 'draft')
          .map((r) => (
            <Typography key={r.resolutionId} variant="body2" color="text.secondary">
              {t('cec.person.in_draft', { number: r.number ?? '' })}: {t(`cec.item.${r.decision}`)}
            </Typography>
          ))}
      </Stack>
      {person.status === 'accredited' && canDecide ? (
        <Button sx={{ mt: 1 }} color="error" variant="outlined" onClick={() => setRevoking(true)} data-testid="revoke">
          {t('cec.revoke.button')}
        </Button>
      ) : null}

      <Divider sx={{ my: 2 }} />
      <Typography variant="overline" component="h3" sx={{ display: 'block' }}>
        {t('cec.person.history')}
      </Typography>
      <Table size="small" data-testid="person-history" aria-label={t('cec.person.history')}>
        <TableBody>
          {history.length === 0 ? (
            <TableRow>
              <TableCell sx={{ py: 0.5, color: 'text.secondary' }}>{t('cec.person.no_history')}</TableCell>
            </TableRow>
          ) : null}
          {history.map((raw) => {
            // The API names the person and any organization that acted (shared/data/audit-names.ts).
            const h = { ...raw, entityType: 'person', entityId: person.id } as DescribableEntry & typeof raw;
            const subject = h.subjectName?.[lang] ?? fullNameLatin(person);
            const text = describeAudit({ ...h, subjectName: { ky: subject, ru: subject, en: subject } }, t, lang);
            return (
              <TableRow key={h.id}>
                <TableCell sx={{ whiteSpace: 'nowrap', py: 0.5, verticalAlign: 'top' }}>
                  {formatInstant(h.at, lang)}
                </TableCell>
                <TableCell sx={{ py: 0.5 }}>
                  <WithNames text={text} names={[subject, h.actorName?.[lang], h.actor.label]} />
                  {h.clause ? ` (${h.clause})` : ''}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>

      <RevokeDialog
        open={revoking}
        name={fullNameLatin(person)}
        onClose={() => setRevoking(false)}
        onConfirm={(v) => {
          setRevoking(false);
          if (revocationDraft) void addRevocation(revocationDraft, v);
          else setPendingRevoke(v);
        }}
      />
      <NewDraftDialog
        open={pendingRevoke !== null}
        kind="revocation"
        onClose={() => setPendingRevoke(null)}
        onCreate={async (input) => {
          const r = await api.createResolution(electionId, { ...input, kind: 'revocation' });
          setRevocationDraft(r.id);
          const v = pendingRevoke!;
          setPendingRevoke(null);
          await addRevocation(r.id, v);
        }}
      />
    </Box>
  );
}
