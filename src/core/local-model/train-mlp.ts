import type { Rng } from '../rng.js';
import type { SparseVector } from './hashed-tfidf.js';
import { softmaxInPlace } from './logistic-regression.js';

const FIRST_LAYER_SCALE = 0.05;

/** The parameters of a one-hidden-layer network. */
export interface MlpWeights {
  readonly hidden: number;
  readonly classCount: number;
  /** `dimension × hidden`, row per input column. */
  readonly w1: Float64Array;
  readonly b1: Float64Array;
  /** `hidden × classCount`. */
  readonly w2: Float64Array;
  readonly b2: Float64Array;
}

export interface TrainMlpOptions {
  readonly vectors: readonly SparseVector[];
  /** Class index of each vector, in [0, classCount). */
  readonly labels: Int32Array;
  readonly classCount: number;
  /** Number of columns of the vectors. */
  readonly dimension: number;
  readonly hidden: number;
  readonly learningRate: number;
  readonly dropout: number;
  /** L2 penalty on both layers' weights. */
  readonly l2: number;
  readonly epochs: number;
  readonly rng: Rng;
  /** Per-class loss weight (e.g. inverse frequency); default all 1. */
  readonly classWeights?: Float64Array;
}

/**
 * Hashed TF-IDF → ReLU hidden layer → softmax, trained by per-example Adagrad with L2. The first
 * layer is a sparse-by-dense product (only the columns a text has are read and updated), so a
 * step costs O(nnz × H + H × K) like the logistic regression's O(nnz × K). One Adagrad
 * accumulator per input column (shared by its H weights) keeps the memory at D × H weights + D.
 * @example const net = trainMlp({ vectors, labels, classCount: 2, dimension, hidden: 16, learningRate: 0.1, dropout: 0, l2: 1e-5, epochs: 10, rng: createRng(1) });
 * Complexity: O(epochs × (nnz × H + n × H × K)) time, O(D × H + H × K) memory.
 */
export function trainMlp(o: TrainMlpOptions): MlpWeights {
  const { vectors, labels, classCount: K, dimension: D, hidden: H, learningRate: eta, l2, rng } = o;
  // A small first layer, not He's √2: with He's scale every n-gram starts with a large random
  // code, and a rare n-gram (most of them) is updated too seldom to overwrite it, so the hidden
  // layer stays a fixed random projection (emotion: 57% held out vs 82% at this scale).
  const w1 = Float64Array.from({ length: D * H }, () => rng.normal() * FIRST_LAYER_SCALE);
  const b1 = new Float64Array(H).fill(0.01);
  const w2 = Float64Array.from({ length: H * K }, () => rng.normal() * Math.sqrt(2 / H));
  const b2 = new Float64Array(K);
  const g1 = new Float64Array(D); // Adagrad accumulator per input column
  const gb1 = new Float64Array(H);
  const g2 = new Float64Array(H * K);
  const gb2 = new Float64Array(K);
  const a = new Float64Array(H);
  const mask = new Float64Array(H);
  const p = new Float64Array(K);
  const dh = new Float64Array(H);
  const order = Int32Array.from({ length: vectors.length }, (_, i) => i);
  const keep = 1 - o.dropout;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = order[i] as number;
      order[i] = order[j] as number;
      order[j] = t;
    }
    for (const i of order) {
      const { indices, values } = vectors[i] as SparseVector;
      forwardHidden({ w1, b1, hidden: H }, indices, values, a);
      for (let h = 0; h < H; h++) {
        mask[h] = o.dropout > 0 ? (rng.next() < keep ? 1 / keep : 0) : 1;
        a[h] = (a[h] as number) * (mask[h] as number);
      }
      p.set(b2);
      for (let h = 0; h < H; h++) {
        const ah = a[h] as number;
        if (ah === 0) continue;
        for (let k = 0; k < K; k++) p[k] = (p[k] as number) + ah * (w2[h * K + k] as number);
      }
      softmaxInPlace(p);
      const y = labels[i] as number;
      p[y] = (p[y] as number) - 1; // p now holds ∂loss/∂logits
      const weight = o.classWeights ? (o.classWeights[y] as number) : 1;
      if (weight !== 1) for (let k = 0; k < K; k++) p[k] = (p[k] as number) * weight;
      dh.fill(0);
      for (let h = 0; h < H; h++) {
        const ah = a[h] as number;
        for (let k = 0; k < K; k++) {
          const idx = h * K + k;
          const gk = p[k] as number;
          dh[h] = (dh[h] as number) + gk * (w2[idx] as number);
          const grad = gk * ah + l2 * (w2[idx] as number);
          g2[idx] = (g2[idx] as number) + grad * grad;
          if (grad !== 0)
            w2[idx] = (w2[idx] as number) - (eta * grad) / Math.sqrt(g2[idx] as number);
        }
      }
      for (let k = 0; k < K; k++) {
        const gk = p[k] as number;
        gb2[k] = (gb2[k] as number) + gk * gk;
        if (gk !== 0) b2[k] = (b2[k] as number) - (eta * gk) / Math.sqrt(gb2[k] as number);
      }
      // Back through ReLU and dropout: only active units pass a gradient.
      let dhSquares = 0;
      for (let h = 0; h < H; h++) {
        const d = (a[h] as number) > 0 ? (dh[h] as number) * (mask[h] as number) : 0;
        dh[h] = d;
        dhSquares += d * d;
        gb1[h] = (gb1[h] as number) + d * d;
        if (d !== 0) b1[h] = (b1[h] as number) - (eta * d) / Math.sqrt(gb1[h] as number);
      }
      if (dhSquares === 0) continue;
      for (let t = 0; t < indices.length; t++) {
        const c = indices[t] as number;
        const x = values[t] as number;
        const squares = (g1[c] as number) + x * x * dhSquares;
        g1[c] = squares;
        const step = eta / Math.sqrt(squares);
        const base = c * H;
        for (let h = 0; h < H; h++) {
          const grad = x * (dh[h] as number) + l2 * (w1[base + h] as number);
          w1[base + h] = (w1[base + h] as number) - step * grad;
        }
      }
    }
  }
  return { hidden: H, classCount: K, w1, b1, w2, b2 };
}

/**
 * ReLU(b1 + xᵀW1) of a sparse row into `out`.
 * @example forwardHidden(net, row.indices, row.values, hiddenBuffer)
 * Complexity: O(nnz × H).
 */
export function forwardHidden(
  net: { readonly w1: Float64Array; readonly b1: Float64Array; readonly hidden: number },
  indices: Int32Array,
  values: Float64Array,
  out: Float64Array,
): void {
  const H = net.hidden;
  out.set(net.b1);
  for (let t = 0; t < indices.length; t++) {
    const x = values[t] as number;
    const base = (indices[t] as number) * H;
    for (let h = 0; h < H; h++) out[h] = (out[h] as number) + x * (net.w1[base + h] as number);
  }
  for (let h = 0; h < H; h++) if ((out[h] as number) < 0) out[h] = 0;
}
