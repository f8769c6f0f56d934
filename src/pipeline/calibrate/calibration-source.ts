import { restoreCalibrator } from '../../core/calibration/restore-calibrator.js';
import type { Calibrator } from '../../core/calibration/calibrator.js';
import { HiloError } from '../../core/errors.js';
import type { Store } from '../../core/ports/index.js';
import type { Run } from '../../core/types.js';

/**
 * Store name of the calibrator fitted for a labeller's votes.
 * @example calibratorName('model:local@2') // 'calibrator:model:local@2'
 * Complexity: O(1).
 */
export function calibratorName(source: string): string {
  return `calibrator:${source}`;
}

/**
 * The vote source a label run wrote. Its config names it under `labeller`, unless the
 * labeller's own description replaced that with its kind (`local`, `llm`): then the local
 * model's version gives it, and otherwise one of the run's votes does.
 * @example await labelRunSource(store, run) // 'model:local@2'
 * Complexity: O(1), or one vote query over the run's items for an LLM run.
 */
export async function labelRunSource(store: Store, run: Run): Promise<string | null> {
  const { labeller, version } = run.config;
  if (typeof labeller === 'string' && labeller.includes(':')) return labeller;
  if (labeller === 'local' && typeof version === 'number') return `model:local@${version}`;
  const sample = await store.listItems({ limit: 200 });
  const near = await store.listVotes({ itemIds: sample.map((item) => item.id), runId: run.id });
  const vote = near[0] ?? (await store.listVotes({ runId: run.id }))[0];
  return vote?.source ?? null;
}

/**
 * The label runs that wrote votes of a source, oldest first.
 * @example (await labelRunsOf(store, 'model:local@2')).map((run) => run.costUsd)
 * Complexity: one read of the label runs, plus `labelRunSource` per run.
 */
export async function labelRunsOf(store: Store, source: string): Promise<Run[]> {
  const out: Run[] = [];
  for (const run of await store.listRuns({ kind: 'label' })) {
    if ((await labelRunSource(store, run)) === source) out.push(run);
  }
  return out;
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
    const source = await labelRunSource(store, runs[i] as Run);
    if (source !== null) return source;
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
