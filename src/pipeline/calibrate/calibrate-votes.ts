import {
  reliabilityDiagram,
  type ReliabilityBin,
} from '../../core/calibration/calibration-error.js';
import type { CalibrationMethod } from '../../core/calibration/calibrator.js';
import {
  crossFitCalibration,
  type HeldOutScores,
} from '../../core/calibration/cross-fit-calibration.js';
import { fitCalibrator } from '../../core/calibration/fit-calibrator.js';
import { topLabelOutcomes } from '../../core/calibration/top-label.js';
import type { Clock, Store } from '../../core/ports/index.js';
import type { TaskShape } from '../../core/task-kind/index.js';
import { loadGoldVotes } from './calibration-gold.js';
import { calibrateLabelSets, type PerLabelCalibrationReport } from './calibrate-label-sets.js';
import { labelRunsOf } from '../label/index.js';
import { goldWarnings, requireGold } from './gold-checks.js';
import { calibratorName } from './calibration-source.js';

export interface CalibrateVotesOptions {
  readonly store: Store;
  readonly clock: Clock;
  /** The labeller whose votes are calibrated, e.g. `model:local@2`. */
  readonly source: string;
  /** The project's labels, in order. */
  readonly labels: readonly string[];
  /** `auto` keeps the method with the lowest held-out NLL (default). */
  readonly method?: CalibrationMethod | 'auto';
  /** Cross-fitting folds (default 5). */
  readonly folds?: number;
  readonly seed?: number;
  /** The project's task shape; a multi-label project is calibrated label by label. */
  readonly shape?: TaskShape;
}

export interface CalibrateReport {
  readonly source: string;
  /** The method stored, and the one with the lowest held-out NLL (`per-label`: see `perLabel`). */
  readonly method: CalibrationMethod | 'per-label';
  readonly best: CalibrationMethod | 'per-label';
  /** Held-out scores of every method (see `crossFitCalibration`); empty for `per-label`. */
  readonly scores: Partial<Record<CalibrationMethod | 'per-label', HeldOutScores>>;
  readonly goldItems: number;
  readonly folds: number;
  /** Version under which the calibrator was stored (`calibrator:<source>`). */
  readonly version: number;
  /** Held-out reliability diagrams (10 equal-width bins) before and after calibration. */
  readonly reliability: { readonly before: ReliabilityBin[]; readonly after: ReliabilityBin[] };
  /** Multi-label: each label's method and held-out ECE of P(label) before and after. */
  readonly perLabel: PerLabelCalibrationReport | null;
  readonly warnings: readonly string[];
}

/**
 * Calibrates a labeller's confidence on gold: cross-fits every calibration method on the
 * labeller's gold votes, scores each on the gold it was not fitted on (NLL, ECE with equal-width
 * and equal-mass bins, Brier, AUROC), keeps the best by held-out NLL (or the method asked for),
 * refits it on all gold and stores it as the next version of `calibrator:<source>`.
 * For a local model, gold votes must be the out-of-fold ones `hilo learn` stores; votes stored
 * by a label run on gold are counted in a warning, since a model that trained on an item is
 * overconfident on it. A multi-label project is calibrated label by label (`calibrateLabelSets`).
 * @example const report = await calibrateVotes({ store, clock, source: 'model:local@1', labels });
 * Complexity: O(F · M · (nK + n log n)) for n gold items, F folds and M methods.
 */
export async function calibrateVotes(options: CalibrateVotesOptions): Promise<CalibrateReport> {
  const { store, source, labels } = options;
  if (options.shape?.kind === 'multilabel') {
    const method = options.method === 'auto' ? undefined : options.method;
    const sets = await calibrateLabelSets({
      store,
      clock: options.clock,
      source,
      labels,
      folds: options.folds ?? 5,
      seed: options.seed ?? 1,
      ...(method === undefined ? {} : { method }),
    });
    return { source, method: 'per-label', best: 'per-label', scores: {}, ...sets };
  }
  const gold = await loadGoldVotes({ store, source, labels });
  const n = gold.ids.length;
  requireGold(source, n, gold);
  const warnings = goldWarnings(source, gold);
  const folds = Math.min(options.folds ?? 5, n);
  const fit = crossFitCalibration({
    probs: gold.probabilities,
    labels: gold.labels,
    K: gold.K,
    folds,
    seed: options.seed ?? 1,
  });
  const method =
    options.method === undefined || options.method === 'auto' ? fit.best : options.method;
  const calibrator =
    method === fit.best
      ? fit.calibrator
      : fitCalibrator(method, {
          probabilities: gold.probabilities,
          labels: gold.labels,
          K: gold.K,
        });
  const diagram = (probabilities: Float64Array | undefined): ReliabilityBin[] =>
    probabilities
      ? reliabilityDiagram(topLabelOutcomes(probabilities, gold.labels, gold.K), { bins: 10 })
      : [];
  const reliability = { before: diagram(fit.heldOut.none), after: diagram(fit.heldOut[method]) };
  const labelRuns = (await labelRunsOf(store, source)).map((run) => run.id);
  const version = await store.saveModel({
    name: calibratorName(source),
    payload: JSON.stringify(calibrator.params),
    metrics: {
      method,
      best: fit.best,
      scores: fit.scores,
      goldItems: n,
      folds,
      labelRuns,
      reliability: {
        before: reliability.before.map(finiteBin),
        after: reliability.after.map(finiteBin),
      },
    },
    trainedOn: n,
    createdAt: new Date(options.clock.now()).toISOString(),
  });
  return {
    source,
    method,
    best: fit.best,
    scores: fit.scores,
    goldItems: n,
    folds,
    version,
    reliability,
    perLabel: null,
    warnings,
  };
}

/** JSON has no NaN: an empty bin's means are stored as null. */
function finiteBin(bin: ReliabilityBin): Record<string, number | null> {
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  return {
    lower: finite(bin.lower),
    upper: finite(bin.upper),
    meanConfidence: finite(bin.meanConfidence),
    accuracy: finite(bin.accuracy),
    count: bin.count,
  };
}
