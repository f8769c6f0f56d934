import { confidentJoint, estimateJoint, type ConfidentJoint } from './confident-joint.js';

/** How flagged items are ordered, likeliest error first. */
export type LabelIssueRanking = 'self-confidence' | 'normalized-margin';

/** One item whose given label is likely wrong. */
export interface LabelIssue {
  /** Index of the item in the input. */
  readonly index: number;
  /** Index of the given label. */
  readonly given: number;
  /** The label the model prefers over the given one: the likeliest other class. */
  readonly suggested: number;
  /** p̂ of the given label. */
  readonly selfConfidence: number;
  /** p̂ of the given label minus the largest other p̂ (negative: the model prefers another label). */
  readonly normalizedMargin: number;
  /** p̂ of the suggested label. */
  readonly suggestedProbability: number;
}

export interface LabelIssuesOptions {
  /** Out-of-fold distributions over the K classes, one per item. */
  readonly probabilities: readonly Float64Array[];
  /** Given label index of every item. */
  readonly given: Int32Array;
  readonly classes: number;
  /** Default `self-confidence`. */
  readonly rankBy?: LabelIssueRanking;
}

export interface LabelIssues {
  readonly joint: ConfidentJoint;
  /** Calibrated joint Q̂ (row-major K × K), summing to 1. */
  readonly estimatedJoint: Float64Array;
  /** n × the off-diagonal mass of Q̂: the estimated number of wrong labels. */
  readonly estimatedErrors: number;
  /** Flagged items, likeliest error first. */
  readonly issues: LabelIssue[];
}

/**
 * Confident learning (Northcutt, Jiang & Chuang 2021): the items whose given labels are likely
 * wrong, found by pruning by noise rate — for every pair i ≠ j, the round(n · Q̂[i][j]) items given
 * label i with the largest margin p̂_j − p̂_i are flagged (an item once; never one whose given
 * label is the model's top class) — then ranked by
 * self-confidence p̂_ỹ (lowest first) or by normalized margin p̂_ỹ − max_{j≠ỹ} p̂_j.
 * The probabilities must be out-of-fold: a model that saw an item's label agrees with it.
 * @example const { issues } = findLabelIssues({ probabilities, given, classes: 3 }); issues[0]?.index
 * Complexity: O(n × K + K² × n log n) (one sort of each class's items per off-diagonal cell).
 * @throws HiloError INVALID_INPUT when the lengths differ or a label is outside 0..K−1.
 */
export function findLabelIssues(options: LabelIssuesOptions): LabelIssues {
  const { probabilities, given, classes: K } = options;
  const joint = confidentJoint(probabilities, given, K);
  const q = estimateJoint(joint);
  const n = given.length;
  let offDiagonal = 0;
  for (let i = 0; i < K; i++)
    for (let j = 0; j < K; j++) if (i !== j) offDiagonal += q[i * K + j] as number;
  const byClass: number[][] = Array.from({ length: K }, () => []);
  for (let x = 0; x < n; x++) (byClass[given[x] as number] as number[]).push(x);
  const flagged = new Uint8Array(n);
  for (let i = 0; i < K; i++) {
    const members = byClass[i] as number[];
    for (let j = 0; j < K; j++) {
      if (i === j) continue;
      const count = Math.min(members.length, Math.round(n * (q[i * K + j] as number)));
      if (count === 0) continue;
      const margin = (x: number): number => {
        const p = probabilities[x] as Float64Array;
        return (p[j] as number) - (p[i] as number);
      };
      const ordered = members.slice().sort((a, b) => margin(b) - margin(a) || a - b);
      for (let r = 0; r < count; r++) flagged[ordered[r] as number] = 1;
    }
  }
  const issues: LabelIssue[] = [];
  for (let x = 0; x < n; x++) {
    if (flagged[x] !== 1) continue;
    const issue = issueOf(x, probabilities, given);
    // As cleanlab does: an item whose given label is the model's top class is not an issue.
    if (issue.normalizedMargin < 0) issues.push(issue);
  }
  const key =
    (options.rankBy ?? 'self-confidence') === 'self-confidence'
      ? (issue: LabelIssue) => issue.selfConfidence
      : (issue: LabelIssue) => issue.normalizedMargin;
  issues.sort((a, b) => key(a) - key(b) || a.index - b.index);
  return { joint, estimatedJoint: q, estimatedErrors: n * offDiagonal, issues };
}

function issueOf(x: number, probabilities: readonly Float64Array[], given: Int32Array): LabelIssue {
  const p = probabilities[x] as Float64Array;
  const y = given[x] as number;
  let suggested = -1;
  for (let j = 0; j < p.length; j++) {
    if (j !== y && (suggested < 0 || (p[j] as number) > (p[suggested] as number))) suggested = j;
  }
  const selfConfidence = p[y] as number;
  const suggestedProbability = suggested < 0 ? 0 : (p[suggested] as number);
  return {
    index: x,
    given: y,
    suggested,
    selfConfidence,
    normalizedMargin: selfConfidence - suggestedProbability,
    suggestedProbability,
  };
}
