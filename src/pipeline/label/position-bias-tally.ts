import { positionBias } from '../../core/pairwise/index.js';
import type { MeasuredPositionBias } from '../../core/runs/run-records.js';
import type { Distribution } from '../../core/types.js';
import type { LabelOutcome } from './labeller.js';

/** The verdicts `positionBias` reads, in its order: A, B, tie. */
const VERDICTS = ['a', 'b', 'tie'] as const;

/**
 * Collects the two orders of every item a pairwise judge read both ways, and measures the
 * judge's position bias over them (see `positionBias` in `src/core/pairwise`).
 * @example const tally = positionBiasTally(); tally.add(outcome); tally.measured()?.flipRate
 * Complexity: O(1) per add, O(items) per measurement; memory 6 numbers per item.
 */
export function positionBiasTally(): {
  add(outcome: Pick<LabelOutcome, 'orders'>): void;
  measured(): MeasuredPositionBias | null;
} {
  const first: number[] = [];
  const swapped: number[] = [];
  return {
    add(outcome) {
      if (outcome.orders === undefined) return;
      first.push(...row(outcome.orders.first));
      swapped.push(...row(outcome.orders.swapped));
    },
    measured() {
      if (first.length === 0) return null;
      const bias = positionBias(Float64Array.from(first), Float64Array.from(swapped));
      return {
        items: bias.items,
        flipRate: bias.flipRate,
        firstPositionWinRate: Number.isNaN(bias.firstPositionWinRate)
          ? null
          : bias.firstPositionWinRate,
        positionShift: bias.positionShift,
      };
    },
  };
}

function row(distribution: Distribution): number[] {
  return VERDICTS.map((v) => {
    const p = distribution[v];
    return typeof p === 'number' && Number.isFinite(p) && p > 0 ? p : 0;
  });
}
