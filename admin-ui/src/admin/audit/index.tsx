/** The audit log: every write, who made it, the clause it rests on (design principle 5). */
import HistoryIcon from '@mui/icons-material/History';
import { Datagrid, DateInput, FunctionField, List, TextField, TextInput, useLocaleState } from 'react-admin';
import type { AuditEntry } from '#schemas/audit';
import { asLang, formatInstant } from '../../i18n/format';

/** The API reads the log by entity (type and id), by actor, or by day (UTC): one of them is needed. */
const filters = [
  <DateInput key="day" source="day" alwaysOn />,
  <TextInput key="entityType" source="entityType" alwaysOn />,
  <TextInput key="entityId" source="entityId" alwaysOn />,
  <TextInput key="actor" source="actor" />,
];
const today = () => new Date().toISOString().slice(0, 10);

function AuditList() {
  const [locale] = useLocaleState();
  const lang = asLang(locale);
  return (
    <List filters={filters} filterDefaultValues={{ day: today() }} exporter={false} perPage={50}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <FunctionField source="at" render={(r: AuditEntry) => formatInstant(r.at, lang)} />
        <FunctionField source="actor" render={(r: AuditEntry) => r.actor.label} />
        <TextField source="entityType" />
        <TextField source="entityId" />
        <TextField source="action" />
        <TextField source="clause" emptyText="" />
      </Datagrid>
    </List>
  );
}

export const audit = { list: AuditList, icon: HistoryIcon };
