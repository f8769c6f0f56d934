/**
 * One stage's answers on the n pool items: its predicted label index and calibrated confidence
 * (the probability that label is right). NaN confidence where the stage abstained or has no vote.
 * @example const stage: StageAnswers = { predicted: Int32Array.of(0, 2), confidence: Float64Array.of(0.9, 0.6) }
 */
export interface StageAnswers {
  readonly predicted: ArrayLike<number>;
  readonly confidence: ArrayLike<number>;
}

/**
 * The cascade at one stage-1 threshold t1, as a single ordering of the items: an item stage 1
 * keeps (confidence ≥ t1) scores stage 1's confidence and carries its label; every other item
 * is passed to stage 2 and scores stage 2's confidence with stage 2's label. Keeping the items
 * whose score clears a threshold t is then the cascade (t1, t2 = t): stage 1 keeps when
 * c1 ≥ max(t1, t), stage 2 keeps when c1 < t1 and c2 ≥ t, people take the rest. Lowering t
 * only adds items, so the thresholds on this score are nested and a fixed-sequence test
 * applies to them, as to one labeller's confidence.
 * @example const { score, predicted, stage } = cascadeOrdering({ stage1, stage2, t1: 0.9 })
 */
export interface CascadeOrdering {
  readonly t1: number;
  /** The score an item is kept on; −1 where neither stage has an answer (people). */
  readonly score: Float64Array;
  /** The label the cascade would keep: stage 1's or stage 2's; −1 where none. */
  readonly predicted: Int32Array;
  /** 1 when stage 1 keeps the item, 2 when it is passed to stage 2. */
  readonly stage: Uint8Array;
}

/**
 * The ordering of the cascade at stage-1 threshold t1 (see `CascadeOrdering`).
 * @example cascadeOrdering({ stage1, stage2, t1: 0.8 }).score
 * Complexity: O(n).
 */
export function cascadeOrdering(input: {
  readonly stage1: StageAnswers;
  readonly stage2: StageAnswers;
  readonly t1: number;
}): CascadeOrdering {
  const { stage1, stage2, t1 } = input;
  const n = stage1.confidence.length;
  const score = new Float64Array(n);
  const predicted = new Int32Array(n);
  const stage = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c1 = stage1.confidence[i] as number;
    if (c1 >= t1) {
      score[i] = c1;
      predicted[i] = stage1.predicted[i] as number;
      stage[i] = 1;
      continue;
    }
    const c2 = stage2.confidence[i] as number;
    stage[i] = 2;
    score[i] = Number.isNaN(c2) ? -1 : c2;
    predicted[i] = Number.isNaN(c2) ? -1 : (stage2.predicted[i] as number);
  }
  return { t1, score, predicted, stage };
}
