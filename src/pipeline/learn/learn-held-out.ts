import { classificationMetrics } from '../../core/metrics/classification-metrics.js';
import { confusionMatrix } from '../../core/metrics/confusion-matrix.js';
import { multilabelMetrics } from '../../core/multilabel/index.js';
import type { Store } from '../../core/ports/index.js';
import {
  answerScore,
  decideItem,
  labelSetIndices,
  type TaskShape,
} from '../../core/task-kind/index.js';
import { isKnownAnswer } from '../../core/task-kind/known-answer.js';
import type { LocalPredictor } from './local-predictor.js';
import { modelText, type ModelProject } from './model-text.js';

/** Scores of a model on held-out items (role `test`) with trusted labels. */
export interface HeldOutScores {
  readonly items: number;
  /** Share right under the project's measure (`answerScore`: exact, within ±k, per label…). */
  readonly accuracy: number;
  /** Macro-F1 over the labels (for multi-label, of each label's yes/no decisions). */
  readonly macroF1: number;
}

const PAGE = 5000;

/**
 * The model's scores on test items with a trusted label the project knows, or null when there
 * are none: each item's answer is decided in the kind's terms (`decideItem`) and scored by the
 * shape's measure.
 * @example const heldOut = await heldOutScores({ store, project, shape, model });
 * Complexity: one prediction per test item, O(items × L) scoring, paged by 5,000.
 */
export async function heldOutScores(options: {
  readonly store: Store;
  readonly project: ModelProject;
  readonly shape: TaskShape;
  readonly model: LocalPredictor;
}): Promise<HeldOutScores | null> {
  const { store, project, shape, model } = options;
  const truth: string[] = [];
  const predicted: string[] = [];
  let afterId: string | undefined;
  for (;;) {
    const page = await store.listItems({
      role: 'test',
      limit: PAGE,
      ...(afterId !== undefined ? { afterId } : {}),
    });
    if (page.length === 0) break;
    afterId = page[page.length - 1]?.id;
    const scored = page.filter((i) => i.goldLabel !== null && isKnownAnswer(shape, i.goldLabel));
    const rows = await model.predict(scored.map((i) => modelText(i, project)));
    scored.forEach((item, i) => {
      truth.push(item.goldLabel as string);
      predicted.push(decideItem(shape, rows[i] as Float64Array).label);
    });
  }
  if (truth.length === 0) return null;
  let right = 0;
  truth.forEach((t, i) => (right += answerScore(shape, predicted[i] as string, t)));
  return {
    items: truth.length,
    accuracy: right / truth.length,
    macroF1: macroF1(shape, truth, predicted),
  };
}

function macroF1(shape: TaskShape, truth: readonly string[], predicted: readonly string[]) {
  const { labels } = shape;
  if (shape.kind === 'multilabel') {
    const sets = (codes: readonly string[]) => codes.map((c) => labelSetIndices(c, labels));
    return multilabelMetrics(sets(truth), sets(predicted), { numLabels: labels.length }).macroF1;
  }
  const index = (l: string) => labels.indexOf(l);
  return classificationMetrics(
    confusionMatrix(truth.map(index), predicted.map(index), labels.length),
  ).macroF1;
}
