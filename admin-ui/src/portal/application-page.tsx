/**
 * One application (3.1): the letter, the representatives with their passport copies and photos, what
 * is still missing, submission, and then the statuses, the decisions with their grounds, and the
 * certificates to download.
 */
import AddIcon from '@mui/icons-material/PersonAdd';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState } from 'react';
import type { DocumentView, PortalPerson, RepresentativeInput } from '../api/types';
import { formatDate, formatInstant } from '../i18n/format';
import { applicationTitle } from './application-title';
import { navigate } from './navigation';
import type { PortalApi, PortalApplication } from './portal-api';
import { type Translate, useI18n } from './portal-i18n';
import { RepresentativeDialog } from './representative-dialog';
import { WithNames } from '../admin/audit/verbatim';
import { countryLabel } from '../i18n/countries';
import { rejectionText } from '../i18n/rejection';
import { documentNote } from './upload';
import { UploadButton } from './upload-button';

export interface MissingItem {
  key: string;
  text: string;
  severity: 'error' | 'warning';
  /** The representative's name inside the text, shown as written (`translate="no"`). */
  name?: string;
}

function docMissing(d: DocumentView | null | undefined): 'missing' | 'rejected' | null {
  if (!d || d.state === 'pending' || d.state === 'purged') return 'missing';
  if (d.state === 'rejected') return 'rejected';
  return null;
}

/** What stops or weakens the application, in the organization's language, each with its clause. */
export function missingItems(app: PortalApplication, t: Translate, lang: 'ky' | 'ru' | 'en'): MissingItem[] {
  const out: MissingItem[] = [];
  const letter = docMissing(app.letterDocument);
  if (letter) {
    out.push({
      key: 'letter',
      severity: 'error',
      text: t(`cec.portal.missing.letter_${letter}`, { reason: rejectionText(app.letterDocument, t) }),
    });
  }
  if (app.people.length === 0) out.push({ key: 'people', severity: 'error', text: t('cec.portal.missing.people') });
  for (const p of app.people) {
    if (p.status === 'withdrawn') continue;
    const name = `${p.familyNameLatin.toUpperCase()} ${p.givenNamesLatin}`;
    for (const kind of ['passport', 'photo'] as const) {
      const m = docMissing(p.documents[kind]);
      if (m) {
        out.push({
          key: `${p.id}-${kind}`,
          severity: 'error',
          text: t(`cec.portal.missing.${kind}_${m}`, { name, reason: rejectionText(p.documents[kind], t) }),
          name,
        });
      }
    }
    for (const f of p.flags) {
      if (f.code === 'DOCUMENTS_MISSING' || f.code === 'DOCUMENTS_REJECTED') continue;
      out.push({
        key: `${p.id}-${f.code}`,
        severity: f.blocking ? 'error' : 'warning',
        text: `${name}: ${f.label[lang]} (${f.clause})`,
        name,
      });
    }
  }
  return out;
}

function DocCell({
  api,
  app,
  person,
  kind,
  reload,
}: {
  api: PortalApi;
  app: PortalApplication;
  person: PortalPerson;
  kind: 'passport' | 'photo';
  reload: () => void;
}) {
  const { t } = useI18n();
  const d = person.documents[kind];
  const state = d?.state ?? 'pending';
  const note = documentNote(d, t);
  // A received file that seems to belong to the other slot is not shown as plainly "received".
  const doubtful = state === 'received' && note?.severity === 'warning';
  return (
    <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
      <Chip
        size="small"
        label={doubtful ? t(`cec.documents.${kind}`) : `${t(`cec.documents.${kind}`)}: ${t(`cec.documents.${state}`)}`}
        color={doubtful ? 'warning' : state === 'received' ? 'success' : state === 'rejected' ? 'error' : 'default'}
        data-testid={`doc-${kind}-${person.id}`}
        data-state={state}
      />
      {note ? (
        <Typography variant="caption" color={note.severity} data-testid={`doc-note-${kind}-${person.id}`}>
          {note.text}
        </Typography>
      ) : null}
      {person.editable ? (
        <UploadButton
          api={api}
          applicationId={app.id}
          kind={kind}
          personId={person.id}
          label={t(state === 'received' ? 'cec.portal.replace' : 'cec.portal.upload')}
          onUploaded={reload}
          testId={`upload-${kind}-${person.id}`}
        />
      ) : null}
    </Stack>
  );
}

export function ApplicationPage({ api, applicationId }: { api: PortalApi; applicationId: string }) {
  const { t, lang } = useI18n();
  const [app, setApp] = useState<PortalApplication | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<PortalPerson | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setApp(await api.application(applicationId));
    } catch (e) {
      setError(t((e as Error).message));
    }
  }, [api, applicationId, t]);

  useEffect(() => {
    void load();
  }, [load]);

  /** After an upload, storage tells the API; the check takes a moment, so read again a few times. */
  const reloadSoon = useCallback(() => {
    setNotice(t('cec.portal.uploaded'));
    let n = 0;
    const tick = () => {
      n++;
      void load();
      if (n < 5) setTimeout(tick, 1200);
    };
    setTimeout(tick, 600);
  }, [load, t]);

  if (error) return <Alert severity="error">{error}</Alert>;
  if (!app) return <CircularProgress />;

  const missing = missingItems(app, t, lang);
  const editable = app.status === 'draft' || app.people.some((p) => p.editable);
  // The API decides what blocks a submission (3.1); the list above tells what it will look at.
  const canSubmit = editable && app.people.length > 0;

  const save = async (input: RepresentativeInput) => {
    if (editing === 'new') await api.addRepresentative(app.id, input);
    else if (editing) await api.updateRepresentative(app.id, editing.id, { ...input, version: editing.version });
    setEditing(null);
    await load();
  };

  const submit = async () => {
    if (!window.confirm(t('cec.portal.submit_confirm'))) return;
    setBusy(true);
    try {
      // The submit answer carries statuses and flags only; the page reloads the full application.
      await api.submit(app.id);
      setNotice(t('cec.portal.submitted'));
      await load();
    } catch (e) {
      setError(t((e as Error).message));
    } finally {
      setBusy(false);
    }
  };

  const download = async (personId: string) => {
    try {
      const { url } = await api.certificateUrl(personId);
      window.open(url, '_blank', 'noopener');
    } catch (e) {
      setNotice(t((e as Error).message));
    }
  };

  return (
    <Stack spacing={2} data-testid="portal-application">
      <Card>
        <CardContent>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Button onClick={() => navigate('/')}>← {t('cec.portal.applications')}</Button>
            <Typography variant="h5" component="h1" sx={{ flex: 1 }} data-testid="application-title">
              {applicationTitle(app, t, lang)}
            </Typography>
            <Chip
              label={t(`cec.portal.app_status.${app.status}`)}
              color={app.status === 'draft' ? 'warning' : 'primary'}
              data-testid="application-status"
            />
            {app.channel === 'mfa' ? (
              <Chip variant="outlined" label={`${t('cec.grid.col.mfa')}: ${t(`cec.mfa.${app.mfaStatus}`)}`} />
            ) : null}
          </Stack>
          {app.mfaNote ? (
            <Alert severity={app.mfaStatus === 'returned' ? 'warning' : 'info'} sx={{ mt: 1 }}>
              {t('cec.portal.mfa_note')}: {app.mfaNote}
            </Alert>
          ) : null}
          {app.submittedAt ? (
            <Typography variant="body2" sx={{ mt: 1 }}>
              {t('cec.portal.submitted_at')}: {formatInstant(app.submittedAt, lang)}
            </Typography>
          ) : null}
          <Stack direction="row" spacing={2} sx={{ mt: 2, alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography variant="subtitle2" component="p">
              {t('cec.documents.letter')}:
            </Typography>
            <Chip
              size="small"
              label={t(`cec.documents.${app.letterDocument?.state ?? 'pending'}`)}
              color={
                app.letterDocument?.state === 'received'
                  ? 'success'
                  : app.letterDocument?.state === 'rejected'
                    ? 'error'
                    : 'default'
              }
              data-testid="doc-letter"
              data-state={app.letterDocument?.state ?? 'pending'}
            />
            {app.status === 'draft' ? (
              <UploadButton
                api={api}
                applicationId={app.id}
                kind="letter"
                label={t('cec.portal.upload')}
                onUploaded={reloadSoon}
                testId="upload-letter"
              />
            ) : null}
          </Stack>
        </CardContent>
      </Card>

      {notice ? (
        <Alert severity="success" onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      ) : null}

      {missing.length > 0 && editable ? (
        <Card data-testid="portal-missing">
          <CardContent>
            <Typography variant="h6" component="h2">
              {t('cec.portal.missing_title')}
            </Typography>
            <Stack spacing={0.5} sx={{ mt: 1 }}>
              {missing.map((m) => (
                <Alert key={m.key} severity={m.severity} sx={{ py: 0 }}>
                  <WithNames text={m.text} names={[m.name]} />
                </Alert>
              ))}
            </Stack>
          </CardContent>
        </Card>
      ) : null}

      <Card>
        <CardContent>
          <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
            <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
              {t('cec.portal.representatives')} ({app.people.length})
            </Typography>
            {app.status === 'draft' ? (
              <Button
                startIcon={<AddIcon />}
                variant="outlined"
                onClick={() => setEditing('new')}
                data-testid="add-representative"
              >
                {t('cec.rep.add')}
              </Button>
            ) : null}
          </Stack>
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>{t('cec.rep.name')}</TableCell>
                  <TableCell>{t('cec.rep.role')}</TableCell>
                  <TableCell>{t('cec.rep.citizenship')}</TableCell>
                  <TableCell>{t('cec.documents.title')}</TableCell>
                  <TableCell>{t('cec.portal.status')}</TableCell>
                  <TableCell>{t('cec.portal.decision')}</TableCell>
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {app.people.map((p) => (
                  <TableRow key={p.id} data-testid="representative-row">
                    <TableCell>
                      <span translate="no">
                        <b>{p.familyNameLatin.toUpperCase()}</b> {p.givenNamesLatin}
                      </span>
                      <br />
                      <Typography variant="caption" color="text.secondary">
                        {p.familyNameCyrillic} {p.givenNamesCyrillic}
                      </Typography>
                    </TableCell>
                    <TableCell>{t(`cec.role.${p.role}`)}</TableCell>
                    <TableCell>{countryLabel(p.citizenship, lang)}</TableCell>
                    <TableCell>
                      <Stack direction="row" spacing={1}>
                        <DocCell api={api} app={app} person={p} kind="passport" reload={reloadSoon} />
                        <DocCell api={api} app={app} person={p} kind="photo" reload={reloadSoon} />
                      </Stack>
                    </TableCell>
                    <TableCell>
                      <Chip size="small" label={t(`cec.status.${p.status}`)} data-testid="person-status" />
                    </TableCell>
                    <TableCell sx={{ maxWidth: 320 }}>
                      {p.decisions.map((d) => (
                        <Typography key={`${d.resolutionNumber}-${d.outcome}`} variant="body2">
                          <b>{t(`cec.decision.${d.outcome}`)}</b> · №{d.resolutionNumber} ·{' '}
                          {formatDate(d.adoptedOn, lang)}
                          {d.label ? ` · ${d.label[lang]}` : ''}
                          {d.clause ? ` (${d.clause})` : ''}
                          {d.reason ? ` — ${d.reason}` : ''}
                        </Typography>
                      ))}
                      {p.certificateNumber ? (
                        <Link component="button" onClick={() => download(p.id)} data-testid="certificate-link">
                          {t('cec.portal.certificate', { number: p.certificateNumber })}
                        </Link>
                      ) : null}
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      {p.editable ? (
                        <Stack direction="column" sx={{ alignItems: 'flex-start' }}>
                          <Button size="small" onClick={() => setEditing(p)}>
                            {t('cec.portal.edit')}
                          </Button>
                          <Button
                            size="small"
                            color="error"
                            onClick={async () => {
                              if (!window.confirm(t('cec.portal.remove_confirm'))) return;
                              try {
                                await api.removeRepresentative(app.id, p.id);
                                await load();
                              } catch (e) {
                                setError(t((e as Error).message));
                              }
                            }}
                          >
                            {t('cec.portal.remove')}
                          </Button>
                        </Stack>
                      ) : null}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        </CardContent>
      </Card>

      {editable ? (
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Button
            variant="contained"
            size="large"
            disabled={busy || !canSubmit}
            onClick={submit}
            data-testid="submit-application"
          >
            {t('cec.portal.submit')}
          </Button>
          <Typography variant="body2" color="text.secondary">
            {canSubmit
              ? t(app.channel === 'mfa' ? 'cec.portal.submit_help' : 'cec.portal.submit_help_direct')
              : t('cec.portal.submit_blocked')}
          </Typography>
        </Stack>
      ) : null}

      {editing ? (
        <RepresentativeDialog
          open
          initial={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSave={save}
        />
      ) : null}
    </Stack>
  );
}
