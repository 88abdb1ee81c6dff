/** The column resize handle's keys: a reviewer without a mouse widens and narrows a column too. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, RESIZE_STEP, widthForKey } from './virtual-grid';

describe('widthForKey', () => {
  it('steps with the arrows, four steps with Shift', () => {
    expect(widthForKey(120, 'ArrowRight', false)).toBe(120 + RESIZE_STEP);
    expect(widthForKey(120, 'ArrowLeft', false)).toBe(120 - RESIZE_STEP);
    expect(widthForKey(120, 'ArrowRight', true)).toBe(120 + 4 * RESIZE_STEP);
  });

  it('goes to the ends with Home and End, back to the default with Enter, and leaves other keys alone', () => {
    expect(widthForKey(120, 'Home', false)).toBe(MIN_COLUMN_WIDTH);
    expect(widthForKey(120, 'End', false)).toBe(MAX_COLUMN_WIDTH);
    expect(widthForKey(120, 'Enter', false)).toBeUndefined();
    expect(widthForKey(120, 'ArrowDown', false)).toBeNull();
    expect(widthForKey(120, 'a', false)).toBeNull();
  });

  it('never leaves the allowed widths', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: MIN_COLUMN_WIDTH, max: MAX_COLUMN_WIDTH }),
        fc.constantFrom('ArrowLeft', 'ArrowRight'),
        fc.boolean(),
        (w, key, shift) => {
          const next = widthForKey(w, key, shift) as number;
          expect(next).toBeGreaterThanOrEqual(MIN_COLUMN_WIDTH);
          expect(next).toBeLessThanOrEqual(MAX_COLUMN_WIDTH);
        },
      ),
      { seed: 20261129 },
    );
  });
});
