/**
 * A refused upload's reason in the reader's language. The upload check (shared/uploads/inspect.ts)
 * stores a code beside its English reason; screens say the code's sentence, and fall back to the
 * check's own words only for a code they do not know.
 */
import { REJECTION_CODES } from '#schemas/document';

const KNOWN: ReadonlySet<string> = new Set(REJECTION_CODES);

export function rejectionText(
  d: { rejectionCode?: string | null; rejectionReason?: string | null } | null | undefined,
  t: (key: string) => string,
): string {
  if (!d) return '';
  if (d.rejectionCode && KNOWN.has(d.rejectionCode)) return t(`cec.upload_rejected.${d.rejectionCode}`);
  return d.rejectionReason ?? '';
}
