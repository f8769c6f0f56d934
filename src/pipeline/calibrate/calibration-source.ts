import { restoreCalibrator } from '../../core/calibration/restore-calibrator.js';
import type { CalibrationMethod, Calibrator } from '../../core/calibration/calibrator.js';
import {
  isPerLabelPayload,
  restorePerLabelCalibrator,
} from '../../core/calibration/per-label-calibration.js';
import { HiloError } from '../../core/errors.js';
import type { TaskShape } from '../../core/task-kind/index.js';
import type { Store } from '../../core/ports/index.js';

/**
 * Store name of the calibrator fitted for a labeller's votes.
 * @example calibratorName('model:local@2') // 'calibrator:model:local@2'
 * Complexity: O(1).
 */
export function calibratorName(source: string): string {
  return `calibrator:${source}`;
}

/** A stored calibrator with the figures it was stored with. */
export interface StoredCalibrator {
  readonly calibrator: Calibrator;
  readonly version: number;
  readonly metrics: Record<string, unknown>;
}

/**
 * The newest calibrator stored for a source by `hilo calibrate`, or undefined.
 * @example (await loadCalibrator(store, 'model:local@2'))?.calibrator.apply(probs)
 * Complexity: one model read; O(m) to rebuild a calibrator with m knots.
 */
export async function loadCalibrator(
  store: Store,
  source: string,
): Promise<StoredCalibrator | undefined> {
  const stored = await store.getModel(calibratorName(source));
  if (!stored) return undefined;
  if (isPerLabelPayload(stored.payload)) {
    throw new HiloError(
      'INVALID_INPUT',
      `${calibratorName(source)} holds one calibrator per label (kind multilabel); this step works on one label per item`,
    );
  }
  return {
    calibrator: restoreCalibrator(stored.payload),
    version: stored.version,
    metrics: stored.metrics,
  };
}

/**
 * A calibrator of probability rows in the task's terms: a single-choice kind's distributions
 * (one calibrator), or a multi-label task's yes-probabilities (one per label).
 */
export interface RowCalibrator {
  readonly method: CalibrationMethod | 'per-label';
  /** Calibrated copy of an n×K row-major matrix. */
  apply(rows: Float64Array): Float64Array;
}

/**
 * The newest calibrator stored for a source, rebuilt for the project's task kind: per label for
 * multi-label, else one calibrator; refuses one fitted for the other kind.
 * @example (await loadRowCalibrator(store, source, shape))?.calibrator.apply(rows)
 * Complexity: one model read; O(m) to rebuild m knots.
 */
export async function loadRowCalibrator(
  store: Store,
  source: string,
  shape: TaskShape,
): Promise<
  | {
      readonly calibrator: RowCalibrator;
      readonly version: number;
      readonly metrics: Record<string, unknown>;
    }
  | undefined
> {
  if (shape.kind !== 'multilabel') return loadCalibrator(store, source);
  const stored = await store.getModel(calibratorName(source));
  if (!stored) return undefined;
  if (!isPerLabelPayload(stored.payload)) {
    throw new HiloError(
      'INVALID_INPUT',
      `${calibratorName(source)} was fitted for one label per item, not per label: run \`hilo calibrate\` again`,
    );
  }
  return {
    calibrator: restorePerLabelCalibrator(stored.payload, shape.labels.length),
    version: stored.version,
    metrics: stored.metrics,
  };
}
