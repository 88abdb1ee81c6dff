/**
 * The outbox (cec-admin): outgoing mail and certificates by delivery state, failed first. A failed
 * letter shows when the redrive sends it again; a parked one (still failing a day after its first
 * attempt) waits for staff. Times are Bishkek times, day first.
 */
import OutboxIcon from '@mui/icons-material/Outbox';
import Button from '@mui/material/Button';
import {
  Datagrid,
  FunctionField,
  List,
  NumberField,
  SelectInput,
  TextField,
  useCanAccess,
  useLocaleState,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { outboxStatus, type OutboxView } from '#schemas/publication';
import { asLang, formatInstant } from '../../i18n/format';
import { useAdminApi } from '../api';

/** A failed or parked item sent again now (a new round of attempts; audited by the API). */
function SendAgain({ record }: { record: OutboxView }) {
  const t = useTranslate();
  const api = useAdminApi();
  const notify = useNotify();
  const refresh = useRefresh();
  const { canAccess } = useCanAccess({ resource: 'outbox', action: 'retry' });
  if (!canAccess || (record.status !== 'failed' && record.status !== 'parked')) return null;
  const send = async () => {
    try {
      await api.retryOutbox(record.id);
      notify('cec.outbox.sent_again');
      refresh();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  return (
    <Button size="small" onClick={send} data-testid="outbox-send-again">
      {t('cec.outbox.send_again')}
    </Button>
  );
}

function OutboxList() {
  const t = useTranslate();
  const [locale] = useLocaleState();
  const lang = asLang(locale);
  // The API lists one state at a time (failed when none is chosen).
  const filters = [
    <SelectInput
      key="status"
      source="status"
      alwaysOn
      choices={outboxStatus.options.map((s) => ({ id: s, name: t(`cec.outbox_status.${s}`) }))}
    />,
  ];
  return (
    <List filters={filters} filterDefaultValues={{ status: 'failed' }} exporter={false} perPage={50}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <FunctionField
          source="createdAt"
          sortable={false}
          sx={{ whiteSpace: 'nowrap' }}
          render={(r: OutboxView) => formatInstant(r.createdAt, lang)}
        />
        <FunctionField
          source="template"
          sortable={false}
          render={(r: OutboxView) => t(`cec.audit.template.${r.template}`, { _: t('cec.audit.template.other') })}
        />
        <FunctionField source="to" sortable={false} render={(r: OutboxView) => r.to.join(', ')} />
        <FunctionField
          source="status"
          sortable={false}
          render={(r: OutboxView) => t(`cec.outbox_status.${r.status}`)}
        />
        <NumberField source="attempts" sortable={false} />
        <NumberField source="retries" sortable={false} />
        <FunctionField
          source="nextAttemptAt"
          sortable={false}
          sx={{ whiteSpace: 'nowrap' }}
          render={(r: OutboxView) => formatInstant(r.nextAttemptAt ?? r.parkedAt, lang)}
        />
        <TextField source="lastError" sortable={false} emptyText="" />
        <FunctionField render={(r: OutboxView) => <SendAgain record={r} />} />
      </Datagrid>
    </List>
  );
}

export const outbox = { list: OutboxList, icon: OutboxIcon };
