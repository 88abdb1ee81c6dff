/**
 * The MFA's queue (3.2): applications sent through the diplomatic channel wait for the MFA officer's
 * check; forwarding passes them to the CEC, returning sends them back to the organization with a note.
 */
import PublicIcon from '@mui/icons-material/Public';
import Button from '@mui/material/Button';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { useState } from 'react';
import {
  Datagrid,
  FunctionField,
  List,
  NumberField,
  useCanAccess,
  useLocaleState,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { Application } from '../../api/types';
import { asLang, formatInstant } from '../../i18n/format';
import { useAdminApi } from '../api';

type Row = Application & { organizationName?: string | null };

function Decide({ record }: { record: Application }) {
  const t = useTranslate();
  const api = useAdminApi();
  const notify = useNotify();
  const refresh = useRefresh();
  // 3.2: the decision is the MFA officer's alone; CEC admins may only look at the queue.
  const { canAccess } = useCanAccess({ resource: 'mfa-queue', action: 'decide' });
  if (record.mfaStatus !== 'pending' || !canAccess) return null;
  const send = async (outcome: 'forwarded' | 'returned') => {
    let note: string | undefined;
    if (outcome === 'returned') {
      note = window.prompt(t('cec.mfa_queue.return_note')) ?? undefined;
      if (!note) return;
    }
    try {
      await api.mfaDecide(String(record.id), { outcome, ...(note ? { note } : {}), version: record.version });
      notify(outcome === 'forwarded' ? 'cec.mfa_queue.forwarded' : 'cec.mfa_queue.returned');
      refresh();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  return (
    <>
      <Button size="small" color="success" onClick={() => send('forwarded')} data-testid="mfa-forward">
        {t('cec.mfa_queue.forward')}
      </Button>
      <Button size="small" onClick={() => send('returned')}>
        {t('cec.mfa_queue.return')}
      </Button>
    </>
  );
}

function MfaQueueList() {
  const t = useTranslate();
  const [locale] = useLocaleState();
  const lang = asLang(locale);
  const [status, setStatus] = useState<'pending' | 'forwarded' | 'returned'>('pending');
  return (
    <>
      <Tabs value={status} onChange={(_, v) => setStatus(v)} sx={{ mt: 1 }}>
        {(['pending', 'forwarded', 'returned'] as const).map((s) => (
          <Tab key={s} value={s} label={t(`cec.mfa.${s}`)} />
        ))}
      </Tabs>
      <List
        resource="mfa-queue"
        filter={{ status }}
        exporter={false}
        storeKey={`mfa.${status}`}
        title={t('cec.menu.mfa_queue')}
      >
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <FunctionField
            source="organizationId"
            render={(r: Row) => <span translate="no">{r.organizationName ?? '…'}</span>}
          />
          <NumberField source="personCount" />
          <FunctionField source="submittedAt" render={(r: Row) => formatInstant(r.submittedAt, lang)} />
          <FunctionField source="mfaStatus" render={(r: Application) => t(`cec.mfa.${r.mfaStatus}`)} />
          <FunctionField source="mfaNote" render={(r: Application) => r.mfaNote ?? ''} />
          <FunctionField label="" render={(r: Application) => <Decide record={r} />} />
        </Datagrid>
      </List>
    </>
  );
}

export const mfaQueue = { list: MfaQueueList, icon: PublicIcon };
