import type { LabelSetRates } from '../../core/people-kinds/index.js';
import { ratesOf, type LabelSetSnapshot } from './label-set-snapshot.js';

/** P(answer | truth) by names: `table[truth][given]` (as `annotator-quality.ts` has it). */
type ConfusionTable = Record<string, Record<string, number>>;

/** One person's quality in a multi-label project, from the yes/no crowd. */
export interface LabelSetQuality {
  readonly fittedVotes: number;
  /** The expected share of their label decisions that are right, at the mean prevalence. */
  readonly estimatedAccuracy: number | null;
  readonly usesPooled: boolean;
  /** P(says | truth) over "applies" / "does not apply", shared by the labels. */
  readonly confusion: ConfusionTable | null;
}

/**
 * A person's sensitivity and specificity from the multi-label crowd fit, as the dashboard's
 * quality record: a two-way confusion table and the expected share of right label decisions
 * (mean prevalence × sensitivity + (1 − mean prevalence) × specificity).
 * @example labelSetQuality(crowd, 'human:ann-7').estimatedAccuracy // 0.93
 * Complexity: O(L).
 */
export function labelSetQuality(crowd: LabelSetSnapshot, source: string): LabelSetQuality {
  const a = crowd.index.get(source);
  if (a === undefined) {
    return { fittedVotes: 0, estimatedAccuracy: null, usesPooled: true, confusion: null };
  }
  const own = crowd.fit.rates[a] as LabelSetRates;
  return {
    fittedVotes: crowd.fit.votes[a] ?? 0,
    estimatedAccuracy: expectedAccuracy(crowd, own),
    usesPooled: ratesOf(crowd, source) === crowd.fit.pooled,
    confusion: ratesTable(own),
  };
}

/**
 * Rates as a confusion table over "applies" / "does not apply".
 * @example ratesTable({ sensitivity: 0.9, specificity: 0.8 }).applies['does not apply'] // 0.1
 */
export function ratesTable(rates: LabelSetRates): ConfusionTable {
  return {
    applies: { applies: rates.sensitivity, 'does not apply': 1 - rates.sensitivity },
    'does not apply': { applies: 1 - rates.specificity, 'does not apply': rates.specificity },
  };
}

function expectedAccuracy(crowd: LabelSetSnapshot, rates: LabelSetRates): number {
  const { prevalence } = crowd.fit;
  const mean = prevalence.reduce((s, p) => s + p, 0) / Math.max(1, prevalence.length);
  return mean * rates.sensitivity + (1 - mean) * rates.specificity;
}
