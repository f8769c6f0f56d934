import type { Rng } from '../rng.js';
import { pickCenters } from './pick-centers.js';
import { dotRows, rowCount, type PoolEmbeddings, type PoolPredictions } from './pool-data.js';

/**
 * Options of `badge`: the pool's predictions and embeddings, the batch size, the generator, items
 * to skip.
 * @example badge({ predictions, embeddings, count: 25, rng: createRng(1), excluded: labelled })
 */
export interface BadgeOptions {
  readonly predictions: PoolPredictions;
  /** The features x the last layer sees, one dense row per item (a projection of the TF-IDF row). */
  readonly embeddings: PoolEmbeddings;
  readonly count: number;
  readonly rng: Rng;
  /** 1 for items that may not be picked (already labelled). */
  readonly excluded?: Uint8Array;
}

/**
 * BADGE (Ash et al., ICLR 2020): k-means++ seeding over gradient embeddings. For softmax
 * regression the gradient of the loss at the model's own guess ŷ with respect to the weights is
 * g = (p − onehot(ŷ)) ⊗ x: long when the model is unsure (uncertainty) and pointing in
 * different directions for items with different features or confusions (diversity), so
 * k-means++ over g picks a batch that is both. The first pick is the longest gradient, as in the
 * authors' code.
 *
 * g has K × d entries, too many to store for a large pool, and is never built:
 * ⟨gᵢ, gⱼ⟩ = ⟨aᵢ, aⱼ⟩⟨xᵢ, xⱼ⟩ with a = p − onehot(ŷ), and ⟨aᵢ, aⱼ⟩ = ⟨pᵢ, pⱼ⟩ − pᵢ[ŷⱼ] − pⱼ[ŷᵢ]
 * + [ŷᵢ = ŷⱼ], so a distance costs O(K + d) from p, ŷ and x alone.
 * @example badge({ predictions, embeddings, count: 100, rng: createRng(1), excluded: labelled })
 * Complexity: O(count × n × (K + d)) time, O(n) extra memory.
 */
export function badge(options: BadgeOptions): Int32Array {
  const { probabilities: p, classCount: K } = options.predictions;
  const { values: x, dimension: d } = options.embeddings;
  const n = rowCount(p, K);
  if (rowCount(x, d) !== n) throw new RangeError('predictions and embeddings differ in items');
  const { excluded } = options;
  const guess = new Int32Array(n);
  const norm = new Float64Array(n); // ‖gᵢ‖² = ‖aᵢ‖² ‖xᵢ‖²
  const xLength = new Float64Array(n); // ‖xᵢ‖
  let longest = -1;
  for (let i = 0, po = 0, xo = 0; i < n; i++, po += K, xo += d) {
    let top = 0;
    let sp = 0;
    for (let k = 0; k < K; k++) {
      const v = p[po + k] as number;
      sp += v * v;
      if (v > (p[po + top] as number)) top = k;
    }
    let sx = 0;
    for (let j = 0; j < d; j++) sx += (x[xo + j] as number) ** 2;
    guess[i] = top;
    xLength[i] = Math.sqrt(sx);
    norm[i] = (sp - 2 * (p[po + top] as number) + 1) * sx;
    const open = !excluded || excluded[i] !== 1;
    if (open && (longest < 0 || (norm[i] as number) > (norm[longest] as number))) longest = i;
  }
  if (longest < 0) return new Int32Array(0);
  const updateDistances = (c: number, out: Float64Array): void => {
    const pc = c * K;
    const xc = c * d;
    const yc = guess[c] as number;
    const nc = norm[c] as number;
    const xlc = xLength[c] as number;
    for (let i = 0, po = 0, xo = 0; i < n; i++, po += K, xo += d) {
      if (excluded && excluded[i] === 1) continue;
      const yi = guess[i] as number;
      const dotA =
        dotRows(p, po, pc, K) -
        (p[po + yc] as number) -
        (p[pc + yi] as number) +
        (yi === yc ? 1 : 0);
      // |⟨xᵢ, x_c⟩| ≤ ‖xᵢ‖‖x_c‖ bounds the distance from below with the K-term alone; when
      // even that bound cannot improve the item's distance, the d-term is skipped (exactly).
      const base = (norm[i] as number) + nc;
      const current = out[i] as number;
      const reach = 2 * Math.abs(dotA) * (xLength[i] as number) * xlc;
      if (base - reach >= current) continue;
      const squared = base - 2 * dotA * dotRows(x, xo, xc, d);
      const value = squared > 0 ? squared : 0;
      if (value < current) out[i] = value;
    }
  };
  return pickCenters({
    size: n,
    count: options.count,
    rule: 'k-means++',
    rng: options.rng,
    updateDistances,
    first: longest,
    ...(excluded ? { excluded } : {}),
  }).picks;
}
