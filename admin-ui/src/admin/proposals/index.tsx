/** Proposals whom to invite (2.3): a proposal is not an invitation; the CEC invites or declines. */
import LightbulbIcon from '@mui/icons-material/Lightbulb';
import Button from '@mui/material/Button';
import {
  AutocompleteInput,
  Create,
  Datagrid,
  FunctionField,
  List,
  ReferenceField,
  ReferenceInput,
  SimpleForm,
  TextField,
  TextInput,
  useCanAccess,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { proposalInput } from '#schemas/invitation';
import type { Proposal } from '../../api/types';
import { bishkekToday } from '../../i18n/format';
import { useAdminApi } from '../api';
import { useCurrentElection } from '../current-election';
import { WithElection } from '../election-scoped';
import { pick, zodValidate } from '../zod-validate';

const orgName = (o: { name?: { original?: string; en?: string } }) => o?.name?.en ?? o?.name?.original ?? '';

function ProposalList() {
  const t = useTranslate();
  return (
    <WithElection>
      {(electionId) => (
        <List filter={{ electionId }} exporter={false} storeKey={`proposals.${electionId}`}>
          <Datagrid rowClick={false} bulkActionButtons={false}>
            <ReferenceField source="proposerOrganizationId" reference="organizations" link={false}>
              <FunctionField render={orgName} />
            </ReferenceField>
            <ReferenceField source="proposedOrganizationId" reference="organizations" link={false}>
              <FunctionField render={orgName} />
            </ReferenceField>
            <TextField source="note" />
            <FunctionField source="status" render={(r: Proposal) => t(`cec.proposal_status.${r.status}`)} />
            <FunctionField label="" render={() => <ProposalActions />} />
          </Datagrid>
        </List>
      )}
    </WithElection>
  );
}

function ProposalActions() {
  const t = useTranslate();
  const r = useRecordContext<Proposal>();
  const api = useAdminApi();
  const notify = useNotify();
  const refresh = useRefresh();
  const { canAccess } = useCanAccess({ resource: 'proposals', action: 'invite' });
  if (!r || !canAccess || r.status !== 'proposed') return null;
  const invite = async () => {
    // 2.5: the invitation goes out through the MFA; its dispatch reference is recorded.
    const ref = window.prompt(t('cec.invitation.mfa_ref_help'));
    if (!ref) return;
    try {
      await api.inviteFromProposal(r.id, { invitingAuthority: 'cec', invitedOn: bishkekToday(), mfaDispatchRef: ref });
      notify('cec.invitation.sent', { messageArgs: { to: '' } });
      refresh();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  const decline = async () => {
    const note = window.prompt(t('cec.proposal.decline_note'));
    if (!note) return;
    try {
      await api.declineProposal(r.id, { note, version: r.version });
      refresh();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  return (
    <>
      <Button onClick={invite}>{t('cec.proposal.invite')}</Button>
      <Button color="error" onClick={decline}>
        {t('cec.proposal.decline')}
      </Button>
    </>
  );
}

function ProposalCreate() {
  const { election } = useCurrentElection();
  if (!election) return null;
  const prepare = (v: Record<string, unknown>) =>
    pick({ ...v, electionId: election.id, note: v.note ?? '' }, [
      'electionId',
      'proposerOrganizationId',
      'proposedOrganizationId',
      'note',
    ]);
  return (
    <Create redirect="show" transform={prepare}>
      <SimpleForm validate={zodValidate(proposalInput, prepare)}>
        <ReferenceInput source="proposerOrganizationId" reference="organizations" perPage={200}>
          <AutocompleteInput optionText={orgName} />
        </ReferenceInput>
        <ReferenceInput source="proposedOrganizationId" reference="organizations" perPage={200}>
          <AutocompleteInput optionText={orgName} />
        </ReferenceInput>
        <TextInput source="note" multiline fullWidth />
      </SimpleForm>
    </Create>
  );
}

export const proposals = { list: ProposalList, create: ProposalCreate, icon: LightbulbIcon };
