/** What a machine check found wrong with one answer (see `machineChecks` in pipeline/people). */
export type AnswerFlagKind = 'disputed' | 'outvoted' | 'pasted';

/** One flagged answer: a person's answer to an item, the check that fired and why. */
export interface AnswerFlag {
  readonly itemId: string;
  readonly annotatorId: string;
  readonly kind: AnswerFlagKind;
  readonly reason: string;
  readonly createdAt: string;
}

/** How many answers of one person one check flagged. */
export interface AnswerFlagCount {
  readonly annotatorId: string;
  readonly kind: AnswerFlagKind;
  readonly count: number;
}

/** The label the machine predicts for a queued item, which skill matching routes on. */
export interface PredictedLabel {
  readonly itemId: string;
  /** null forgets the prediction. */
  readonly label: string | null;
}

/**
 * The part of the people store that machine checks and skill matching use. Flags are kept once
 * per (item, annotator, kind): a check that fires again on the same answer adds nothing, and
 * an undone answer keeps its flag (the answer was given).
 */
export interface AnswerChecksStore {
  /**
   * Records flags, skipping those already recorded; returns how many were new. CONFLICT when a
   * flag names a missing item or annotator.
   */
  addAnswerFlags(flags: readonly AnswerFlag[]): Promise<number>;
  /** Flag counts per person and kind; people without flags are left out. */
  answerFlagCounts(): Promise<AnswerFlagCount[]>;
  /**
   * Sets the predicted label of queue entries that exist (others are ignored); upserting an
   * entry later keeps it. `LeaseRequest.preferLabels` leases on it.
   */
  setPredictedLabels(labels: readonly PredictedLabel[]): Promise<void>;
}
