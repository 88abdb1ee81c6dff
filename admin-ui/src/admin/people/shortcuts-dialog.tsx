/** The list of the grid's keys, opened with "?". */
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import { useTranslate } from 'react-admin';

export const SHORTCUTS: [string, string][] = [
  ['↑ ↓ ← →', 'cec.keys.move'],
  ['PgUp PgDn · Ctrl+Home/End', 'cec.keys.page'],
  ['Space', 'cec.keys.select'],
  ['Shift+↑/↓', 'cec.keys.extend'],
  ['Ctrl+A', 'cec.keys.select_all'],
  ['Enter · o', 'cec.keys.open'],
  ['c', 'cec.keys.check'],
  ['a', 'cec.keys.accredit'],
  ['r', 'cec.keys.refuse'],
  ['n · F2', 'cec.keys.note'],
  ['s', 'cec.keys.sort'],
  ['Esc', 'cec.keys.clear'],
  ['?', 'cec.keys.help'],
];

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslate();
  return (
    <Dialog open={open} onClose={onClose}>
      <DialogTitle>{t('cec.grid.shortcuts')}</DialogTitle>
      <DialogContent>
        <Table size="small">
          <TableBody>
            {SHORTCUTS.map(([k, m]) => (
              <TableRow key={k}>
                <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{k}</TableCell>
                <TableCell>{t(m)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </DialogContent>
    </Dialog>
  );
}
