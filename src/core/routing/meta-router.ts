import { HiloError } from '../errors.js';

/** JSON-serialisable parameters of a fitted meta-router. */
export interface MetaRouterParams {
  readonly names: readonly string[];
  /** Per-feature centring and scaling applied before the weights. */
  readonly mean: readonly number[];
  readonly scale: readonly number[];
  readonly weights: readonly number[];
  readonly bias: number;
}

/** A fitted router: scores items by the probability that the machine's label is right. */
export interface MetaRouter {
  readonly params: MetaRouterParams;
  /** P(machine right) for each row of an n×d feature matrix. O(nd). */
  score(features: Float64Array): Float64Array;
}

export interface MetaRouterFitInput {
  /** n×d feature matrix (see `routerFeatures`). */
  readonly features: Float64Array;
  readonly names: readonly string[];
  /** 1 when the machine's label was wrong. */
  readonly wrong: ArrayLike<number>;
  /** L2 penalty on the standardised weights (default 0.01). */
  readonly l2?: number;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * Rebuilds a meta-router from its parameters.
 * @example restoreMetaRouter(JSON.parse(stored)).score(features)
 * Complexity: O(d).
 */
export function restoreMetaRouter(params: MetaRouterParams): MetaRouter {
  const d = params.names.length;
  if (params.mean.length !== d || params.scale.length !== d || params.weights.length !== d) {
    throw new HiloError('INVALID_INPUT', 'meta-router parameters have inconsistent lengths', {
      field: 'params',
    });
  }
  return {
    params,
    score(features) {
      const n = Math.floor(features.length / d);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let z = params.bias;
        for (let j = 0; j < d; j++) {
          const x =
            ((features[i * d + j] as number) - (params.mean[j] as number)) /
            (params.scale[j] as number);
          z += (params.weights[j] as number) * x;
        }
        // The model predicts "wrong"; the router's score is the chance of being right.
        out[i] = 1 - sigmoid(z);
      }
      return out;
    },
  };
}

/** Solves A x = b for a symmetric positive-definite A (m×m, row-major) by Cholesky. O(m³). */
function solveSpd(A: Float64Array, b: Float64Array, m: number): Float64Array {
  const L = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * m + j] as number;
      for (let k = 0; k < j; k++) s -= (L[i * m + k] as number) * (L[j * m + k] as number);
      L[i * m + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / (L[j * m + j] as number);
    }
  }
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (L[i * m + k] as number) * (y[k] as number);
    y[i] = s / (L[i * m + i] as number);
  }
  const x = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let s = y[i] as number;
    for (let k = i + 1; k < m; k++) s -= (L[k * m + i] as number) * (x[k] as number);
    x[i] = s / (L[i * m + i] as number);
  }
  return x;
}

/**
 * Fits the meta-router: L2-regularised logistic regression of "the machine is wrong" on
 * standardised features, by Newton's method with step halving (exact, and fast for the dozen
 * or so dense features a router has). Constant columns get scale 1 and contribute nothing.
 * Fit it on gold items that the threshold test will not use (see `selectMetaRouterPolicy`).
 * @example fitMetaRouter({ features: f.matrix, names: f.names, wrong }).score(poolFeatures)
 * Complexity: O(n d² + d³) per Newton iteration, usually under 15 iterations.
 */
export function fitMetaRouter(input: MetaRouterFitInput): MetaRouter {
  const { features, names, wrong } = input;
  const d = names.length;
  const n = wrong.length;
  const l2 = input.l2 ?? 0.01;
  if (features.length !== n * d) {
    throw new HiloError(
      'INVALID_INPUT',
      `expected ${n}×${d} features, got ${features.length} values`,
    );
  }
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(1);
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += features[i * d + j] as number;
    const m = n > 0 ? s / n : 0;
    let v = 0;
    for (let i = 0; i < n; i++) v += ((features[i * d + j] as number) - m) ** 2;
    const sd = n > 1 ? Math.sqrt(v / n) : 0;
    mean[j] = m;
    scale[j] = sd > 1e-12 ? sd : 1;
  }
  const m = d + 1; // weights then bias
  const X = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++)
      X[i * m + j] = ((features[i * d + j] as number) - (mean[j] as number)) / (scale[j] as number);
    X[i * m + d] = 1;
  }
  const w = new Float64Array(m);
  let positives = 0;
  for (let i = 0; i < n; i++) positives += wrong[i] as number;
  w[d] = Math.log((positives + 0.5) / (n - positives + 0.5));
  const objective = (v: Float64Array): number => {
    let loss = 0;
    for (let i = 0; i < n; i++) {
      let z = 0;
      for (let j = 0; j < m; j++) z += (X[i * m + j] as number) * (v[j] as number);
      const y = wrong[i] as number;
      loss += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
    }
    let penalty = 0;
    for (let j = 0; j < d; j++) penalty += (v[j] as number) ** 2;
    return loss / Math.max(1, n) + 0.5 * l2 * penalty;
  };
  let current = objective(w);
  for (let iter = 0; iter < 50 && n > 0; iter++) {
    const g = new Float64Array(m);
    const H = new Float64Array(m * m);
    for (let i = 0; i < n; i++) {
      let z = 0;
      for (let j = 0; j < m; j++) z += (X[i * m + j] as number) * (w[j] as number);
      const p = sigmoid(z);
      const r = p - (wrong[i] as number);
      const h = p * (1 - p);
      for (let j = 0; j < m; j++) {
        const xj = X[i * m + j] as number;
        g[j] = (g[j] as number) + r * xj;
        for (let k = 0; k <= j; k++)
          H[j * m + k] = (H[j * m + k] as number) + h * xj * (X[i * m + k] as number);
      }
    }
    for (let j = 0; j < m; j++) {
      g[j] = (g[j] as number) / n + (j < d ? l2 * (w[j] as number) : 0);
      for (let k = 0; k <= j; k++) {
        const value = (H[j * m + k] as number) / n + (j === k ? (j < d ? l2 : 1e-9) : 0);
        H[j * m + k] = value;
        H[k * m + j] = value;
      }
    }
    const step = solveSpd(H, g, m);
    let t = 1;
    let improved = false;
    while (t > 1e-8) {
      const next = Float64Array.from(w, (v, j) => v - t * (step[j] as number));
      const value = objective(next);
      if (value <= current) {
        w.set(next);
        improved = current - value > 1e-12;
        current = value;
        break;
      }
      t /= 2;
    }
    if (!improved) break;
  }
  return restoreMetaRouter({
    names: [...names],
    mean,
    scale,
    weights: Array.from(w.subarray(0, d)),
    bias: w[d] as number,
  });
}
