/**
 * The API's shapes under the names the pages use, from the generated types (`schema.d.ts`). Import
 * from here (or `Schemas[...]` from ./client) rather than inferring from the zod schemas: the client
 * is what the API documents, checked by `npm run openapi`'s drift test.
 */
import type { Schemas } from './client';

export type ElectionView = Schemas['Election'];
export type PublicElection = Schemas['PublicElection'];
export type Organization = Schemas['Organization'];
export type Invitation = Schemas['Invitation'];
export type Proposal = Schemas['Proposal'];
export type Application = Schemas['Application'];
export type ApplicationDetail = Schemas['ApplicationDetail'];
export type AuditEntry = Schemas['AuditEntry'];
export type Person = Schemas['Person'];
export type GridRow = Schemas['GridRow'];
export type PersonStatus = Schemas['PersonStatus'];
export type Flag = Schemas['Flag'];
export type Resolution = Schemas['Resolution'];
export type ResolutionItem = Schemas['ResolutionItem'];
export type ItemWarning = Schemas['ItemWarning'];
export type RefusalGround = Schemas['RefusalGround'];
export type ReviewerGround = Schemas['ReviewerGround'];
export type RevocationReason = Schemas['RevocationReason'];
export type RepresentativeInput = Schemas['RepresentativeInput'];
export type PortalPerson = Schemas['PortalPerson'];
/** A document as the organization sees it. */
export type DocumentView = Schemas['PortalDocument'];
export type OutboxItem = Schemas['OutboxItem'];
export type PublishedObserver = Schemas['PublishedObserver'];
