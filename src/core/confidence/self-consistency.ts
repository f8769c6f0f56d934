export interface SelfConsistencyOptions {
  /** Each sample's label index, or null for a sample that named no valid label. */
  readonly answers: readonly (number | null)[];
  readonly labelCount: number;
  /**
   * Pseudo-count added to every label. Default 1 / labelCount (the Perks prior): one imaginary
   * sample spread over all labels. With 2 labels that is Jeffreys' 0.5; unlike a fixed 0.5 or 1
   * it does not drown a handful of samples when there are many labels (α = 0.5 with 77 labels
   * would add 38.5 pseudo-votes to 5 real ones). Its job is only to keep every probability above
   * zero and to make 3 of 3 less sure than 20 of 20; calibration on gold sets the final scale.
   */
  readonly alpha?: number;
}

export interface SelfConsistencyResult {
  /** (votes + α) / (valid + α·labels), aligned with the labels. */
  readonly probabilities: Float64Array;
  /** Raw votes per label. */
  readonly counts: Float64Array;
  readonly valid: number;
  /** Samples that named no valid label; they are left out of the shares. */
  readonly invalid: number;
  /** The most voted label; a tie goes to the label sampled first. */
  readonly winner: number;
}

/**
 * Vote shares of n sampled answers with add-α smoothing. Unreadable samples are counted, not
 * spread over labels: an answer outside the label set says nothing about which label is right.
 * Returns null when no sample is valid.
 *
 * @example selfConsistency({ answers: [1, 1, 0, null], labelCount: 2 }).probabilities // [0.375, 0.625]
 * Complexity: O(samples + labels).
 */
export function selfConsistency(options: SelfConsistencyOptions): SelfConsistencyResult | null {
  const { answers, labelCount } = options;
  const alpha = options.alpha ?? 1 / labelCount;
  const counts = new Float64Array(labelCount);
  const firstSeen = new Float64Array(labelCount).fill(Infinity);
  let valid = 0;
  answers.forEach((answer, sample) => {
    if (answer === null || answer < 0 || answer >= labelCount) return;
    counts[answer] = (counts[answer] as number) + 1;
    if (firstSeen[answer] === Infinity) firstSeen[answer] = sample;
    valid++;
  });
  if (valid === 0) return null;
  const probabilities = new Float64Array(labelCount);
  const denominator = valid + alpha * labelCount;
  let winner = 0;
  for (let i = 0; i < labelCount; i++) {
    const count = counts[i] as number;
    probabilities[i] = (count + alpha) / denominator;
    const best = counts[winner] as number;
    if (
      count > best ||
      (count === best && (firstSeen[i] as number) < (firstSeen[winner] as number))
    ) {
      winner = i;
    }
  }
  return { probabilities, counts, valid, invalid: answers.length - valid, winner };
}
