import { identityCalibrator } from '../../core/calibration/fit-calibrator.js';
import { assignZones, countZones } from '../../core/routing/assign-zones.js';
import { candidateThresholds } from '../../core/routing/candidate-thresholds.js';
import { sequenceGoldNeeded } from '../../core/routing/gold-needed-sequence.js';
import { learnThenTestEveryLabel } from '../../core/routing/learn-then-test-every-label.js';
import { sequenceStart } from '../../core/routing/sequence-start.js';
import { HiloError } from '../../core/errors.js';
import { measureName, type TaskShape } from '../../core/task-kind/index.js';
import type { RowCalibrator } from '../calibrate/index.js';
import type { ScoredItems } from './route-evidence.js';
import type { RoutePolicyMode as PolicyMode } from '../../core/runs/run-records.js';

/**
 * Refuses a routing mode that cannot make sense for the task kind: per-class thresholds and the
 * meta-router read one predicted label and a distribution per item, which a multi-label set is
 * not; a budget plan prices items right or wrong, which per-label accuracy is not.
 * @example checkModeForKind(shape, 'per-class') // throws for a multilabel shape
 * Complexity: O(1).
 */
export function checkModeForKind(shape: TaskShape, mode: PolicyMode): void {
  if (shape.kind !== 'multilabel') return;
  if (mode === 'per-class')
    throw new HiloError(
      'INVALID_INPUT',
      'per-class thresholds (--per-class) do not apply to kind multilabel: an item has a set of labels, not one predicted class',
    );
  if (mode === 'meta')
    throw new HiloError(
      'INVALID_INPUT',
      'the meta-router (--meta) reads a distribution over labels and does not apply to kind multilabel',
    );
  if (mode === 'budget' && shape.measure === 'per-label')
    throw new HiloError(
      'INVALID_INPUT',
      'a budget plan (--budget) counts each item right or wrong: set multilabel.measure to exact, or give a target',
    );
}

/**
 * The measure a promise is stated in, for its sentence; undefined for plain accuracy (classify,
 * pairwise, exact ratings), so their sentences stay as they were.
 * @example promiseMeasure(shape) // 'per-label accuracy, every label on its own (the weakest shown)'
 * Complexity: O(1).
 */
export function promiseMeasure(shape: TaskShape): string | undefined {
  const name = measureName(shape);
  if (name === 'accuracy') return undefined;
  if (shape.kind === 'multilabel' && shape.measure === 'per-label')
    return `${name}, every label on its own (the weakest label shown)`;
  return name;
}

/**
 * What a plan's accuracy columns count as right, in words, when it is not one label per item;
 * null for classify and pairwise.
 * @example planMeasure(shape) // 'exact-set accuracy'
 * Complexity: O(1).
 */
export function planMeasure(shape: TaskShape): string | null {
  if (shape.kind === 'multilabel' && shape.measure === 'per-label')
    return 'accuracy columns count an item right when every label decision is; certified rows test each label on its own (per-label accuracy)';
  return promiseMeasure(shape) ?? null;
}

/**
 * Fixed-sequence testing of the multi-label per-label promise: every label's decisions among
 * the accepted items are ≥ target right, with confidence 1 − delta. Items are scored by their
 * least sure label's decision confidence; candidates and the powered start come from the pool's
 * scores as for one label; each candidate is tested on every label (`learnThenTestEveryLabel`).
 * @example everyLabelPolicy({ gold, pool, L: 3, target: 0.97, delta: 0.05, lo: -Infinity })
 * Complexity: O(L · (n + p) log(n + p)).
 */
export function everyLabelPolicy(input: {
  readonly gold: ScoredItems;
  readonly pool: ScoredItems;
  readonly L: number;
  readonly target: number;
  readonly delta: number;
  readonly lo: number;
}) {
  const { gold, pool, L, target, delta, lo } = input;
  const correct = gold.labelCorrect;
  if (correct === null) throw new HiloError('INTERNAL', 'per-label gold evidence without outcomes');
  const reference = pool.confidence.length > 0 ? pool.confidence : gold.confidence;
  const start = sequenceStart({ pool: reference, goldScores: gold.confidence, target, delta });
  const thresholds = candidateThresholds({ reference, minCoverage: start.coverage });
  const selection = learnThenTestEveryLabel({
    scores: gold.confidence,
    correct,
    L,
    thresholds,
    target,
    delta,
  });
  const hi = selection.threshold ?? Number.POSITIVE_INFINITY;
  const zones = assignZones({ confidence: pool.confidence, hi, lo });
  // The weakest label's record on the accepted gold, for the sentence.
  let goldAccepted = 0;
  const right = new Int32Array(L);
  for (let i = 0; i < gold.confidence.length; i++) {
    if ((gold.confidence[i] as number) < hi) continue;
    goldAccepted++;
    for (let l = 0; l < L; l++) right[l] = (right[l] as number) + (correct[i * L + l] as number);
  }
  const goldAcceptedCorrect = goldAccepted > 0 ? Math.min(...right) : 0;
  const allRight = gold.correct ?? new Uint8Array(gold.confidence.length);
  return {
    zones,
    counts: countZones(zones),
    threshold: selection.threshold,
    certified: selection.threshold !== null,
    goldAccepted,
    goldAcceptedCorrect,
    goldNeeded:
      selection.threshold === null
        ? sequenceGoldNeeded({
            pool: reference,
            goldScores: gold.confidence,
            correct: worstLabelColumn(correct, L, allRight.length),
            target,
            delta,
          })
        : null,
  };
}

/** Per item, whether its weakest-so-far label is right: the label with the most errors overall. */
function worstLabelColumn(correct: Uint8Array, L: number, n: number): Uint8Array {
  const errors = new Int32Array(L);
  for (let i = 0; i < n; i++)
    for (let l = 0; l < L; l++) if (correct[i * L + l] === 0) errors[l] = (errors[l] as number) + 1;
  let worst = 0;
  for (let l = 1; l < L; l++) if ((errors[l] as number) > (errors[worst] as number)) worst = l;
  return Uint8Array.from({ length: n }, (_, i) => correct[i * L + worst] as number);
}

/**
 * Gold and pool with `predicted` as an index into one shared list of answers: the labels for
 * single-choice kinds (unchanged), the decided set codes seen in either for multi-label, so the
 * gold-against-pool comparison and the audit draw work on whole answers.
 * @example const { labels, gold, pool } = answerCategories(shape, gold, pool)
 * Complexity: O(n + p).
 */
export function answerCategories(
  shape: TaskShape,
  gold: ScoredItems,
  pool: ScoredItems,
): { readonly labels: readonly string[]; readonly gold: ScoredItems; readonly pool: ScoredItems } {
  if (shape.kind !== 'multilabel') return { labels: shape.labels, gold, pool };
  const index = new Map<string, number>();
  const codes = (items: ScoredItems) =>
    Int32Array.from(items.answers, (answer) => {
      let k = index.get(answer);
      if (k === undefined) {
        k = index.size;
        index.set(answer, k);
      }
      return k;
    });
  const goldCodes = codes(gold);
  const poolCodes = codes(pool);
  return {
    labels: [...index.keys()],
    gold: { ...gold, predicted: goldCodes },
    pool: { ...pool, predicted: poolCodes },
  };
}

/**
 * The project's shape with the measure a command asks for (`--measure`, `--within`) in place
 * of hilo.yaml's: `exact` or `within-k` for a rating, `exact` or `per-label` for multi-label;
 * classify and pairwise have only accuracy.
 * @example withMeasure(shape, 'within-k', 2) // a rating shape measured within ±2
 * Complexity: O(1).
 */
export function withMeasure(shape: TaskShape, measure?: string, withinK?: number): TaskShape {
  if (measure === undefined && withinK === undefined) return shape;
  if (shape.kind === 'rating') {
    const m = measure ?? (withinK !== undefined ? 'within-k' : shape.measure);
    if (m !== 'exact' && m !== 'within-k')
      throw new HiloError(
        'INVALID_INPUT',
        `--measure for kind rating is exact or within-k, not "${m}"`,
      );
    if (
      withinK !== undefined &&
      !(Number.isInteger(withinK) && withinK >= 1 && withinK < shape.labels.length)
    )
      throw new HiloError(
        'INVALID_INPUT',
        `--within must be a whole number from 1 to ${shape.labels.length - 1}`,
      );
    return { ...shape, measure: m, withinK: withinK ?? shape.withinK };
  }
  if (shape.kind === 'multilabel' && withinK === undefined) {
    if (measure !== 'exact' && measure !== 'per-label')
      throw new HiloError(
        'INVALID_INPUT',
        `--measure for kind multilabel is exact or per-label, not "${measure}"`,
      );
    return { ...shape, measure };
  }
  throw new HiloError(
    'INVALID_INPUT',
    withinK !== undefined
      ? `--within applies to kind rating, not ${shape.kind}`
      : `--measure applies to kinds rating and multilabel; kind ${shape.kind} is measured by accuracy`,
  );
}

/**
 * Raw rows as they are, before `hilo calibrate`: distributions renormalised, a multi-label
 * task's yes-probabilities untouched (they do not sum to 1).
 * @example identityRows(shape).apply(rows)
 * Complexity: O(1); `apply` O(nK).
 */
export function identityRows(shape: TaskShape): RowCalibrator {
  if (shape.kind !== 'multilabel') return identityCalibrator(shape.labels.length);
  return { method: 'none', apply: (rows: Float64Array) => Float64Array.from(rows) };
}
