import { perLabelVoteMatrices } from '../../core/aggregation/per-label-votes.js';
import { fleissKappa, krippendorffAlpha } from '../../core/agreement/index.js';
import { setAlpha } from '../../core/multilabel/index.js';
import { labelSetIndices } from '../../core/task-kind/index.js';
import type { Vote } from '../../core/types.js';

/** Agreement on multi-label sets: α over whole sets (MASI) and each label's yes/no question. */
export interface SetAgreement {
  readonly kind: 'multilabel';
  /** Krippendorff's α with the MASI distance between sets. */
  readonly masiAlpha: number;
  readonly perLabel: readonly {
    readonly label: string;
    /** Share of votes that chose the label. */
    readonly prevalence: number;
    /** Krippendorff's α (nominal) on the label's yes/no question. */
    readonly alpha: number;
    /** Fleiss' κ on the label's yes/no question. */
    readonly fleissKappa: number;
  }[];
}

/**
 * Krippendorff's α for sets with the MASI distance (Passonneau 2006), and per label α and
 * Fleiss' κ on its yes/no question, over the votes' set codes.
 * @example setAgreement(votes, ['toxic', 'insult']).masiAlpha
 * Complexity: O(votes × L + V² · L) for V distinct sets.
 */
export function setAgreement(votes: readonly Vote[], labels: readonly string[]): SetAgreement {
  const units = new Map<string, Map<string, number[]>>();
  const setVotes = votes.map((v) => {
    const set = labelSetIndices(v.label ?? '', labels);
    const unit = units.get(v.itemId) ?? new Map<string, number[]>();
    unit.set(v.source, set);
    units.set(v.itemId, unit);
    return { item: v.itemId, annotator: v.source, set };
  });
  const split = perLabelVoteMatrices(setVotes, { numLabels: labels.length });
  return {
    kind: 'multilabel',
    masiAlpha: setAlpha([...units.values()].map((unit) => [...unit.values()])),
    perLabel: labels.map((label, l) => {
      const { matrix } = split.perLabel[l] as (typeof split.perLabel)[number];
      return {
        label,
        prevalence: setVotes.filter((v) => v.set.includes(l)).length / Math.max(1, votes.length),
        alpha: krippendorffAlpha(matrix),
        fleissKappa: fleissKappa(matrix),
      };
    }),
  };
}
