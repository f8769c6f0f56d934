import {
  checkMembers,
  LOG_FLOOR,
  present,
  type MemberDistributions,
} from './member-distributions.js';

/**
 * How several members' distributions become one: `linear` averages the probabilities (a
 * mixture: cautious, an item is sure only when the members agree), `log` averages the
 * log-probabilities and renormalises (geometric pooling: agreeing members sharpen each other).
 * @example const pooling: Pooling = 'log'
 */
export type Pooling = 'linear' | 'log';

/**
 * The pooled distributions of n items, in the members' layout: n × (K + 1) with the mass
 * outside the label set last; a row of NaN where no member labelled the item.
 * @example const pooled = poolDistributions({ members, weights: Float64Array.of(0.5, 0.5), pooling: 'log' })
 */
export interface PoolInput {
  readonly members: readonly MemberDistributions[];
  /** One non-negative weight per member; on each item they are rescaled over the members present. */
  readonly weights: ArrayLike<number>;
  readonly pooling: Pooling;
}

/**
 * Pools the members' distributions of every item. Members that abstained on an item, or did not
 * label it, are left out of that item and the weights of the others rescaled to sum to 1; an
 * item no member labelled stays NaN (abstained). Mass outside the label set is pooled as one
 * more outcome, so an ensemble is unsure where its members say "I don't know".
 * @example poolDistributions({ members: [a, b], weights: [0.5, 0.5], pooling: 'linear' })
 * Complexity: O(n · m · K) for n items, m members, K labels.
 */
export function poolDistributions(input: PoolInput): Float64Array {
  const { members, weights, pooling } = input;
  const n = checkMembers(members);
  const width = (members[0] as MemberDistributions).K + 1;
  const out = new Float64Array(n * width);
  const u = new Float64Array(members.length);
  for (let i = 0; i < n; i++) {
    const row = i * width;
    if (!presentWeights(members, weights, i, u)) {
      out.fill(Number.NaN, row, row + width);
      continue;
    }
    let sum = 0;
    for (let k = 0; k < width; k++) {
      let v = 0;
      for (let j = 0; j < members.length; j++) {
        const w = u[j] as number;
        if (w === 0) continue;
        const p = (members[j] as MemberDistributions).rows[row + k] as number;
        v += pooling === 'linear' ? w * p : w * Math.log(Math.max(p, LOG_FLOOR));
      }
      if (pooling === 'log') v = Math.exp(v);
      out[row + k] = v;
      sum += v;
    }
    for (let k = 0; k < width; k++) out[row + k] = (out[row + k] as number) / sum;
  }
  return out;
}

/**
 * Writes into `u` the weights of the members present on item i, rescaled to sum to 1 (0 for
 * absent members); false when no member with a positive weight is present.
 * @example presentWeights(members, weights, 0, u)
 * Complexity: O(m).
 */
export function presentWeights(
  members: readonly MemberDistributions[],
  weights: ArrayLike<number>,
  i: number,
  u: Float64Array,
): boolean {
  let total = 0;
  for (let j = 0; j < members.length; j++) {
    const w = present(members[j] as MemberDistributions, i) ? Math.max(0, weights[j] as number) : 0;
    u[j] = w;
    total += w;
  }
  if (!(total > 0)) return false;
  for (let j = 0; j < members.length; j++) u[j] = (u[j] as number) / total;
  return true;
}

/**
 * The top label among the K labels of each pooled row (the mass outside them never wins) and
 * its probability, which is the item's confidence; NaN rows give label −1 and confidence NaN.
 * @example pooledTopLabel(pooled, K).confidence
 * Complexity: O(nK).
 */
export function pooledTopLabel(
  pooled: Float64Array,
  K: number,
): { predicted: Int32Array; confidence: Float64Array } {
  const width = K + 1;
  const n = pooled.length / width;
  const predicted = new Int32Array(n).fill(-1);
  const confidence = new Float64Array(n).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    const row = i * width;
    if (Number.isNaN(pooled[row] as number)) continue;
    let best = 0;
    for (let k = 1; k < K; k++)
      if ((pooled[row + k] as number) > (pooled[row + best] as number)) best = k;
    predicted[i] = best;
    confidence[i] = pooled[row + best] as number;
  }
  return { predicted, confidence };
}
