import { rowCount, type PoolPredictions } from './pool-data.js';

/**
 * Least confidence: 1 − max_k p_k. Higher means the model is less sure of its top label.
 * @example leastConfidenceScores({ probabilities: Float64Array.of(0.9, 0.1, 0.5, 0.5), classCount: 2 }) // [0.1, 0.5]
 * Complexity: O(n × K).
 */
export function leastConfidenceScores(predictions: PoolPredictions): Float64Array {
  const { probabilities: p, classCount: K } = predictions;
  const n = rowCount(p, K);
  const scores = new Float64Array(n);
  for (let i = 0, o = 0; i < n; i++, o += K) {
    let top = -Infinity;
    for (let k = 0; k < K; k++) if ((p[o + k] as number) > top) top = p[o + k] as number;
    scores[i] = 1 - top;
  }
  return scores;
}

/**
 * Margin ("breaking ties", Luo et al. 2005): 1 − (p₁ − p₂), the gap between the two most
 * probable labels turned into a score where higher is closer to a tie. An item the model splits
 * evenly between two labels scores 1 however the rest of the mass lies.
 * @example marginScores({ probabilities: Float64Array.of(0.5, 0.4, 0.1, 0.8, 0.1, 0.1), classCount: 3 }) // [0.9, 0.3]
 * Complexity: O(n × K).
 */
export function marginScores(predictions: PoolPredictions): Float64Array {
  const { probabilities: p, classCount: K } = predictions;
  const n = rowCount(p, K);
  const scores = new Float64Array(n);
  for (let i = 0, o = 0; i < n; i++, o += K) {
    let first = -Infinity;
    let second = -Infinity;
    for (let k = 0; k < K; k++) {
      const v = p[o + k] as number;
      if (v > first) {
        second = first;
        first = v;
      } else if (v > second) second = v;
    }
    scores[i] = K < 2 ? 0 : 1 - (first - second);
  }
  return scores;
}

/**
 * Entropy of the predicted distribution, −Σ p ln p (nats), highest for a uniform prediction.
 * @example entropyScores({ probabilities: Float64Array.of(0.5, 0.5, 1, 0), classCount: 2 }) // [0.693…, 0]
 * Complexity: O(n × K).
 */
export function entropyScores(predictions: PoolPredictions): Float64Array {
  const { probabilities: p, classCount: K } = predictions;
  const n = rowCount(p, K);
  const scores = new Float64Array(n);
  for (let i = 0, o = 0; i < n; i++, o += K) {
    let h = 0;
    for (let k = 0; k < K; k++) {
      const v = p[o + k] as number;
      if (v > 0) h -= v * Math.log(v);
    }
    scores[i] = h;
  }
  return scores;
}
