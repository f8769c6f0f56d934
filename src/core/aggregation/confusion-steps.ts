import type { EmArrays, SweepOutcome } from './em-arrays.js';
import { hardConfusionSweep } from './hard-sweep.js';
import type { VoteMatrix } from './vote-matrix.js';

/**
 * The two sweeps shared by every model in which annotator `a` answers through a confusion
 * matrix π_a (Dawid-Skene, one-coin, MACE).
 *
 * Layout: `conf[(a * K + given) * K + truth]` = π_a[truth, given], "given-major", so that the
 * E-step adds one contiguous K-vector per vote. Public results are transposed to the
 * truth-major layout of {@link AnnotatorSkills}.
 *
 * Soft votes. A model's vote q (a distribution over classes) is read as an uncertain report
 * of the label the model would give: P(vote | truth k) ∝ Σ_l π_a[k, l] q_l. In the M-step
 * the latent given label is filled in by its posterior r_l ∝ π_a[k, l] q_l, the exact EM for
 * this model. A hard vote is the special case q = one-hot.
 *
 * Annotator weights w_a scale an annotator's log-likelihood (a "power likelihood"): w = 0.5
 * counts their votes half, w = 0 ignores them; expected counts are scaled alike.
 */

/** Smallest probability used inside a logarithm, so an exact 0 cannot produce NaN. */
const FLOOR = 1e-300;

/** Fills `logConf` with log(max(conf, FLOOR)). O(annotators × K²). */
export function logOf(conf: Float64Array, logConf: Float64Array): void {
  for (let c = 0; c < conf.length; c++) logConf[c] = Math.log(Math.max(conf[c] as number, FLOOR));
}

/**
 * E-step of one item: writes its normalised posterior row at `i × K` and returns the log
 * of its votes' marginal likelihood (0 for an item without votes, whose row is the prior).
 * Uses the first K entries of `scratch`.
 * Complexity: O(K × votes of the item + K² × its soft votes).
 */
export function itemPosterior(matrix: VoteMatrix, i: number, arrays: EmArrays): number {
  const { numClasses: K, itemOffsets, annotator, label, softRow, soft } = matrix;
  const { conf, logConf, logPrior, posteriors, scratch: acc } = arrays;
  const weight = matrix.annotatorWeight;
  for (let k = 0; k < K; k++) acc[k] = logPrior[k] as number;
  const start = itemOffsets[i] as number;
  const end = itemOffsets[i + 1] as number;
  for (let v = start; v < end; v++) {
    const a = annotator[v] as number;
    const w = weight ? (weight[a] as number) : 1;
    const row = softRow ? (softRow[v] as number) : -1;
    if (row < 0 || !soft) {
      const base = (a * K + (label[v] as number)) * K;
      if (w === 1) for (let k = 0; k < K; k++) acc[k]! += logConf[base + k] as number;
      else for (let k = 0; k < K; k++) acc[k]! += w * (logConf[base + k] as number);
      continue;
    }
    for (let k = 0; k < K; k++) {
      let f = 0;
      for (let l = 0; l < K; l++) {
        f += (conf[(a * K + l) * K + k] as number) * (soft[row * K + l] as number);
      }
      acc[k]! += w * Math.log(Math.max(f, FLOOR));
    }
  }
  let max = -Infinity;
  for (let k = 0; k < K; k++) if ((acc[k] as number) > max) max = acc[k] as number;
  let sum = 0;
  for (let k = 0; k < K; k++) {
    const e = Math.exp((acc[k] as number) - max);
    acc[k] = e;
    sum += e;
  }
  const base = i * K;
  for (let k = 0; k < K; k++) posteriors[base + k] = (acc[k] as number) / sum;
  return end > start ? max + Math.log(sum) : 0;
}

/**
 * One fused EM sweep over all items: E-step (gold items clamped), the change of every
 * posterior row, and the expected counts and class totals the next M-step needs, in one pass
 * over the votes. `counts` and `totals` are overwritten.
 * Complexity: O(K × votes + K² × soft votes + items × K).
 */
export function confusionSweep(
  matrix: VoteMatrix,
  arrays: EmArrays,
  gold: Int32Array | undefined,
): SweepOutcome {
  if (!matrix.softRow && !matrix.annotatorWeight) return hardConfusionSweep(matrix, arrays, gold);
  const { numItems, numClasses: K, itemOffsets } = matrix;
  const { posteriors, counts, totals } = arrays;
  const old = new Float64Array(K);
  counts.fill(0);
  totals.fill(0);
  let logLikelihood = 0;
  let moved = 0;
  for (let i = 0; i < numItems; i++) {
    const base = i * K;
    for (let k = 0; k < K; k++) old[k] = posteriors[base + k] as number;
    logLikelihood += itemPosterior(matrix, i, arrays);
    const g = gold ? (gold[i] as number) : -1;
    if (g >= 0) {
      posteriors.fill(0, base, base + K);
      posteriors[base + g] = 1;
    }
    for (let k = 0; k < K; k++) {
      moved += Math.abs((posteriors[base + k] as number) - (old[k] as number));
    }
    if (g < 0 && (itemOffsets[i + 1] as number) === (itemOffsets[i] as number)) continue;
    for (let k = 0; k < K; k++) totals[k]! += posteriors[base + k] as number;
    totals[K]! += 1;
    addItemCounts(matrix, i, arrays);
  }
  return { logLikelihood, moved: numItems > 0 ? moved / numItems : 0 };
}

/**
 * Adds the expected confusion counts of the votes of item `i` under its posterior row.
 * Complexity: O(K × votes of the item + K² × its soft votes).
 */
function addItemCounts(matrix: VoteMatrix, i: number, arrays: EmArrays): void {
  const end = matrix.itemOffsets[i + 1] as number;
  for (let v = matrix.itemOffsets[i] as number; v < end; v++) addVoteCounts(matrix, v, arrays);
}

/**
 * Adds the expected confusion counts of vote `v` under the posterior row of its item.
 * Complexity: O(K), O(K²) for a soft vote.
 */
export function addVoteCounts(matrix: VoteMatrix, v: number, arrays: EmArrays): void {
  const { numClasses: K, annotator, label, softRow, soft } = matrix;
  const { conf, counts, posteriors: post } = arrays;
  const at = (matrix.item[v] as number) * K;
  const a = annotator[v] as number;
  const w = matrix.annotatorWeight ? (matrix.annotatorWeight[a] as number) : 1;
  const row = softRow ? (softRow[v] as number) : -1;
  if (row < 0 || !soft) {
    const base = (a * K + (label[v] as number)) * K;
    for (let k = 0; k < K; k++) counts[base + k]! += w * (post[at + k] as number);
    return;
  }
  for (let k = 0; k < K; k++) {
    const pk = w * (post[at + k] as number);
    if (pk === 0) continue;
    let f = 0;
    for (let l = 0; l < K; l++) {
      f += (conf[(a * K + l) * K + k] as number) * (soft[row * K + l] as number);
    }
    if (!(f > 0)) continue;
    for (let l = 0; l < K; l++) {
      const r = ((conf[(a * K + l) * K + k] as number) * (soft[row * K + l] as number)) / f;
      counts[(a * K + l) * K + k]! += pk * r;
    }
  }
}

/**
 * Expected confusion counts of all items under their posteriors: `counts` is zeroed and
 * refilled. Complexity: O(K × votes + K² × soft votes).
 */
export function confusionCounts(matrix: VoteMatrix, arrays: EmArrays): void {
  arrays.counts.fill(0);
  for (let i = 0; i < matrix.numItems; i++) addItemCounts(matrix, i, arrays);
}

/**
 * Transposes the internal given-major layout to the public truth-major one.
 * O(annotators × K²).
 */
export function toTruthMajor(conf: Float64Array, numAnnotators: number, K: number): Float64Array {
  const out = new Float64Array(conf.length);
  for (let a = 0; a < numAnnotators; a++) {
    for (let l = 0; l < K; l++) {
      for (let k = 0; k < K; k++) {
        out[(a * K + k) * K + l] = conf[(a * K + l) * K + k] as number;
      }
    }
  }
  return out;
}
