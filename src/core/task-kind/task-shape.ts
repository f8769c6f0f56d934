import type { MultilabelMeasure, ProjectConfig, RatingMeasure } from '../project.js';
import type { TaskKind } from '../types.js';

/**
 * What a project's answers look like, in the terms every step needs: the labels (for a rating,
 * the scale's levels, lowest first; for a pairwise project a, b and maybe tie) and the measure a
 * promise counts as right.
 * @example const shape: TaskShape = { kind: 'rating', labels: ['1', '2', '3'], measure: 'within-k', withinK: 1 };
 */
export type TaskShape =
  | { readonly kind: 'classify' | 'pairwise'; readonly labels: readonly string[] }
  | {
      readonly kind: 'multilabel';
      readonly labels: readonly string[];
      readonly measure: MultilabelMeasure;
      readonly minLabels: number;
      readonly maxLabels: number;
    }
  | {
      readonly kind: 'rating';
      readonly labels: readonly string[];
      readonly measure: RatingMeasure;
      readonly withinK: number;
    };

/**
 * A project's task shape, from its validated config.
 * @example taskShapeOf(config).kind // 'multilabel'
 * Complexity: O(L).
 */
export function taskShapeOf(
  config: Pick<ProjectConfig, 'kind' | 'labels' | 'multilabel' | 'rating'>,
): TaskShape {
  const labels = config.labels.map((label) => label.name);
  return shapeFor(config.kind, labels, config);
}

function shapeFor(
  kind: TaskKind,
  labels: readonly string[],
  config: Pick<ProjectConfig, 'multilabel' | 'rating'>,
): TaskShape {
  switch (kind) {
    case 'multilabel':
      return {
        kind,
        labels,
        measure: config.multilabel.measure,
        minLabels: config.multilabel.minLabels,
        maxLabels: config.multilabel.maxLabels ?? labels.length,
      };
    case 'rating':
      return { kind, labels, measure: config.rating.measure, withinK: config.rating.withinK };
    case 'classify':
    case 'pairwise':
      return { kind, labels };
  }
}

/**
 * Whether the kind's answer is one label of the label set (classify, pairwise, rating), so a
 * vote's probabilities form one distribution summing to 1; a multi-label vote's probabilities are
 * one yes-probability per label instead.
 * @example isSingleChoice({ kind: 'multilabel', … }) // false
 */
export function isSingleChoice(shape: Pick<TaskShape, 'kind'>): boolean {
  return shape.kind !== 'multilabel';
}

/**
 * The measure in words, for promises and reports: "accuracy", "exact-set accuracy",
 * "per-label accuracy", "accuracy within ±1".
 * @example measureName({ kind: 'rating', labels, measure: 'within-k', withinK: 1 }) // 'accuracy within ±1'
 */
export function measureName(shape: TaskShape): string {
  if (shape.kind === 'multilabel')
    return shape.measure === 'exact' ? 'exact-set accuracy' : 'per-label accuracy';
  if (shape.kind === 'rating' && shape.measure === 'within-k')
    return `accuracy within ±${shape.withinK}`;
  return 'accuracy';
}
