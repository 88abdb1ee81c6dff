/**
 * 3.3: a resolution of the CEC accrediting some of the demo's people, adopted as staff adopt one, so
 * that certificates and decision letters are made by the outbox consumer.
 */
import { addDays } from '#domain/time';
import { listResolutions } from '#data/resolutions/drafts';
import { adoptResolution } from '#decisions/adoption';
import { createDraft, setItems } from '#decisions/composition';
import { clock } from '#runtime/clock';
import type { Election } from '#schemas/election';
import { actor, seedId } from './common';

export const DEMO_RESOLUTION = '12/1 (демо)';
/** The people the demo resolution accredits: two checked by the MFA (3.2), one sent directly. */
const ACCREDITED = [1, 2, 4];

/** Returns whether it adopted the resolution now (false: it was adopted before). */
export async function seedResolution(election: Election, today: string, now: Date): Promise<boolean> {
  const page = await listResolutions(election.id, { limit: 100, kind: 'accreditation' });
  let r = page.items.find((x) => x.number === DEMO_RESOLUTION);
  if (r?.status === 'adopted') return false;
  r ??= await createDraft(
    election.id,
    {
      number: DEMO_RESOLUTION,
      adoptedOn: addDays(today, -2),
      kind: 'accreditation',
      title: 'Об аккредитации международных наблюдателей (демо)',
    },
    actor,
    now,
  );
  if (r.status === 'draft') {
    await setItems(
      r.id,
      ACCREDITED.map((n) => ({ personId: seedId(600, n), decision: 'accredit' as const })),
      actor,
      now,
    );
  }
  await adoptResolution(r.id, actor, clock);
  return true;
}
