/**
 * One tooltip for the whole grid: it follows the pointer over any element with `data-tip` (flag chips,
 * document marks, decisions), so rows carry no tooltip component each.
 */
import Paper from '@mui/material/Paper';
import Popper from '@mui/material/Popper';
import { type ReactNode, useEffect, useRef, useState } from 'react';

export function GridTooltip({ children }: { children: ReactNode }) {
  const host = useRef<HTMLDivElement | null>(null);
  const [tip, setTip] = useState<{ el: HTMLElement; text: string } | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const over = (e: MouseEvent) => {
      const target = (e.target as HTMLElement | null)?.closest<HTMLElement>('[data-tip]');
      const text = target?.dataset.tip;
      setTip((prev) => (target && text ? (prev?.el === target ? prev : { el: target, text }) : null));
    };
    const leave = () => setTip(null);
    el.addEventListener('mouseover', over);
    el.addEventListener('mouseleave', leave);
    el.addEventListener('scroll', leave, true);
    return () => {
      el.removeEventListener('mouseover', over);
      el.removeEventListener('mouseleave', leave);
      el.removeEventListener('scroll', leave, true);
    };
  }, []);

  return (
    <div ref={host} style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
      {children}
      <Popper open={tip !== null} anchorEl={tip?.el} placement="top" sx={{ zIndex: 1500, pointerEvents: 'none' }}>
        <Paper
          elevation={4}
          role="tooltip"
          sx={{ px: 1, py: 0.5, maxWidth: 420, fontSize: 12, bgcolor: 'grey.900', color: 'common.white' }}
        >
          {tip?.text}
        </Paper>
      </Popper>
    </div>
  );
}
