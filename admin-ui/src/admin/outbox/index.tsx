/**
 * The outbox (cec-admin): outgoing mail and certificates by delivery state, failed first. A failed
 * letter shows when the redrive sends it again; a parked one (still failing a day after its first
 * attempt) waits for staff. Times are Bishkek times, day first.
 */
import OutboxIcon from '@mui/icons-material/Outbox';
import {
  Datagrid,
  FunctionField,
  List,
  NumberField,
  SelectInput,
  TextField,
  useLocaleState,
  useTranslate,
} from 'react-admin';
import { outboxStatus, type OutboxView } from '#schemas/publication';
import { asLang, formatInstant } from '../../i18n/format';

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
        <TextField source="template" sortable={false} />
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
      </Datagrid>
    </List>
  );
}

export const outbox = { list: OutboxList, icon: OutboxIcon };
