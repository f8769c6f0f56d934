import type { LabelMapping } from '../../core/confidence/imported-distribution.js';
import type { TaskShape } from '../../core/task-kind/index.js';
import type { ConfidenceMethod, Distribution, Fields } from '../../core/types.js';

/** Which columns of a predictions file hold what. */
export interface PredictionColumns {
  readonly idField: string;
  readonly labelField: string;
  readonly confidenceField: string;
  readonly probabilitiesField: string;
  readonly logprobsField: string;
  /** Prefix of one-column-per-option probabilities, e.g. `p_` in `p_joy`. */
  readonly probabilityPrefix: string;
}

/** How the records of one file become predictions. */
export interface PredictionRules extends PredictionColumns {
  readonly mapping: LabelMapping;
  /** The model's name: picks its prediction in a Label Studio task with several. */
  readonly model: string;
  /** The project's kind; a multi-label project reads one yes-probability per label. */
  readonly shape?: TaskShape;
  /** Cells are text (CSV, TSV): a label set may come joined by `|`. */
  readonly textCells?: boolean;
}

/** One row of a predictions file, read and checked. */
export interface Prediction {
  readonly id: string;
  /** Null when the file's label is an option outside the label set (an abstention). */
  readonly label: string | null;
  readonly probabilities: Distribution | null;
  readonly method: ConfidenceMethod;
  readonly otherMass: number;
  readonly verbalized: number | null;
  /**
   * The probability that the label is right, when it is not the label's own probability: a
   * multi-label set's, under the project's measure.
   */
  readonly confidence?: number;
  /** Options outside the label set that carried mass. */
  readonly outside: readonly string[];
  /** The item's fields, should it be created: the columns that are not the prediction. */
  readonly fields: Fields;
}

/** Why a record is not a prediction, and which column is at fault. */
export interface PredictionProblem {
  readonly field?: string;
  readonly reason: string;
}
