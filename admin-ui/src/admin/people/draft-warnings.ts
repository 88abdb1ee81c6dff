/**
 * What the API says about items just added to a draft (`itemWarning`: person, field, rule), told as
 * sentences in the reviewer's language: the person's name, each flag with its explanation and clause.
 * The API's rule text is English for developers; the codes and clause in it are all that is read.
 */
import { FLAGS, type FlagCode } from '#domain/eligibility';
import type { ItemWarning } from '#schemas/resolution';
import type { Lang } from '../../i18n/format';

type Translate = (key: string, options?: Record<string, unknown>) => string;

const CLAUSE = /\(((?:Art\. )?\d+(?:\.\d+)*(?: [a-z])?(?:, (?:Art\. )?\d+(?:\.\d+)*(?: [a-z])?)*)\)/;

export function warningSentence(w: ItemWarning, name: string | undefined, t: Translate, lang: Lang): string {
  const who = name ?? t('cec.warn.someone');
  const codes = (w.rule.match(/\b[A-Z_]{6,}\b/g) ?? []).filter((c): c is FlagCode => c in FLAGS);
  if (w.rule.startsWith('flagged:')) {
    const flags = codes
      .filter((c) => c !== 'KG_CITIZEN')
      .map((c) => FLAGS[c as FlagCode])
      .map((f) => `${f.label[lang]} (${f.clause})`);
    return t('cec.warn.flagged', { name: who, flags: flags.join('; ') });
  }
  if (w.field.endsWith('.decision') && codes.includes('KG_CITIZEN')) return t('cec.warn.kg_citizen', { name: who });
  if (w.field.endsWith('.ground')) return t('cec.warn.no_gross_revocation', { name: who });
  const clause = CLAUSE.exec(w.rule)?.[1];
  return t(clause ? 'cec.warn.will_refuse_clause' : 'cec.warn.will_refuse', { name: who, clause });
}
