import { describe, expect, it } from 'vitest';
import { counterDeltas, cutChunks } from './chunks';

const scope = (org: string, country = 'DE') => ({ electionId: 'E', organizationId: org, organizationCountry: country });

describe('cutChunks', () => {
  it('keeps every transaction within the action limit, counting one counter update per organization and country', () => {
    const entries = Array.from({ length: 100 }, (_, i) => ({ scope: scope(`O${i % 7}`, `C${i % 3}`), actions: 4 }));
    const sizes = cutChunks(entries, 4, 100);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(100);
    let offset = 0;
    for (const n of sizes) {
      const slice = entries.slice(offset, offset + n);
      offset += n;
      const orgs = new Set(slice.map((e) => e.scope.organizationId)).size;
      const countries = new Set(slice.map((e) => e.scope.organizationCountry)).size;
      expect(4 + n * 4 + orgs + countries).toBeLessThanOrEqual(100);
    }
  });

  it('fits more people when they come organization by organization', () => {
    const mixed = Array.from({ length: 200 }, (_, i) => ({ scope: scope(`O${i % 25}`, `C${i % 10}`), actions: 4 }));
    const grouped = [...mixed].sort((a, b) => a.scope.organizationId.localeCompare(b.scope.organizationId));
    expect(cutChunks(grouped, 4).length).toBeLessThan(cutChunks(mixed, 4).length);
  });

  it('refuses an entry that cannot fit at all', () => {
    expect(() => cutChunks([{ scope: scope('O'), actions: 99 }], 4)).toThrow(RangeError);
  });
});

describe('counterDeltas', () => {
  it('nets the moves per counter item and status', () => {
    const d = counterDeltas([
      { scope: scope('A'), from: 'submitted', to: 'accredited' },
      { scope: scope('A'), from: 'submitted', to: 'refused' },
      { scope: scope('B', 'FR'), from: 'mfa_checked', to: 'accredited' },
    ]);
    const byKey = Object.fromEntries([...d.values()].map((v) => [v.key.sk, Object.fromEntries(v.deltas)]));
    expect(byKey['COUNT#STATUS']).toEqual({ submitted: -2, accredited: 2, refused: 1, mfa_checked: -1 });
    expect(byKey['COUNT#ORG#A']).toEqual({ submitted: -2, accredited: 1, refused: 1 });
    expect(byKey['COUNT#CC#FR']).toEqual({ mfa_checked: -1, accredited: 1 });
  });
});
