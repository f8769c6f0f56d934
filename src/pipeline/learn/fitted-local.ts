import type { LocalPredictor } from './local-predictor.js';

/** A trained local model: its predictor, what the store keeps, and out-of-fold rows. */
export interface FittedLocal {
  readonly predictor: LocalPredictor;
  /** What the store keeps of the model. */
  readonly payload: string;
  /** `logistic` or `mlp`. */
  readonly classifier: string;
  /**
   * Each training item's row from a model that did not see it (a distribution; for multi-label,
   * P(label applies) per label), or null without folds.
   */
  readonly outOfFold: Float64Array[] | null;
}
