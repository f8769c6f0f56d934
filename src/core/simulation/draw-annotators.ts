import type { Rng } from '../rng.js';

/**
 * `count` distinct annotator indexes out of `size`, drawn without replacement with probability
 * ∝ weight (all equal by default): the people who label one item. Fewer when fewer exist.
 * @example drawAnnotators(8, 3, rng, votesPerWorker) // e.g. [5, 0, 2]
 * Complexity: O(size × count).
 */
export function drawAnnotators(
  size: number,
  count: number,
  rng: Rng,
  weights?: ArrayLike<number>,
): number[] {
  const left = Float64Array.from({ length: size }, (_, a) =>
    weights ? Math.max(0, weights[a] as number) : 1,
  );
  const picks: number[] = [];
  const take = Math.min(count, size);
  for (let p = 0; p < take; p++) {
    let total = 0;
    for (let a = 0; a < size; a++) total += left[a] as number;
    let chosen = -1;
    if (total > 0) {
      let u = rng.next() * total;
      for (let a = 0; a < size && chosen < 0; a++) {
        u -= left[a] as number;
        if (u < 0 && (left[a] as number) > 0) chosen = a;
      }
    }
    if (chosen < 0) {
      // No weight left (or rounding): a uniform draw among the annotators not yet taken.
      const open = Array.from({ length: size }, (_, a) => a).filter((a) => !picks.includes(a));
      chosen = open[rng.int(open.length)] as number;
    }
    picks.push(chosen);
    left[chosen] = 0;
  }
  return picks;
}
