/**
 * react-admin form validation by the API's own zod schema: the same rules and messages on both sides
 * of the wire. Returns nested errors (`{ name: { ky: '...' } }`) as react-hook-form expects them.
 */
import type { z } from 'zod';

export function zodValidate(schema: z.ZodType, prepare: (v: Record<string, unknown>) => unknown = (v) => v) {
  return (values: Record<string, unknown>) => {
    const r = schema.safeParse(prepare(values));
    if (r.success) return {};
    const errors: Record<string, unknown> = {};
    for (const issue of r.error.issues) {
      if (issue.code === 'unrecognized_keys') continue;
      let node = errors;
      const path = issue.path.map(String);
      if (path.length === 0) continue;
      path.forEach((k, i) => {
        if (i === path.length - 1) {
          if (node[k] === undefined) node[k] = issue.message;
        } else {
          if (typeof node[k] !== 'object' || node[k] === null) node[k] = {};
          node = node[k] as Record<string, unknown>;
        }
      });
    }
    return errors;
  };
}

/** Keeps only the fields a strict input schema knows, dropping react-admin's extras (id, version...). */
export function pick(values: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (values[k] !== undefined) out[k] = values[k];
  return out;
}
