import { restoreCalibrator } from '../../core/calibration/restore-calibrator.js';
import type { Calibrator } from '../../core/calibration/calibrator.js';
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
  return {
    calibrator: restoreCalibrator(stored.payload),
    version: stored.version,
    metrics: stored.metrics,
  };
}
