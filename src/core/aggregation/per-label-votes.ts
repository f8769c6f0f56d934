import { HiloError } from '../errors.js';
import { voteMatrixBuilder, type BuiltVoteMatrix } from './build-vote-matrix.js';

/** The two answers of one label's yes/no question, in index order: 0 = no, 1 = yes. */
export const YES_NO: readonly string[] = ['no', 'yes'];

/**
 * One multi-label vote: a person's set (label indices) or a machine's yes-probability per label.
 * @example const votes: SetVote[] = [{ item: 'c1', annotator: 'human:ana', set: [0, 2] }, { item: 'c1', annotator: 'llm:m#1', yes: Float64Array.of(0.9, 0.1, 0.7) }]
 */
export interface SetVote {
  readonly item: string;
  readonly annotator: string;
  /** The labels the annotator chose (indices); a hard yes/no vote on every label. */
  readonly set?: readonly number[];
  /** P(label applies) per label: a soft yes/no vote on every label. */
  readonly yes?: Float64Array;
}

/**
 * One yes/no vote matrix per label over the same items and annotators, so that item i and
 * annotator a have the same index in every label's matrix.
 * @example const { perLabel, items } = perLabelVoteMatrices(votes, { numLabels: 3 }); perLabel[0].matrix
 */
export interface PerLabelVotes {
  readonly items: readonly string[];
  readonly itemIndex: ReadonlyMap<string, number>;
  readonly annotators: readonly string[];
  /** Label l's question: labels `no`, `yes`. */
  readonly perLabel: readonly BuiltVoteMatrix[];
}

/**
 * Splits set-valued votes into one yes/no question per label (Dawid-Skene on each question, as
 * multi-label crowds are usually aggregated): a person's set is a hard yes on its labels and a
 * hard no on the others; a machine's yes-probability p is a soft vote (no 1 − p, yes p).
 * @example perLabelVoteMatrices([{ item: 'c1', annotator: 'human:1', set: [1] }], { numLabels: 2 }).perLabel[1].matrix.numVotes // 1
 * Complexity: O(votes × L).
 */
export function perLabelVoteMatrices(
  votes: readonly SetVote[],
  options: { readonly numLabels: number },
): PerLabelVotes {
  const L = options.numLabels;
  const items: string[] = [];
  const itemIndex = new Map<string, number>();
  const annotators: string[] = [];
  const seen = new Set<string>();
  for (const v of votes) {
    if (!itemIndex.has(v.item)) {
      itemIndex.set(v.item, items.length);
      items.push(v.item);
    }
    if (!seen.has(v.annotator)) {
      seen.add(v.annotator);
      annotators.push(v.annotator);
    }
  }
  const perLabel: BuiltVoteMatrix[] = [];
  for (let l = 0; l < L; l++) {
    const builder = voteMatrixBuilder({ labels: YES_NO, items });
    builder.add(
      votes.map((v) => {
        if (v.yes) {
          const p = v.yes[l] ?? Number.NaN;
          if (!(p >= 0 && p <= 1)) {
            throw new HiloError(
              'INVALID_INPUT',
              `a vote of ${v.annotator} on ${v.item} has yes-probability ${p} for label ${l}`,
            );
          }
          return { item: v.item, annotator: v.annotator, probabilities: { no: 1 - p, yes: p } };
        }
        const yes = (v.set ?? []).includes(l);
        return { item: v.item, annotator: v.annotator, label: yes ? 'yes' : 'no' };
      }),
    );
    perLabel.push(builder.build());
  }
  return { items, itemIndex, annotators, perLabel };
}
