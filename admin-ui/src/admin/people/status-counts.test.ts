/** The chips' "all" is what the grid lists: drafts (3.1) are not sent to the CEC and not counted. */
import { describe, expect, it } from 'vitest';
import { decidedOf, draftsOf, GRID_STATUSES, sentToCec } from './status-counts';

describe('figures above the grid', () => {
  const counts = {
    draft: 200,
    submitted: 500,
    mfa_checked: 21,
    accredited: 300,
    refused: 110,
    revoked: 2,
    withdrawn: 100,
  };

  it('counts as "all" the people the grid lists, without drafts', () => {
    expect(sentToCec(counts)).toBe(1033);
    expect(draftsOf(counts)).toBe(200);
    expect(GRID_STATUSES).not.toContain('draft');
  });

  it('counts as decided those with a decision of the CEC', () => {
    expect(decidedOf(counts)).toBe(412);
    expect(decidedOf({})).toBe(0);
  });
});
