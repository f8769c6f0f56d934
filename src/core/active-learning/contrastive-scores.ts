import { rowCount, type PoolPredictions } from './pool-data.js';
import type { NearestLabelled } from './nearest-labelled.js';

/** Probabilities are floored here before logs, so a hard zero cannot make a score infinite. */
const FLOOR = 1e-12;

/**
 * Contrastive active learning, CAL (Margatina et al., EMNLP 2021): an item is worth labelling
 * when the model predicts it differently from its nearest labelled neighbours in feature
 * space — a contrastive example near a decision boundary. Score = mean over the k nearest
 * labelled neighbours j of KL(p_j ‖ p_i), with p the model's predictions (for the neighbours too,
 * not their labels). Items without labelled neighbours score 0.
 * @example contrastiveScores(predictions, nearest) // then topScored(scores, 25, rng, labelled)
 * Complexity: O(n × k × K).
 */
export function contrastiveScores(
  predictions: PoolPredictions,
  nearest: NearestLabelled,
): Float64Array {
  const { probabilities: p, classCount: K } = predictions;
  const n = rowCount(p, K);
  const { neighbours, k } = nearest;
  if (neighbours.length !== n * k)
    throw new RangeError('neighbour table and predictions differ in items');
  const scores = new Float64Array(n);
  const logP = new Float64Array(K);
  for (let i = 0, po = 0; i < n; i++, po += K) {
    for (let c = 0; c < K; c++) logP[c] = Math.log(Math.max(p[po + c] as number, FLOOR));
    let total = 0;
    let m = 0;
    for (let t = 0; t < k; t++) {
      const j = neighbours[i * k + t] as number;
      if (j < 0) break;
      const jo = j * K;
      let kl = 0;
      for (let c = 0; c < K; c++) {
        const q = p[jo + c] as number;
        if (q > 0) kl += q * (Math.log(Math.max(q, FLOOR)) - (logP[c] as number));
      }
      total += kl;
      m++;
    }
    scores[i] = m > 0 ? total / m : 0;
  }
  return scores;
}
