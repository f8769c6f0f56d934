export interface LabelSetSharesOptions {
  /** Each sample's values per label (1 / 0, or a stated probability), or null when unreadable. */
  readonly samples: readonly (Float64Array | null)[];
  readonly labelCount: number;
  /** Pseudo-count for yes and for no of every label. Default 0.5 (Jeffreys, as for 2 labels). */
  readonly alpha?: number;
}

export interface LabelSetShares {
  /** (samples where the label applies + α) / (valid samples + 2α), per label. */
  readonly probabilities: Float64Array;
  readonly valid: number;
}

/**
 * Self-consistency for a multi-label answer: each valid sample is a set (a value ≥ 0.5 counts as
 * yes), and each label's probability is how often it was in the set, smoothed like
 * `selfConsistency` for a two-way choice. Unreadable samples are left out; null when none is
 * valid.
 * @example labelSetShares({ samples: [Float64Array.of(1, 0), Float64Array.of(1, 1)], labelCount: 2 })?.probabilities // [0.833, 0.5]
 * Complexity: O(samples × labels).
 */
export function labelSetShares(options: LabelSetSharesOptions): LabelSetShares | null {
  const { samples, labelCount } = options;
  const alpha = options.alpha ?? 0.5;
  const counts = new Float64Array(labelCount);
  let valid = 0;
  for (const sample of samples) {
    if (sample === null) continue;
    valid++;
    for (let l = 0; l < labelCount; l++)
      if ((sample[l] ?? 0) >= 0.5) counts[l] = (counts[l] as number) + 1;
  }
  if (valid === 0) return null;
  const probabilities = counts.map((c) => (c + alpha) / (valid + 2 * alpha));
  return { probabilities, valid };
}
