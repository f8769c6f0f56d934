import { HiloError } from '../errors.js';

/** The confident joint of given and true labels, and what it was counted with. */
export interface ConfidentJoint {
  /** Number of classes K. */
  readonly classes: number;
  /** Per-class threshold t_j: mean predicted probability of class j over the items labelled j; Infinity when no item is labelled j. */
  readonly thresholds: Float64Array;
  /** K × K counts, row-major: `counts[i * K + j]` items given label i whose confident label is j. */
  readonly counts: Float64Array;
  /** Each item's confident label (the likeliest class whose probability reaches its threshold), or −1 when none does. */
  readonly confidentLabel: Int32Array;
  /** Items per given label. */
  readonly givenCounts: Float64Array;
}

/**
 * Per-class thresholds of confident learning (Northcutt, Jiang & Chuang 2021, eq. 1):
 * t_j = mean of p̂_j(x) over the items whose given label is j — the model's average self-confidence
 * on class j. A class no item carries gets Infinity, so nothing is counted as confidently in it.
 * @example perClassThresholds([Float64Array.of(0.9, 0.1), Float64Array.of(0.3, 0.7)], Int32Array.of(0, 1), 2) // [0.9, 0.7]
 * Complexity: O(n).
 * @throws HiloError INVALID_INPUT when the lengths differ or a label is outside 0..K−1.
 */
export function perClassThresholds(
  probabilities: readonly Float64Array[],
  given: Int32Array,
  classes: number,
): Float64Array {
  checkInput(probabilities, given, classes);
  const sums = new Float64Array(classes);
  const counts = new Float64Array(classes);
  for (let i = 0; i < given.length; i++) {
    const y = given[i] as number;
    sums[y] = (sums[y] as number) + ((probabilities[i] as Float64Array)[y] as number);
    counts[y] = (counts[y] as number) + 1;
  }
  return sums.map((s, j) => ((counts[j] as number) > 0 ? s / (counts[j] as number) : Infinity));
}

/**
 * The confident joint C[ỹ = i][y* = j] (Northcutt et al. 2021, eq. 1): item x with given label i
 * is counted in column j when p̂_j(x) ≥ t_j, and j is the likeliest such class; items where no
 * class reaches its threshold are not counted.
 * @example const joint = confidentJoint(probabilities, given, 3); joint.counts[0 * 3 + 2] // items labelled 0 that are confidently 2
 * Complexity: O(n × K).
 * @throws HiloError INVALID_INPUT when the lengths differ or a label is outside 0..K−1.
 */
export function confidentJoint(
  probabilities: readonly Float64Array[],
  given: Int32Array,
  classes: number,
): ConfidentJoint {
  const thresholds = perClassThresholds(probabilities, given, classes);
  const counts = new Float64Array(classes * classes);
  const givenCounts = new Float64Array(classes);
  const confidentLabel = new Int32Array(given.length);
  for (let i = 0; i < given.length; i++) {
    const p = probabilities[i] as Float64Array;
    const y = given[i] as number;
    givenCounts[y] = (givenCounts[y] as number) + 1;
    let best = -1;
    for (let j = 0; j < classes; j++) {
      const pj = p[j] as number;
      if (pj >= (thresholds[j] as number) && (best < 0 || pj > (p[best] as number))) best = j;
    }
    confidentLabel[i] = best;
    if (best >= 0) counts[y * classes + best] = (counts[y * classes + best] as number) + 1;
  }
  return { classes, thresholds, counts, confidentLabel, givenCounts };
}

/**
 * The calibrated joint Q̂[ỹ = i][y* = j] (Northcutt et al. 2021, eq. 2): each row of the confident
 * joint is rescaled to the number of items given label i, then the matrix is divided by n, so it
 * sums to 1 and its off-diagonal mass estimates the share of wrong labels.
 * @example estimateJoint(confidentJoint(probabilities, given, 2)) // Float64Array [q00, q01, q10, q11]
 * Complexity: O(K²).
 */
export function estimateJoint(joint: ConfidentJoint): Float64Array {
  const K = joint.classes;
  const out = new Float64Array(K * K);
  let n = 0;
  for (const c of joint.givenCounts) n += c;
  if (n === 0) return out;
  for (let i = 0; i < K; i++) {
    let row = 0;
    for (let j = 0; j < K; j++) row += joint.counts[i * K + j] as number;
    if (row === 0) continue;
    const scale = (joint.givenCounts[i] as number) / row / n;
    for (let j = 0; j < K; j++) out[i * K + j] = (joint.counts[i * K + j] as number) * scale;
  }
  return out;
}

function checkInput(probabilities: readonly Float64Array[], given: Int32Array, K: number): void {
  if (probabilities.length !== given.length) {
    throw new HiloError(
      'INVALID_INPUT',
      `${probabilities.length} distributions but ${given.length} labels`,
    );
  }
  for (let i = 0; i < given.length; i++) {
    const y = given[i] as number;
    if (y < 0 || y >= K) {
      throw new HiloError('INVALID_INPUT', `item ${i}: label index ${y} is outside 0..${K - 1}`);
    }
    if ((probabilities[i] as Float64Array).length !== K) {
      throw new HiloError(
        'INVALID_INPUT',
        `item ${i}: ${(probabilities[i] as Float64Array).length} probabilities for ${K} classes`,
      );
    }
  }
}
