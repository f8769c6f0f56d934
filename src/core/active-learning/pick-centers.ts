import type { Rng } from '../rng.js';

export interface PickCentersOptions {
  /** Number of items. */
  readonly size: number;
  /** Centers to pick (fewer when fewer items are open). */
  readonly count: number;
  /**
   * `k-means++` draws each next center with probability ∝ squared distance to the nearest
   * center so far (Arthur & Vassilvitskii 2007); `k-center` takes the farthest item (the
   * greedy 2-approximation of Gonzalez 1985, the core-set rule of Sener & Savarese 2018).
   */
  readonly rule: 'k-means++' | 'k-center';
  readonly rng: Rng;
  /** Sets `out[i] = min(out[i], d²(i, center))` for every item i. */
  readonly updateDistances: (center: number, out: Float64Array) => void;
  /** Items that may not be picked (already labelled); they still count as open space. */
  readonly excluded?: Uint8Array;
  /** Squared distance of each item to centers fixed beforehand (e.g. the labelled set). */
  readonly initial?: Float64Array;
  /** The first center when nothing is fixed beforehand; default a uniform draw. */
  readonly first?: number;
}

export interface PickedCenters {
  readonly picks: Int32Array;
  /** Squared distance of every item to its nearest center (fixed ones and picks). */
  readonly distances: Float64Array;
}

/**
 * Picks diverse items one at a time, keeping every item's distance to its nearest center.
 * Distances come from a callback, so the same loop serves plain embeddings (cold start,
 * core-set) and BADGE's gradient embeddings, whose distances are computed without ever being
 * materialised. Ties and an all-zero distance field fall back to a uniform draw.
 * @example pickCenters({ size: n, count: 10, rule: 'k-means++', rng, updateDistances: (c, out) => distancesToRow(emb, c, out, true) })
 * Complexity: O(count × (n + cost of updateDistances)), O(n) memory.
 */
export function pickCenters(options: PickCentersOptions): PickedCenters {
  const { size: n, rng, excluded } = options;
  const distances = options.initial
    ? Float64Array.from(options.initial)
    : new Float64Array(n).fill(Infinity);
  const open = new Uint8Array(n);
  let openCount = 0;
  for (let i = 0; i < n; i++) {
    if (excluded && excluded[i] === 1) continue;
    open[i] = 1;
    openCount++;
  }
  const picks: number[] = [];
  const take = (i: number): void => {
    picks.push(i);
    open[i] = 0;
    openCount--;
    options.updateDistances(i, distances);
  };
  const wanted = Math.max(0, Math.min(options.count, openCount));
  if (wanted > 0 && !options.initial) {
    const first = options.first ?? nthOpen(open, rng.int(openCount));
    if (open[first] !== 1) throw new RangeError(`first center ${first} is not an open item`);
    take(first);
  }
  while (picks.length < wanted) {
    take(
      options.rule === 'k-center'
        ? farthest(open, distances, rng)
        : drawSquared(open, distances, openCount, rng),
    );
  }
  return { picks: Int32Array.from(picks), distances };
}

/** The open item with the largest distance; among equals, a uniform draw. O(n). */
function farthest(open: Uint8Array, distances: Float64Array, rng: Rng): number {
  let best = -1;
  let bestDistance = -Infinity;
  let ties = 0;
  for (let i = 0; i < open.length; i++) {
    if (open[i] !== 1) continue;
    const d = distances[i] as number;
    if (d > bestDistance) {
      best = i;
      bestDistance = d;
      ties = 1;
    } else if (d === bestDistance && rng.int(++ties) === 0) best = i; // reservoir over ties
  }
  return best;
}

/** An open item drawn with probability ∝ its distance (uniform if all are 0 or ∞). O(n). */
function drawSquared(
  open: Uint8Array,
  distances: Float64Array,
  openCount: number,
  rng: Rng,
): number {
  let total = 0;
  for (let i = 0; i < open.length; i++) if (open[i] === 1) total += distances[i] as number;
  if (!(total > 0) || !Number.isFinite(total)) return nthOpen(open, rng.int(openCount));
  let target = rng.next() * total;
  let last = -1;
  for (let i = 0; i < open.length; i++) {
    if (open[i] !== 1) continue;
    const d = distances[i] as number;
    if (d > 0) last = i;
    target -= d;
    if (target < 0 && d > 0) return i;
  }
  return last; // rounding left a sliver of mass past the end
}

function nthOpen(open: Uint8Array, rank: number): number {
  let seen = 0;
  for (let i = 0; i < open.length; i++) {
    if (open[i] !== 1) continue;
    if (seen === rank) return i;
    seen++;
  }
  throw new RangeError(`no open item of rank ${rank}`);
}
