/**
 * The API's actions that are not plain records (adopt, add items, review marks, presigned links), as
 * typed calls over the data provider. Paths live here and in data-provider.ts only.
 */
import type { z } from 'zod';
import type {
  adoptionResult,
  itemsResult,
  Resolution,
  resolutionDetail,
  ResolutionInput,
  ResolutionItemInput,
} from '#schemas/resolution';
import type { GridRow, personDetail, ReviewPatch } from '#schemas/triage';
import { useDataProvider } from 'react-admin';
import type { ApiDataProvider } from '../data/data-provider';

export type PersonDetail = z.infer<typeof personDetail>;
export type ResolutionDetail = z.infer<typeof resolutionDetail>;
export type ItemsResult = z.infer<typeof itemsResult>;
export type AdoptionResult = z.infer<typeof adoptionResult>;
type Counts = Record<string, number>;
/** GET /v1/admin/elections/{electionId}/statistics (shared/http/routes/admin-decisions.ts). */
export interface Statistics {
  electionId: string;
  total: number;
  byStatus: Counts;
  byOrganization: {
    organizationId: string;
    name: string | null;
    country: string | null;
    total: number;
    counts: Counts;
  }[];
  byCountry: { country: string; total: number; counts: Counts }[];
  window: {
    phase: string;
    daysLeft: number;
    lastAccreditationDay: string;
    windowClosesAt: string;
    mandateEndsOn: string | null;
  };
}

const enc = encodeURIComponent;

export function adminApi(dp: ApiDataProvider) {
  return {
    personDetail: (personId: string) => dp.call<PersonDetail>('GET', `/v1/admin/people/${enc(personId)}`),
    /** Answers with the person's grid row as it now is. */
    review: (personId: string, patch: ReviewPatch) =>
      dp.call<GridRow>('PATCH', `/v1/admin/people/${enc(personId)}`, patch),
    createResolution: (electionId: string, input: ResolutionInput) =>
      dp.call<Resolution>('POST', `/v1/admin/elections/${enc(electionId)}/resolutions`, input),
    resolution: (resolutionId: string, cursor?: string) =>
      dp.call<ResolutionDetail>(
        'GET',
        `/v1/admin/resolutions/${enc(resolutionId)}${cursor ? `?cursor=${enc(cursor)}&limit=200` : '?limit=200'}`,
      ),
    addItems: (resolutionId: string, items: ResolutionItemInput[]) =>
      dp.call<ItemsResult>('POST', `/v1/admin/resolutions/${enc(resolutionId)}/items`, { items }),
    removeItem: (resolutionId: string, personId: string) =>
      dp.call<Resolution>('DELETE', `/v1/admin/resolutions/${enc(resolutionId)}/items/${enc(personId)}`),
    /** Adopts, or resumes an adoption that stopped part-way; an adopted resolution comes back as it is. */
    adopt: (resolutionId: string) =>
      dp.call<AdoptionResult>('POST', `/v1/admin/resolutions/${enc(resolutionId)}/adopt`),
    discard: (resolutionId: string) => dp.call<Resolution>('DELETE', `/v1/admin/resolutions/${enc(resolutionId)}`),
    statistics: (electionId: string) => dp.call<Statistics>('GET', `/v1/admin/elections/${enc(electionId)}/statistics`),
  };
}

export function useAdminApi() {
  return adminApi(useDataProvider<ApiDataProvider>());
}

/** Every item of a resolution, page by page (a draft may hold the whole election). */
export async function allItems(api: ReturnType<typeof adminApi>, resolutionId: string) {
  const first = await api.resolution(resolutionId);
  const items = [...first.items];
  let cursor = first.nextCursor;
  for (let guard = 0; cursor && guard < 100; guard++) {
    const next = await api.resolution(resolutionId, cursor);
    items.push(...next.items);
    cursor = next.nextCursor;
  }
  return { resolution: first, items };
}
