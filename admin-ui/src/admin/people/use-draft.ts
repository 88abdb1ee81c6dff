/**
 * The draft resolution a reviewer fills from the grid (3.3): remembered per election, its items kept
 * as a map person → mark so the grid shows who is already in it.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useStore } from 'react-admin';
import { allItems, type ResolutionInput, type ResolutionItemInput, useAdminApi } from '../api';
import type { DraftMark } from './triage-columns';

export function useDraft(electionId: string) {
  const api = useAdminApi();
  const queryClient = useQueryClient();
  const [draftId, setDraftId] = useStore<string | null>(`cec.draft.${electionId}`, null);
  const query = useQuery({
    queryKey: ['resolution-draft', draftId],
    enabled: !!draftId,
    queryFn: async () => {
      const r = await allItems(api, draftId!);
      return r;
    },
  });
  const resolution = query.data?.resolution;
  const isDraft = resolution?.status === 'draft';
  const marks = useMemo(() => {
    const m = new Map<string, DraftMark>();
    if (!isDraft) return m;
    for (const i of query.data?.items ?? []) {
      if (i.decision === 'accredit' || i.decision === 'refuse')
        m.set(i.personId, { outcome: i.decision, ground: i.ground });
    }
    return m;
  }, [query.data, isDraft]);

  return {
    draftId: isDraft || query.isPending ? draftId : null,
    resolution: isDraft ? resolution : undefined,
    marks,
    /** The draft's items as they are now (to put back what an undone addition replaced). */
    items: isDraft ? (query.data?.items ?? []) : [],
    forget: () => setDraftId(null),
    use: (id: string) => setDraftId(id),
    async create(input: ResolutionInput) {
      const r = await api.createResolution(electionId, input);
      setDraftId(r.id);
      return r;
    },
    async add(resolutionId: string, items: ResolutionItemInput[]) {
      const out = await api.addItems(resolutionId, items);
      await queryClient.invalidateQueries({ queryKey: ['resolution-draft', resolutionId] });
      return out;
    },
    /** Takes people out of the draft again (undo), then puts back the items an addition had replaced. */
    async undo(resolutionId: string, personIds: readonly string[], replaced: ResolutionItemInput[]) {
      for (const personId of personIds) await api.removeItem(resolutionId, personId);
      if (replaced.length > 0) await api.addItems(resolutionId, replaced);
      await queryClient.invalidateQueries({ queryKey: ['resolution-draft', resolutionId] });
    },
    refresh: () => queryClient.invalidateQueries({ queryKey: ['resolution-draft', draftId] }),
  };
}
