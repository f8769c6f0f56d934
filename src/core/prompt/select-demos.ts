import { shuffled, type Rng } from '../rng.js';
import type { Item } from '../types.js';

export interface SelectDemosOptions {
  /** Candidate demonstrations: items with a `goldLabel`; others are ignored. */
  readonly gold: readonly Item[];
  /** How many demos to return (fewer when there are not enough candidates). */
  readonly k: number;
  /** The project's label names; gold items with another label are ignored. */
  readonly labels: readonly string[];
  readonly rng: Rng;
  /** The item about to be labelled: never its own demonstration. */
  readonly excludeId?: string;
}

/**
 * Picks k few-shot demonstrations balanced over labels: the labels are visited round-robin (in
 * an order shuffled by `rng`, so with k < labels no label is always left out) and each visit
 * takes a random not-yet-used item of that label. The result alternates labels, which avoids
 * long same-label runs that bias the model towards the last label it saw.
 *
 * @example selectDemos({ gold, k: 4, labels: ['ham', 'spam'], rng: createRng(7) }) // 2 ham and 2 spam, alternating
 * Complexity: O(gold + labels × rounds), rounds ≈ k / (labels that have gold items).
 */
export function selectDemos(options: SelectDemosOptions): Item[] {
  const { gold, k, labels, rng, excludeId } = options;
  const byLabel = new Map<string, Item[]>(labels.map((label) => [label, []]));
  for (const item of gold) {
    if (item.id === excludeId || item.goldLabel === null) continue;
    byLabel.get(item.goldLabel)?.push(item);
  }
  const queues = shuffled(labels, rng).map((label) => shuffled(byLabel.get(label) ?? [], rng));
  const demos: Item[] = [];
  for (let round = 0; demos.length < k; round++) {
    let took = false;
    for (const queue of queues) {
      const item = queue[round];
      if (item === undefined) continue;
      demos.push(item);
      took = true;
      if (demos.length === k) break;
    }
    if (!took) break;
  }
  return demos;
}
