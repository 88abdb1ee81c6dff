/** Saved filter presets of the triage grid: a few built in, the reviewer's own in localStorage. */
import type { GridFilterValue } from './use-grid-rows';

export interface Preset {
  id: string;
  /** A message key for built-in presets, the reviewer's own words otherwise. */
  name: string;
  builtIn?: boolean;
  filter: GridFilterValue;
}

export const BUILT_IN_PRESETS: Preset[] = [
  { id: 'kg', name: 'cec.presets.kg_citizens', builtIn: true, filter: { flag: 'KG_CITIZEN' } },
  { id: 'missing', name: 'cec.presets.missing_documents', builtIn: true, filter: { missingDocuments: true } },
  {
    id: 'submitted',
    name: 'cec.presets.awaiting_direct',
    builtIn: true,
    filter: { status: 'submitted', channel: 'direct' },
  },
  { id: 'mfa', name: 'cec.presets.awaiting_mfa', builtIn: true, filter: { status: 'mfa_checked' } },
  { id: 'unchecked', name: 'cec.presets.unchecked', builtIn: true, filter: { status: 'submitted', checked: false } },
];

const KEY = 'cec.triage.presets';

export function loadPresets(storage: Pick<Storage, 'getItem'> = localStorage): Preset[] {
  try {
    const raw = storage.getItem(KEY);
    const list = raw ? (JSON.parse(raw) as Preset[]) : [];
    return Array.isArray(list)
      ? list.filter((p) => p && typeof p.name === 'string' && typeof p.filter === 'object')
      : [];
  } catch {
    return [];
  }
}

export function savePresets(presets: Preset[], storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(KEY, JSON.stringify(presets.filter((p) => !p.builtIn)));
}
