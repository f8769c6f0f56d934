/** How a signature is cut for locality-sensitive hashing: `bands` bands of `rows` values each. */
export interface Banding {
  readonly bands: number;
  readonly rows: number;
}

/**
 * The least probability that a pair right at the threshold becomes a candidate. A missed pair is
 * a duplicate never found; a needless candidate only costs one exact Jaccard check, so the
 * banding leans to recall.
 */
export const RECALL_AT_THRESHOLD = 0.97;
const STEPS = 200;

/**
 * The banding of `hashes` MinHash values for a Jaccard threshold: among the (bands, rows) with
 * bands × rows ≤ hashes that make a pair at the threshold a candidate with probability at least
 * RECALL_AT_THRESHOLD, the one with the least area of candidates below the threshold (so the
 * fewest needless checks); two sets of similarity s share a band with probability
 * 1 − (1 − s^rows)^bands. When no banding reaches that recall, the one that comes closest.
 * @example lshBanding(0.8, 128) // { bands: 32, rows: 4 } or near it
 * Complexity: O(hashes × log hashes × STEPS).
 */
export function lshBanding(threshold: number, hashes: number): Banding {
  let best: Banding = { bands: hashes, rows: 1 };
  let bestCost = Number.POSITIVE_INFINITY;
  let bestRecall = -1;
  for (let bands = 1; bands <= hashes; bands++) {
    for (let rows = 1; rows <= Math.floor(hashes / bands); rows++) {
      const banding = { bands, rows };
      const recall = candidateProbability(threshold, banding);
      const cost = integrate((s) => candidateProbability(s, banding), 0, threshold);
      const reaches = recall >= RECALL_AT_THRESHOLD;
      const better = reaches
        ? bestRecall < RECALL_AT_THRESHOLD || cost < bestCost
        : bestRecall < RECALL_AT_THRESHOLD && recall > bestRecall;
      if (better) {
        best = banding;
        bestCost = cost;
        bestRecall = recall;
      }
    }
  }
  return best;
}

/**
 * The probability that two sets of Jaccard similarity `similarity` become a candidate pair.
 * @example candidateProbability(0.8, { bands: 32, rows: 4 }) // ≈ 0.99998
 */
export function candidateProbability(similarity: number, banding: Banding): number {
  return 1 - (1 - similarity ** banding.rows) ** banding.bands;
}

function integrate(f: (s: number) => number, from: number, to: number): number {
  const step = (to - from) / STEPS;
  let sum = 0;
  for (let i = 0; i < STEPS; i++) sum += f(from + (i + 0.5) * step);
  return sum * step;
}
