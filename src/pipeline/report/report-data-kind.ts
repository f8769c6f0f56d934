import { multilabelMetrics } from '../../core/multilabel/index.js';
import { ratingErrors } from '../../core/ordinal/index.js';
import type { Store } from '../../core/ports/index.js';
import {
  answerScore,
  labelSetIndices,
  measureName,
  type TaskShape,
} from '../../core/task-kind/index.js';
import { loadRowCalibrator, type PerLabelCalibrationReport } from '../calibrate/index.js';
import { loadScoredItems } from '../route/index.js';

/** One label of a multi-label report: its F1 on trusted items and its calibration. */
export interface LabelFigures {
  readonly label: string;
  readonly f1: number;
  readonly support: number;
  /** Held-out ECE of P(label) before and after its calibrator (from `hilo calibrate`). */
  readonly eceBefore: number | null;
  readonly eceAfter: number | null;
}

/** A multi-label or rating project's own figures, on its test items (else gold). */
export interface KindFigures {
  readonly kind: 'multilabel' | 'rating';
  /** The measure promises are stated in ("exact-set accuracy", "accuracy within ±1"). */
  readonly measure: string;
  readonly set: 'test' | 'gold';
  readonly items: number;
  /** Share of answers right under the measure (mean `answerScore`), calibrated decisions. */
  readonly accuracy: number;
  readonly multilabel: {
    readonly microF1: number;
    readonly macroF1: number;
    readonly hammingLoss: number;
    readonly subsetAccuracy: number;
    readonly labels: readonly LabelFigures[];
    readonly macroEce: { readonly before: number; readonly after: number } | null;
  } | null;
  readonly rating: {
    readonly exactAccuracy: number;
    readonly withinK: number;
    readonly withinKAccuracy: number;
    readonly mae: number;
  } | null;
}

/**
 * The figures a multi-label or rating project reports in its own terms: the source's calibrated
 * answers (`decideItem`) on test items (gold when there are none) scored under the measure; for
 * multi-label micro/macro-F1, Hamming loss, subset accuracy and a per-label table with the
 * calibration `hilo calibrate` stored; for ratings exact and within-±k accuracy and MAE. Null
 * for classify and pairwise, whose report is the single-label one, and before calibration.
 * @example const kind = await kindFigures({ store, source, shape, fields }); kind?.accuracy
 * Complexity: one pass over test (or gold) items and their votes; O(nL).
 */
export async function kindFigures(input: {
  readonly store: Store;
  readonly source: string;
  readonly shape: TaskShape;
  readonly fields: readonly string[];
}): Promise<KindFigures | null> {
  const { store, source, shape } = input;
  if (shape.kind !== 'multilabel' && shape.kind !== 'rating') return null;
  const stored = await loadRowCalibrator(store, source, shape);
  if (!stored) return null;
  const load = {
    store,
    source,
    labels: shape.labels,
    fields: input.fields,
    calibrator: stored.calibrator,
    shape,
    trusted: true,
  };
  let set: 'test' | 'gold' = 'test';
  let scored = await loadScoredItems({ ...load, roles: ['test'] });
  if (scored.ids.length === 0) {
    set = 'gold';
    scored = await loadScoredItems({ ...load, roles: ['gold'] });
  }
  const n = scored.ids.length;
  if (n === 0) return null;
  const truths = scored.truths ?? [];
  const truthOf = (i: number) => truths[i] as string;
  let total = 0;
  for (let i = 0; i < n; i++) total += answerScore(shape, scored.answers[i] as string, truthOf(i));
  const base = {
    kind: shape.kind,
    measure: measureName(shape),
    set,
    items: n,
    accuracy: total / n,
  };
  if (shape.kind === 'multilabel') {
    const metrics = multilabelMetrics(
      Array.from({ length: n }, (_, i) => labelSetIndices(truthOf(i), shape.labels)),
      scored.answers.map((a) => labelSetIndices(a, shape.labels)),
      { numLabels: shape.labels.length },
    );
    const calibration = stored.metrics.perLabel as PerLabelCalibrationReport | undefined;
    return {
      ...base,
      rating: null,
      multilabel: {
        microF1: metrics.microF1,
        macroF1: metrics.macroF1,
        hammingLoss: metrics.hammingLoss,
        subsetAccuracy: metrics.subsetAccuracy,
        labels: shape.labels.map((label, l) => ({
          label,
          f1: metrics.perLabel[l]?.f1 ?? Number.NaN,
          support: metrics.perLabel[l]?.support ?? 0,
          eceBefore: calibration?.labels[l]?.eceBefore ?? null,
          eceAfter: calibration?.labels[l]?.eceAfter ?? null,
        })),
        macroEce: calibration
          ? { before: calibration.macro.eceBefore, after: calibration.macro.eceAfter }
          : null,
      },
    };
  }
  const k = shape.measure === 'within-k' ? shape.withinK : 1;
  const truthIndex = Array.from({ length: n }, (_, i) => shape.labels.indexOf(truthOf(i)));
  const said = scored.answers.map((a) => shape.labels.indexOf(a));
  let exact = 0;
  let within = 0;
  for (let i = 0; i < n; i++) {
    const gap = Math.abs((said[i] as number) - (truthIndex[i] as number));
    if (gap === 0) exact++;
    if (gap <= k) within++;
  }
  return {
    ...base,
    multilabel: null,
    rating: {
      exactAccuracy: exact / n,
      withinK: k,
      withinKAccuracy: within / n,
      mae: ratingErrors(said, truthIndex).mae,
    },
  };
}
