/**
 * Statistics of an election, from the counter items only (kept exact in the transactions that move
 * people between statuses): per status, per organization (with names) and per country of the
 * sending organization; and where the accreditation window stands (3.6).
 */
import { daysLeftInWindow, deriveCalendar, phaseOf } from '#domain/calendar';
import type { Election } from '#schemas/election';
import { type StatusCounts, groupedCounts, statusCounts } from './counters';
import { organizationLabel, organizationsById } from './triage';

const total = (c: StatusCounts) => Object.values(c).reduce((a, b) => a + (b ?? 0), 0);

export interface ElectionStatistics {
  electionId: string;
  total: number;
  byStatus: StatusCounts;
  byOrganization: {
    organizationId: string;
    name: string | null;
    country: string | null;
    total: number;
    counts: StatusCounts;
  }[];
  byCountry: { country: string; total: number; counts: StatusCounts }[];
  window: {
    phase: ReturnType<typeof phaseOf>;
    daysLeft: number;
    lastAccreditationDay: string;
    windowClosesAt: string;
    mandateEndsOn: string | null;
  };
}

export async function electionStatistics(e: Election, now: Date): Promise<ElectionStatistics> {
  const [byStatus, orgs, countries] = await Promise.all([
    statusCounts(e.id),
    groupedCounts(e.id, 'ORG'),
    groupedCounts(e.id, 'CC'),
  ]);
  const names = await organizationsById(Object.keys(orgs));
  const calendar = deriveCalendar(e);
  return {
    electionId: e.id,
    total: total(byStatus),
    byStatus,
    byOrganization: Object.entries(orgs)
      .map(([organizationId, counts]) => ({
        organizationId,
        name: organizationLabel(names.get(organizationId)),
        country: names.get(organizationId)?.country ?? null,
        total: total(counts),
        counts,
      }))
      .sort((a, b) => b.total - a.total || (a.name ?? '').localeCompare(b.name ?? '')),
    byCountry: Object.entries(countries)
      .map(([country, counts]) => ({ country, total: total(counts), counts }))
      .sort((a, b) => b.total - a.total || a.country.localeCompare(b.country)),
    window: {
      phase: phaseOf(e, now),
      daysLeft: daysLeftInWindow(e, now),
      lastAccreditationDay: calendar.lastAccreditationDay,
      windowClosesAt: calendar.windowClosesAt,
      mandateEndsOn: calendar.mandateEndsOn,
    },
  };
}
