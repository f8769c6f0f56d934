import type { Rng } from '../rng.js';

/**
 * The `count` items with the highest scores among those not masked out, best first. Equal
 * scores are ordered by a random key drawn per item from `rng`, so ties (common: a model that
 * has seen few labels gives many items the same prediction) are broken fairly and the choice
 * is still the same for the same seed.
 * @example topScored(Float64Array.of(0.2, 0.9, 0.9, 0.1), 2, createRng(1)) // [1, 2] or [2, 1]
 * Complexity: O(n log count) time (a bounded heap), O(n + count) memory.
 */
export function topScored(
  scores: Float64Array,
  count: number,
  rng: Rng,
  excluded?: Uint8Array,
): Int32Array {
  const n = scores.length;
  const tieKey = new Float64Array(n);
  for (let i = 0; i < n; i++) tieKey[i] = rng.next();
  const size = Math.max(0, Math.min(count, n));
  // A min-heap of the best `size` items seen so far; its root is the weakest of them.
  const heap = new Int32Array(size);
  let filled = 0;
  const below = (a: number, b: number): boolean => {
    const sa = scores[a] as number;
    const sb = scores[b] as number;
    return sa < sb || (sa === sb && (tieKey[a] as number) < (tieKey[b] as number));
  };
  const siftDown = (from: number): void => {
    let at = from;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= filled) return;
      const right = left + 1;
      const child =
        right < filled && below(heap[right] as number, heap[left] as number) ? right : left;
      if (!below(heap[child] as number, heap[at] as number)) return;
      const tmp = heap[at] as number;
      heap[at] = heap[child] as number;
      heap[child] = tmp;
      at = child;
    }
  };
  for (let i = 0; i < n && size > 0; i++) {
    if (excluded && excluded[i] === 1) continue;
    if (Number.isNaN(scores[i] as number)) continue;
    if (filled < size) {
      let at = filled++;
      heap[at] = i;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!below(heap[at] as number, heap[parent] as number)) break;
        const tmp = heap[at] as number;
        heap[at] = heap[parent] as number;
        heap[parent] = tmp;
        at = parent;
      }
    } else if (below(heap[0] as number, i)) {
      heap[0] = i;
      siftDown(0);
    }
  }
  const out = Array.from(heap.subarray(0, filled));
  out.sort((a, b) => (below(a, b) ? 1 : below(b, a) ? -1 : 0));
  return Int32Array.from(out);
}

/**
 * `count` items drawn uniformly without replacement among those not masked out.
 * @example randomSample(100, 5, createRng(1))
 * Complexity: O(n).
 */
export function randomSample(
  n: number,
  count: number,
  rng: Rng,
  excluded?: Uint8Array,
): Int32Array {
  const open: number[] = [];
  for (let i = 0; i < n; i++) if (!excluded || excluded[i] !== 1) open.push(i);
  const take = Math.max(0, Math.min(count, open.length));
  // A partial Fisher–Yates: only the first `take` positions are drawn.
  for (let i = 0; i < take; i++) {
    const j = i + rng.int(open.length - i);
    const tmp = open[i] as number;
    open[i] = open[j] as number;
    open[j] = tmp;
  }
  return Int32Array.from(open.slice(0, take));
}
