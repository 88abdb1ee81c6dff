/**
 * Invitations (2.2, 2.5): recorded per organization and election; issuing one sends the organization
 * its access code by email (the code is never shown or stored in clear). Reissuing replaces the code.
 */
import MailIcon from '@mui/icons-material/MarkEmailRead';
import ReplayIcon from '@mui/icons-material/Replay';
import Button from '@mui/material/Button';
import {
  AutocompleteInput,
  Create,
  Datagrid,
  FunctionField,
  List,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  useCanAccess,
  useLocaleState,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { DayInput } from '../day-input';
import { invitingAuthority } from '#schemas/invitation';
import { issueInvitationInput } from '#schemas/intake';
import type { Invitation as InvitationView } from '../../api/types';
import { asLang, formatDate, formatInstant } from '../../i18n/format';
import { useAdminApi } from '../api';
import { useCurrentElection } from '../current-election';
import { WithElection } from '../election-scoped';
import { pick, zodValidate } from '../zod-validate';

/** `source` names the column (react-admin takes the header from it). */
function CodeIssuedAt(_: { source: string }) {
  const [locale] = useLocaleState();
  const r = useRecordContext<InvitationView>();
  return r ? <span>{formatInstant(r.codeIssuedAt, asLang(locale))}</span> : null;
}

function InvitedOn(_: { source: string }) {
  const [locale] = useLocaleState();
  const r = useRecordContext<InvitationView>();
  return r ? <span>{formatDate(r.invitedOn, asLang(locale))}</span> : null;
}

const orgName = (o: { name?: { original?: string; en?: string } }) => o?.name?.en ?? o?.name?.original ?? '';

function InvitationList() {
  const t = useTranslate();
  return (
    <WithElection>
      {(electionId) => (
        <List filter={{ electionId }} exporter={false} perPage={50} storeKey={`invitations.${electionId}`}>
          <Datagrid rowClick="show" bulkActionButtons={false}>
            <ReferenceField source="organizationId" reference="organizations" link={false}>
              <FunctionField render={orgName} />
            </ReferenceField>
            <FunctionField
              source="invitingAuthority"
              render={(r: InvitationView) => t(`cec.authority.${r.invitingAuthority}`)}
            />
            <InvitedOn source="invitedOn" />
            <TextField source="mfaDispatchRef" />
            <FunctionField source="status" render={(r: InvitationView) => t(`cec.invitation_status.${r.status}`)} />
            <CodeIssuedAt source="codeIssuedAt" />
            <TextField source="codeGeneration" />
          </Datagrid>
        </List>
      )}
    </WithElection>
  );
}

function ReissueButton() {
  const t = useTranslate();
  const r = useRecordContext<InvitationView>();
  const api = useAdminApi();
  const notify = useNotify();
  const refresh = useRefresh();
  const { canAccess } = useCanAccess({ resource: 'invitations', action: 'reissue' });
  if (!r || !canAccess || r.status !== 'active') return null;
  return (
    <Button
      startIcon={<ReplayIcon />}
      onClick={async () => {
        if (!window.confirm(t('cec.invitation.reissue_confirm'))) return;
        try {
          const out = await api.reissueCode(r.id);
          notify('cec.invitation.sent', { messageArgs: { to: out.sentTo.join(', ') } });
          refresh();
        } catch (e) {
          notify((e as Error).message, { type: 'error' });
        }
      }}
    >
      {t('cec.invitation.reissue')}
    </Button>
  );
}

function InvitationShow() {
  const t = useTranslate();
  return (
    <Show
      actions={
        <TopToolbar>
          <ReissueButton />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <ReferenceField source="organizationId" reference="organizations">
          <FunctionField render={orgName} />
        </ReferenceField>
        <FunctionField
          source="invitingAuthority"
          render={(r: InvitationView) => t(`cec.authority.${r.invitingAuthority}`)}
        />
        <InvitedOn source="invitedOn" />
        <TextField source="mfaDispatchRef" />
        <FunctionField source="status" render={(r: InvitationView) => t(`cec.invitation_status.${r.status}`)} />
        <CodeIssuedAt source="codeIssuedAt" />
        <TextField source="codeGeneration" />
      </SimpleShowLayout>
    </Show>
  );
}

const FIELDS = [
  'electionId',
  'organizationId',
  'invitingAuthority',
  'invitedOn',
  'mfaDispatchRef',
  'proposalId',
] as const;

function InvitationCreate() {
  const t = useTranslate();
  const notify = useNotify();
  const { election } = useCurrentElection();
  if (!election) return null;
  const prepare = (v: Record<string, unknown>) => pick({ ...v, electionId: election.id }, FIELDS);
  return (
    <Create
      redirect="show"
      transform={prepare}
      mutationOptions={{
        onSuccess: (data: Record<string, unknown>) => {
          notify('cec.invitation.sent', { messageArgs: { to: String(data.sentTo ?? '') } });
        },
      }}
    >
      <SimpleForm validate={zodValidate(issueInvitationInput, prepare)}>
        <ReferenceInput source="organizationId" reference="organizations" perPage={200}>
          <AutocompleteInput optionText={orgName} />
        </ReferenceInput>
        <SelectInput
          source="invitingAuthority"
          choices={invitingAuthority.options.map((a) => ({ id: a, name: t(`cec.authority.${a}`) }))}
        />
        <DayInput source="invitedOn" helperText={t('cec.invitation.invited_on_help')} />
        <TextInput source="mfaDispatchRef" helperText={t('cec.invitation.mfa_ref_help')} />
      </SimpleForm>
    </Create>
  );
}

export const invitations = {
  list: InvitationList,
  show: InvitationShow,
  create: InvitationCreate,
  icon: MailIcon,
};
