/** The demo's invitations (2.2, 2.5): which organization is invited to which election, by whom. */
import type { InvitingAuthority } from '#schemas/invitation';
import type { OrgKey } from './organizations';

export const INVITATIONS: { n: number; election: 'upcoming' | 'past'; org: OrgKey; authority: InvitingAuthority }[] = [
  { n: 1, election: 'upcoming', org: 'cis', authority: 'president' },
  { n: 2, election: 'upcoming', org: 'odihr', authority: 'cec' },
  { n: 3, election: 'upcoming', org: 'kz', authority: 'cec' },
  { n: 4, election: 'upcoming', org: 'embassy', authority: 'cabinet_of_ministers' },
  { n: 5, election: 'past', org: 'cis', authority: 'jogorku_kenesh' },
  { n: 6, election: 'past', org: 'odihr', authority: 'cec' },
];
