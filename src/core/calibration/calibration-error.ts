/**
 * How far stated confidence is from observed accuracy: the reliability diagram and the
 * calibration errors read off it (ECE, MCE).
 */

type Binning = 'width' | 'mass';

/**
 * Top-label confidences and whether each answer was right (1) or wrong (0).
 * @example expectedCalibrationError({ confidence: [0.9, 0.6], correct: [1, 0] })
 */
export interface ConfidenceOutcomes {
  readonly confidence: ArrayLike<number>;
  readonly correct: ArrayLike<number>;
}

/**
 * How to bin confidences: the number of bins, and equal-width or equal-mass bins.
 * @example expectedCalibrationError(outcomes, { bins: 10, binning: 'mass' })
 */
export interface BinOptions {
  /** Number of bins (default 15). */
  readonly bins?: number;
  /** `width`: equal-width bins over [0, 1]; `mass`: equal-count bins (default `width`). */
  readonly binning?: Binning;
}

/**
 * One bar of a reliability diagram.
 * @example for (const bin of reliabilityDiagram(outcomes, { bins: 10 })) console.log(bin.meanConfidence, bin.accuracy)
 */
export interface ReliabilityBin {
  /** Smallest and largest confidence the bin can hold (for `mass`, those it holds). */
  readonly lower: number;
  readonly upper: number;
  readonly meanConfidence: number;
  /** Share of right answers; NaN for an empty bin. */
  readonly accuracy: number;
  readonly count: number;
}

/**
 * Reliability-diagram data: per bin, mean confidence, accuracy and count. Equal-width bins
 * split [0, 1] evenly (empty bins are kept, with NaN means); equal-mass bins take consecutive
 * runs of ⌊n/B⌋ or ⌈n/B⌉ items in confidence order, so equal confidences may straddle a border.
 * @example reliabilityDiagram({ confidence: [0.9, 0.8], correct: [1, 0] }, { bins: 2 })
 * Complexity: O(n) for `width`, O(n log n) for `mass`.
 */
export function reliabilityDiagram(
  data: ConfidenceOutcomes,
  options: BinOptions = {},
): ReliabilityBin[] {
  const { confidence, correct } = data;
  const n = confidence.length;
  const B = Math.max(1, Math.floor(options.bins ?? 15));
  const sumConf = new Float64Array(B);
  const sumRight = new Float64Array(B);
  const count = new Float64Array(B);
  const lower = new Float64Array(B);
  const upper = new Float64Array(B);
  if ((options.binning ?? 'width') === 'width') {
    for (let b = 0; b < B; b++) {
      lower[b] = b / B;
      upper[b] = (b + 1) / B;
    }
    for (let i = 0; i < n; i++) {
      const c = confidence[i] as number;
      const b = Math.min(B - 1, Math.max(0, Math.floor(c * B)));
      sumConf[b] = (sumConf[b] as number) + c;
      sumRight[b] = (sumRight[b] as number) + (correct[i] as number);
      count[b] = (count[b] as number) + 1;
    }
  } else {
    const order = Array.from({ length: n }, (_, i) => i).sort(
      (i, j) => (confidence[i] as number) - (confidence[j] as number),
    );
    for (let b = 0; b < B; b++) {
      const start = Math.floor((b * n) / B);
      const stop = Math.floor(((b + 1) * n) / B);
      lower[b] = start < stop ? (confidence[order[start] as number] as number) : Number.NaN;
      upper[b] = start < stop ? (confidence[order[stop - 1] as number] as number) : Number.NaN;
      for (let r = start; r < stop; r++) {
        const i = order[r] as number;
        sumConf[b] = (sumConf[b] as number) + (confidence[i] as number);
        sumRight[b] = (sumRight[b] as number) + (correct[i] as number);
        count[b] = (count[b] as number) + 1;
      }
    }
  }
  const result: ReliabilityBin[] = [];
  for (let b = 0; b < B; b++) {
    const m = count[b] as number;
    if (options.binning === 'mass' && m === 0) continue;
    result.push({
      lower: lower[b] as number,
      upper: upper[b] as number,
      meanConfidence: m > 0 ? (sumConf[b] as number) / m : Number.NaN,
      accuracy: m > 0 ? (sumRight[b] as number) / m : Number.NaN,
      count: m,
    });
  }
  return result;
}

/**
 * Expected calibration error: Σ_b (n_b / n) · |accuracy_b − meanConfidence_b| over the bins
 * of `reliabilityDiagram`. 0 for an empty input.
 * @example expectedCalibrationError({ confidence: [0.9, 0.9], correct: [1, 0] }) // 0.4
 * Complexity: as `reliabilityDiagram`.
 */
export function expectedCalibrationError(
  data: ConfidenceOutcomes,
  options: BinOptions = {},
): number {
  const n = data.confidence.length;
  if (n === 0) return 0;
  let ece = 0;
  for (const bin of reliabilityDiagram(data, options)) {
    if (bin.count > 0) ece += (bin.count / n) * Math.abs(bin.accuracy - bin.meanConfidence);
  }
  return ece;
}

/**
 * Maximum calibration error: the largest |accuracy_b − meanConfidence_b| over non-empty bins.
 * @example maxCalibrationError({ confidence: [0.9, 0.6], correct: [1, 0] }, { bins: 10 }) // 0.6
 * Complexity: as `reliabilityDiagram`.
 */
export function maxCalibrationError(data: ConfidenceOutcomes, options: BinOptions = {}): number {
  let mce = 0;
  for (const bin of reliabilityDiagram(data, options)) {
    if (bin.count > 0) mce = Math.max(mce, Math.abs(bin.accuracy - bin.meanConfidence));
  }
  return mce;
}
