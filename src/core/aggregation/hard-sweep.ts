import type { EmArrays, SweepOutcome } from './em-arrays.js';
import type { VoteMatrix } from './vote-matrix.js';

/**
 * `confusionSweep` for the common case of hard votes with unit weights, with every loop
 * inlined: the E-step adds one row of log π per vote, the counts add the new posterior row
 * back to the same cells. Same results as the general sweep, about twice as fast.
 * Complexity: O(K × votes + items × K).
 */
export function hardConfusionSweep(
  matrix: VoteMatrix,
  arrays: EmArrays,
  gold: Int32Array | undefined,
): SweepOutcome {
  const { numItems, numClasses: K, itemOffsets, annotator, label } = matrix;
  const { logConf, logPrior, posteriors, counts, totals: classTotals } = arrays;
  const acc = new Float64Array(K);
  counts.fill(0);
  classTotals.fill(0);
  let logLikelihood = 0;
  let moved = 0;
  let counted = 0;
  for (let i = 0; i < numItems; i++) {
    const base = i * K;
    const start = itemOffsets[i] as number;
    const end = itemOffsets[i + 1] as number;
    const g = gold ? (gold[i] as number) : -1;
    if (start === end && g < 0) {
      for (let k = 0; k < K; k++) {
        const p = Math.exp(logPrior[k] as number);
        moved += Math.abs(p - (posteriors[base + k] as number));
        posteriors[base + k] = p;
      }
      continue;
    }
    for (let k = 0; k < K; k++) acc[k] = logPrior[k] as number;
    for (let v = start; v < end; v++) {
      const cell = ((annotator[v] as number) * K + (label[v] as number)) * K;
      for (let k = 0; k < K; k++) acc[k]! += logConf[cell + k] as number;
    }
    let max = acc[0] as number;
    for (let k = 1; k < K; k++) if ((acc[k] as number) > max) max = acc[k] as number;
    let sum = 0;
    for (let k = 0; k < K; k++) {
      const e = Math.exp((acc[k] as number) - max);
      acc[k] = e;
      sum += e;
    }
    if (start < end) logLikelihood += max + Math.log(sum);
    for (let k = 0; k < K; k++) {
      const p = g >= 0 ? (k === g ? 1 : 0) : (acc[k] as number) / sum;
      moved += Math.abs(p - (posteriors[base + k] as number));
      posteriors[base + k] = p;
      classTotals[k]! += p;
    }
    counted++;
    for (let v = start; v < end; v++) {
      const cell = ((annotator[v] as number) * K + (label[v] as number)) * K;
      for (let k = 0; k < K; k++) counts[cell + k]! += posteriors[base + k] as number;
    }
  }
  classTotals[K] = counted;
  return { logLikelihood, moved: numItems > 0 ? moved / numItems : 0 };
}
