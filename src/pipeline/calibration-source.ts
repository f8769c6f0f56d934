import { restoreCalibrator } from '../core/calibration/restore-calibrator.js';
import type { Calibrator } from '../core/calibration/calibrator.js';
import { HiloError } from '../core/errors.js';
import type { Store } from '../core/ports/index.js';

/**
 * Store name of the calibrator fitted for a labeller's votes.
 * @example calibratorName('model:local@2') // 'calibrator:model:local@2'
 * Complexity: O(1).
 */
export function calibratorName(source: string): string {
  return `calibrator:${source}`;
}

/**
 * The labeller whose votes calibration and routing work on when none is named: the labeller of
 * the newest label run, else the newest local model (whose gold votes `hilo learn` stores).
 * @example await defaultVoteSource(store) // 'model:local@2'
 * Complexity: one read of the label runs and one model lookup.
 */
export async function defaultVoteSource(store: Store): Promise<string> {
  const runs = await store.listRuns({ kind: 'label' });
  for (let i = runs.length - 1; i >= 0; i--) {
    const labeller = runs[i]?.config.labeller;
    if (typeof labeller === 'string' && labeller !== '') return labeller;
  }
  const local = await store.getModel('local');
  if (local) return `model:local@${local.version}`;
  throw new HiloError(
    'NOT_FOUND',
    'no labeller has voted yet: run `hilo learn` and `hilo label` first, or pass --source',
  );
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
