import { percent } from '../core/format/format-number.js';
import type { MeasuredPositionBias } from '../core/runs/run-records.js';

/**
 * The position bias a pairwise label run measured, in one line for `hilo label`.
 * @example positionBiasLine({ items: 40, flipRate: 0.25, firstPositionWinRate: 0.6, positionShift: 0.1 })
 * // 'position bias of the judge over 40 items read in both orders: 25.0% of verdicts flip when the responses are swapped; the response shown first wins 60.0% of decisive verdicts; both orders are averaged, so the bias cancels'
 */
export function positionBiasLine(bias: MeasuredPositionBias): string {
  return (
    `position bias of the judge over ${bias.items} items read in both orders: ` +
    `${percent(bias.flipRate)} of verdicts flip when the responses are swapped; ` +
    (bias.firstPositionWinRate === null
      ? 'every verdict was a tie; '
      : `the response shown first wins ${percent(bias.firstPositionWinRate)} of decisive verdicts; `) +
    'both orders are averaged, so the bias cancels'
  );
}
