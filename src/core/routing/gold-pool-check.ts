import { chiSquareHomogeneity, kolmogorovSmirnov } from '../stats/two-sample-tests.js';

/**
 * Whether the gold looks like a random sample of the pool it promises about.
 * @example const check = goldPoolCheck({ gold, pool, K: 3 }); if (check.suspicious) warn(check)
 */
export interface GoldPoolCheck {
  readonly goldItems: number;
  readonly poolItems: number;
  /** Two-sample Kolmogorov–Smirnov on calibrated confidence. */
  readonly confidence: { readonly statistic: number; readonly pValue: number };
  /** Chi-square on the machine's predicted labels (categories under 5 expected pooled). */
  readonly labels: { readonly statistic: number; readonly df: number; readonly pValue: number };
  /** The family-wise level: each of the two tests is run at level / 2. */
  readonly level: number;
  /** True when either test rejects "gold is a random sample of the pool" at its level. */
  readonly suspicious: boolean;
  /** The predicted label whose share differs most: its share in gold and in the pool. */
  readonly largestGap: {
    readonly label: number;
    readonly gold: number;
    readonly pool: number;
  } | null;
}

/**
 * Compares gold with the pool on what the machine says about them, without their labels: the
 * distribution of calibrated confidence (Kolmogorov–Smirnov) and of predicted labels
 * (chi-square). A promise made on gold holds only for items exchangeable with it; when gold was
 * picked rather than drawn (another split, another time, a hand-made set), these distributions
 * differ. Both tests at level / 2 (Bonferroni), so a truly random gold set raises the alarm with
 * probability at most `level`. Silence proves nothing: a shift the machine cannot see passes.
 * @example goldPoolCheck({ gold: { confidence, predicted }, pool: { confidence, predicted }, K: 3 }).suspicious
 * Complexity: O(n log n + p log p + K).
 */
export function goldPoolCheck(input: {
  readonly gold: { readonly confidence: ArrayLike<number>; readonly predicted: ArrayLike<number> };
  readonly pool: { readonly confidence: ArrayLike<number>; readonly predicted: ArrayLike<number> };
  readonly K: number;
  /** Family-wise false-alarm level (default 0.01). */
  readonly level?: number;
}): GoldPoolCheck {
  const { gold, pool, K } = input;
  const level = input.level ?? 0.01;
  const confidence = kolmogorovSmirnov(gold.confidence, pool.confidence);
  const goldCounts = countLabels(gold.predicted, K);
  const poolCounts = countLabels(pool.predicted, K);
  const labels = chiSquareHomogeneity(goldCounts, poolCounts);
  const n = gold.predicted.length;
  const p = pool.predicted.length;
  let largestGap: GoldPoolCheck['largestGap'] = null;
  for (let k = 0; k < K && n > 0 && p > 0; k++) {
    const g = (goldCounts[k] as number) / n;
    const q = (poolCounts[k] as number) / p;
    if (largestGap === null || Math.abs(g - q) > Math.abs(largestGap.gold - largestGap.pool)) {
      largestGap = { label: k, gold: g, pool: q };
    }
  }
  return {
    goldItems: gold.confidence.length,
    poolItems: pool.confidence.length,
    confidence,
    labels,
    level,
    suspicious: confidence.pValue <= level / 2 || labels.pValue <= level / 2,
    largestGap,
  };
}

function countLabels(predicted: ArrayLike<number>, K: number): Int32Array {
  const counts = new Int32Array(K);
  for (let i = 0; i < predicted.length; i++) {
    const k = predicted[i] as number;
    if (k >= 0 && k < K) counts[k] = (counts[k] as number) + 1;
  }
  return counts;
}
