import { createRng } from '../rng.js';

/**
 * Options of `syntheticPredictions`: size, labels, miscalibration, difficulty, seed.
 * @example syntheticPredictions({ n: 500, K: 4, temperature: 1.5, spread: 3, seed: 7 })
 */
export interface SyntheticPredictionsOptions {
  readonly n: number;
  readonly K: number;
  /**
   * Miscalibration as a temperature: reported = softmax(T · z) while labels follow softmax(z),
   * so temperature scaling with T recovers the truth (T > 1: overconfident).
   */
  readonly temperature: number;
  /** Standard deviation of the true logits (default 2): larger is an easier task. */
  readonly spread?: number;
  readonly seed: number;
}

/**
 * Predictions with a known miscalibration: what the machine reports, the true distributions, and
 * the drawn labels.
 * @example const { probs, labels } = syntheticPredictions({ n: 1000, K: 3, temperature: 2, seed: 1 })
 */
export interface SyntheticPredictions {
  /** n×K reported probabilities. */
  readonly probs: Float64Array;
  /** n×K true label probabilities. */
  readonly truth: Float64Array;
  /** Label drawn from the true probabilities. */
  readonly labels: Int32Array;
}

/**
 * Seeded synthetic predictions with a known miscalibration, for testing calibrators and for
 * simulations: true logits z ~ N(0, spread²) per label, the label drawn from softmax(z), and the
 * machine reporting softmax(T · z).
 * @example syntheticPredictions({ n: 1000, K: 3, temperature: 2, seed: 1 }).labels.length // 1000
 * Complexity: O(nK).
 */
export function syntheticPredictions(options: SyntheticPredictionsOptions): SyntheticPredictions {
  const { n, K, temperature, seed } = options;
  const spread = options.spread ?? 2;
  const rng = createRng(seed);
  const probs = new Float64Array(n * K);
  const truth = new Float64Array(n * K);
  const labels = new Int32Array(n);
  const z = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    let maxTrue = -Infinity;
    for (let k = 0; k < K; k++) {
      z[k] = spread * rng.normal();
      maxTrue = Math.max(maxTrue, z[k] as number);
    }
    let sumTrue = 0;
    let sumReported = 0;
    for (let k = 0; k < K; k++) {
      const zk = (z[k] as number) - maxTrue;
      truth[i * K + k] = Math.exp(zk);
      probs[i * K + k] = Math.exp(temperature * zk);
      sumTrue += truth[i * K + k] as number;
      sumReported += probs[i * K + k] as number;
    }
    for (let k = 0; k < K; k++) {
      truth[i * K + k] = (truth[i * K + k] as number) / sumTrue;
      probs[i * K + k] = (probs[i * K + k] as number) / sumReported;
    }
    let u = rng.next();
    labels[i] = K - 1;
    for (let k = 0; k < K; k++) {
      u -= truth[i * K + k] as number;
      if (u < 0) {
        labels[i] = k;
        break;
      }
    }
  }
  return { probs, truth, labels };
}
