import { HiloError } from '../errors.js';
import { checkMembers, LOG_FLOOR, type MemberDistributions } from './member-distributions.js';
import { presentWeights, type Pooling } from './pool-distributions.js';

/**
 * Labelled items to learn ensemble weights on: the members' rows of those items and the index
 * of each item's true label (gold, or an expert check).
 * @example learnWeights({ members, truth: [0, 2, 1], pooling: 'linear' })
 */
export interface WeightData {
  readonly members: readonly MemberDistributions[];
  /** True label index in [0, K) of each item. */
  readonly truth: ArrayLike<number>;
  readonly pooling: Pooling;
  /** Gradient steps (default 300). */
  readonly iterations?: number;
}

/**
 * Learned weights (on the simplex) and the mean log-likelihood of the truth they reach.
 * @example const { weights } = learnWeights({ members: [weak, strong], truth, pooling: 'log' })
 */
export interface LearnedWeights {
  readonly weights: Float64Array;
  readonly logLikelihood: number;
}

/**
 * Weights that maximise the mean log-likelihood of the true labels under the pooled
 * distribution, over the simplex (non-negative, summing to 1): projected gradient ascent with
 * a backtracking step. Both poolings give a concave objective in the weights, so the ascent
 * finds the best weights; a member that adds nothing ends at or near 0. Items no member
 * labelled are left out.
 * @example learnWeights({ members: [weak, strong], truth, pooling: 'log' }).weights // ≈ [0.1, 0.9]
 * Complexity: O(iterations · n · m · K).
 */
export function learnWeights(data: WeightData): LearnedWeights {
  const { members, truth } = data;
  const n = checkMembers(members);
  if (truth.length !== n) {
    throw new HiloError('INVALID_INPUT', `${n} items but ${truth.length} true labels`);
  }
  const m = members.length;
  let w: Float64Array = new Float64Array(m).fill(1 / m);
  let value = objective(data, w, null);
  let step = 1;
  const grad = new Float64Array(m);
  for (let it = 0; it < (data.iterations ?? 300) && n > 0; it++) {
    objective(data, w, grad);
    let improved = false;
    while (step > 1e-8) {
      const next = projectToSimplex(w.map((x, j) => x + step * (grad[j] as number)));
      const v = objective(data, next, null);
      if (v > value + 1e-12) {
        w = next;
        value = v;
        step *= 1.5;
        improved = true;
        break;
      }
      step /= 2;
    }
    if (!improved) break;
  }
  return { weights: w, logLikelihood: value };
}

/**
 * Mean log-likelihood of the truth at weights w; with `grad`, also its gradient in w.
 * Per item, with u the weights rescaled over the members present and g_j = ∂ log p(y) / ∂u_j,
 * the gradient in w_j is (g_j − Σ_k u_k g_k) / W, W the sum of the present members' weights.
 */
function objective(data: WeightData, w: Float64Array, grad: Float64Array | null): number {
  const { members, truth, pooling } = data;
  const K = (members[0] as MemberDistributions).K;
  const width = K + 1;
  const n = truth.length;
  const m = members.length;
  const u = new Float64Array(m);
  const g = new Float64Array(m);
  const pooled = new Float64Array(width);
  if (grad) grad.fill(0);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const row = i * width;
    const y = truth[i] as number;
    let W = 0;
    for (let j = 0; j < m; j++) {
      if (!Number.isNaN((members[j] as MemberDistributions).rows[row] as number))
        W += w[j] as number;
    }
    if (!presentWeights(members, w, i, u)) {
      // Every member present has weight 0: the item counts as a miss with no gradient.
      if (W === 0 && hasAny(members, row)) total += Math.log(LOG_FLOOR);
      continue;
    }
    const p = (j: number, k: number) => (members[j] as MemberDistributions).rows[row + k] as number;
    if (pooling === 'linear') {
      let py = 0;
      for (let j = 0; j < m; j++) if ((u[j] as number) > 0) py += (u[j] as number) * p(j, y);
      py = Math.max(py, LOG_FLOOR);
      total += Math.log(py);
      for (let j = 0; j < m; j++) g[j] = Number.isNaN(p(j, 0)) ? 0 : p(j, y) / py;
    } else {
      let z = 0;
      for (let k = 0; k < width; k++) {
        let s = 0;
        for (let j = 0; j < m; j++)
          if ((u[j] as number) > 0) s += (u[j] as number) * Math.log(Math.max(p(j, k), LOG_FLOOR));
        pooled[k] = Math.exp(s);
        z += pooled[k] as number;
      }
      total += Math.log(Math.max((pooled[y] as number) / z, LOG_FLOOR));
      for (let j = 0; j < m; j++) {
        if (Number.isNaN(p(j, 0))) {
          g[j] = 0;
          continue;
        }
        let expected = 0;
        for (let k = 0; k < width; k++)
          expected += ((pooled[k] as number) / z) * Math.log(Math.max(p(j, k), LOG_FLOOR));
        g[j] = Math.log(Math.max(p(j, y), LOG_FLOOR)) - expected;
      }
    }
    if (!grad) continue;
    let mean = 0;
    for (let j = 0; j < m; j++) mean += (u[j] as number) * (g[j] as number);
    for (let j = 0; j < m; j++) {
      if (Number.isNaN(p(j, 0))) continue;
      grad[j] = (grad[j] as number) + ((g[j] as number) - mean) / W / n;
    }
  }
  return total / n;
}

function hasAny(members: readonly MemberDistributions[], row: number): boolean {
  return members.some((mb) => !Number.isNaN(mb.rows[row] as number));
}

/**
 * Euclidean projection onto the probability simplex (sort-based, Duchi et al. 2008).
 * @example projectToSimplex(Float64Array.of(0.8, 0.6)) // Float64Array [0.6, 0.4]
 * Complexity: O(m log m).
 */
export function projectToSimplex(v: Float64Array): Float64Array {
  const sorted = Float64Array.from(v).sort().reverse();
  let cumulative = 0;
  let theta = 0;
  for (let j = 0; j < sorted.length; j++) {
    cumulative += sorted[j] as number;
    const t = (cumulative - 1) / (j + 1);
    if ((sorted[j] as number) - t > 0) theta = t;
  }
  return v.map((x) => Math.max(0, x - theta));
}
