import { describe, expect, it } from 'vitest';
import { positionBiasLine } from './position-bias-line.js';

describe('positionBiasLine', () => {
  it('says how often verdicts flip and how often the first-shown response wins', () => {
    expect(
      positionBiasLine({
        items: 40,
        flipRate: 0.25,
        firstPositionWinRate: 0.6,
        positionShift: 0.1,
      }),
    ).toBe(
      'position bias of the judge over 40 items read in both orders: 25.0% of verdicts flip when the responses are swapped; the response shown first wins 60.0% of decisive verdicts; both orders are averaged, so the bias cancels',
    );
    expect(
      positionBiasLine({ items: 3, flipRate: 0, firstPositionWinRate: null, positionShift: 0 }),
    ).toContain('swapped; every verdict was a tie; both orders');
  });
});
