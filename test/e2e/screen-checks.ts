/**
 * What every main screen is checked for in the browser tests: axe-core's serious and critical
 * violations (WCAG 2.1 AA rules), codes and ids that reach a person's eyes, and key cells whose
 * text is cut off. Text inside `translate="no"` (proper names, passport and resolution numbers, access
 * codes: things meant to be shown as they are) is not read as a code.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string; summary: string }[];
}

/** axe-core on the page as it is now (WCAG 2.0/2.1 A and AA, best practices). */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global script
    const axe = (window as any).axe;
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    // biome-ignore lint/suspicious/noExplicitAny: axe's result shape
    return r.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact ?? 'minor',
      help: v.help,
      // biome-ignore lint/suspicious/noExplicitAny: axe's result shape
      nodes: v.nodes.slice(0, 5).map((n: any) => ({ target: String(n.target), summary: n.failureSummary ?? '' })),
    }));
  });
}

export const isSerious = (f: AxeFinding) => f.impact === 'serious' || f.impact === 'critical';

/** A code (`KG_CITIZEN`, `email-sent`-like identifiers are lowercase and caught by ids) or a ULID. */
export const RAW_CODE = /\b[A-Z_]{6,}\b|\b[0-9A-HJKMNP-TV-Z]{26}\b/g;

/** Codes and ids in the visible text of the page, outside `translate="no"`. */
export async function rawCodesShown(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('[translate="no"], script, style, noscript, [aria-hidden="true"]')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      out.push(n.textContent ?? '');
    }
    return out.join('\n');
  });
  return [...new Set(text.match(RAW_CODE) ?? [])];
}

/** Elements matching `selector` whose text does not fit (cut off by an ellipsis or overflow). */
export async function truncated(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (els) =>
    els
      .filter((el) => {
        const e = el as HTMLElement;
        if (e.offsetParent === null) return false;
        return e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1;
      })
      .map((el) => `${el.getAttribute('data-col') ?? el.className}: ${(el.textContent ?? '').slice(0, 60)}`),
  );
}
