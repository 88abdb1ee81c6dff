/**
 * One tooltip for the whole grid, so rows carry no tooltip component each. It shows what an element
 * says in full: `data-tip` (flag chips, document marks, decisions) always, `data-full` (names,
 * organizations) only when the text is cut to the lines a row has. Two ways to it (WCAG 1.4.13, 2.1.1):
 * - the pointer over the element;
 * - the keyboard: while the grid has the focus, the tooltip shows what the active cell says in full
 *   (every chip of it), and follows the active cell. Escape hides it until the next key.
 * The tooltip is the element's description (aria-describedby) while it shows.
 */
import Paper from '@mui/material/Paper';
import Popper from '@mui/material/Popper';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';

interface Tip {
  el: HTMLElement;
  text: string;
}

/** Whether an element's text does not fit its box (cut by lines or by width). */
export function isCut(el: HTMLElement): boolean {
  return el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
}

/** What an element says in full, or nothing when it shows all of it already. */
function tipOf(el: HTMLElement): string | undefined {
  if (el.dataset.tip) return el.dataset.tip;
  if (el.dataset.full && isCut(el)) return el.dataset.full;
  return undefined;
}

/** The full texts of the grid's active cell, while the grid itself has the focus. */
function activeCellTip(host: HTMLElement): Tip | null {
  const grid = host.querySelector<HTMLElement>('[role=grid]');
  if (!grid || document.activeElement !== grid) return null;
  const id = grid.getAttribute('aria-activedescendant');
  const cell = id ? document.getElementById(id) : null;
  if (!cell || !host.contains(cell)) return null;
  const texts = [cell, ...cell.querySelectorAll<HTMLElement>('[data-tip], [data-full]')]
    .map(tipOf)
    .filter((t): t is string => !!t);
  return texts.length > 0 ? { el: cell, text: [...new Set(texts)].join('\n') } : null;
}

export function GridTooltip({ children }: { children: ReactNode }) {
  const host = useRef<HTMLDivElement | null>(null);
  const tipId = `${useId()}-tip`;
  const [tip, setTip] = useState<Tip | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const show = (next: Tip | null) =>
      setTip((prev) => (next && prev?.el === next.el && prev.text === next.text ? prev : next));
    const over = (e: MouseEvent) => {
      const target = (e.target as HTMLElement | null)?.closest<HTMLElement>('[data-tip], [data-full]');
      const text = target && el.contains(target) ? tipOf(target) : undefined;
      show(target && text ? { el: target, text } : activeCellTip(el));
    };
    const fromKeyboard = () => show(activeCellTip(el));
    let frame = 0;
    const keydown = (e: KeyboardEvent) => {
      cancelAnimationFrame(frame);
      if (e.key === 'Escape') {
        show(null);
        return;
      }
      // The grid moves its active cell on this key; the tooltip follows once it has rendered.
      frame = requestAnimationFrame(fromKeyboard);
    };
    const focusout = (e: FocusEvent) => {
      if (!el.contains(e.relatedTarget as Node | null)) show(null);
      else frame = requestAnimationFrame(fromKeyboard);
    };
    const leave = () => show(activeCellTip(el));
    const scroll = () => show(null);
    el.addEventListener('mouseover', over);
    el.addEventListener('mouseleave', leave);
    el.addEventListener('keydown', keydown);
    el.addEventListener('focusin', fromKeyboard);
    el.addEventListener('focusout', focusout);
    el.addEventListener('scroll', scroll, true);
    return () => {
      cancelAnimationFrame(frame);
      el.removeEventListener('mouseover', over);
      el.removeEventListener('mouseleave', leave);
      el.removeEventListener('keydown', keydown);
      el.removeEventListener('focusin', fromKeyboard);
      el.removeEventListener('focusout', focusout);
      el.removeEventListener('scroll', scroll, true);
    };
  }, []);

  // The element the tooltip explains is described by it while it shows.
  useEffect(() => {
    const el = tip?.el;
    if (!el) return;
    el.setAttribute('aria-describedby', tipId);
    return () => el.removeAttribute('aria-describedby');
  }, [tip, tipId]);

  return (
    <div ref={host} style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
      {children}
      <Popper
        open={tip?.el.isConnected === true}
        anchorEl={tip?.el}
        placement="top"
        sx={{ zIndex: 1500, pointerEvents: 'none' }}
      >
        <Paper
          elevation={4}
          role="tooltip"
          id={tipId}
          data-testid="grid-tooltip"
          sx={{
            px: 1,
            py: 0.5,
            maxWidth: 420,
            fontSize: 12,
            whiteSpace: 'pre-line',
            bgcolor: 'grey.900',
            color: 'common.white',
          }}
        >
          {tip?.text}
        </Paper>
      </Popper>
    </div>
  );
}
