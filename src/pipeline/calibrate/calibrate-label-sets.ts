import {
  reliabilityDiagram,
  type ReliabilityBin,
} from '../../core/calibration/calibration-error.js';
import type { CalibrationMethod } from '../../core/calibration/calibrator.js';
import { crossFitPerLabel } from '../../core/calibration/per-label-calibration.js';
import type { Clock, Store } from '../../core/ports/index.js';
import { labelRunsOf } from '../label/index.js';
import { calibratorName } from './calibration-source.js';
import { goldWarnings, requireGold } from './gold-checks.js';
import { loadGoldLabelSets } from './label-set-gold.js';

/** One label's calibration, held out: the method kept and the ECE of P(label) before and after. */
export interface LabelCalibrationRow {
  readonly label: string;
  readonly method: CalibrationMethod;
  /** Gold items the label applies to. */
  readonly positives: number;
  readonly eceBefore: number;
  readonly eceAfter: number;
}

/** A multi-label calibration: every label's row and the macro average (mean over labels). */
export interface PerLabelCalibrationReport {
  readonly labels: readonly LabelCalibrationRow[];
  readonly macro: { readonly eceBefore: number; readonly eceAfter: number };
}

/** What `calibrateLabelSets` returns (the multi-label part of `CalibrateReport`). */
export interface LabelSetCalibration {
  readonly goldItems: number;
  readonly folds: number;
  readonly version: number;
  readonly reliability: { readonly before: ReliabilityBin[]; readonly after: ReliabilityBin[] };
  readonly perLabel: PerLabelCalibrationReport;
  readonly warnings: readonly string[];
}

/**
 * Calibrates a multi-label labeller label by label: each label's yes-probability is a binary
 * problem, cross-fitted with every method (the best by held-out NLL kept, or `method`), refitted
 * on all gold and stored together as the next version of `calibrator:<source>` (payload
 * `{ method: 'per-label', labels: [one calibrator per label] }`). ECE is of P(label) against
 * whether the label applies, on gold each calibrator did not see.
 * @example const r = await calibrateLabelSets({ store, clock, source, labels, folds: 5, seed: 1 }); r.perLabel.macro.eceAfter
 * Complexity: O(L · F · M · n log n) for n gold items, L labels, F folds and M methods.
 */
export async function calibrateLabelSets(options: {
  readonly store: Store;
  readonly clock: Clock;
  readonly source: string;
  readonly labels: readonly string[];
  readonly method?: CalibrationMethod;
  readonly folds: number;
  readonly seed: number;
}): Promise<LabelSetCalibration> {
  const { store, source, labels } = options;
  const gold = await loadGoldLabelSets({ store, source, labels });
  const n = gold.ids.length;
  requireGold(source, n, gold);
  const folds = Math.min(options.folds, n);
  const fit = crossFitPerLabel({
    yes: gold.yes,
    truth: gold.truth,
    L: labels.length,
    folds,
    seed: options.seed,
    ...(options.method === undefined ? {} : { method: options.method }),
  });
  const rows = fit.labels.map((row, l) => ({
    label: labels[l] as string,
    method: row.method,
    positives: row.positives,
    eceBefore: row.eceBefore,
    eceAfter: row.eceAfter,
  }));
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const perLabel = {
    labels: rows,
    macro: {
      eceBefore: mean(rows.map((r) => r.eceBefore)),
      eceAfter: mean(rows.map((r) => r.eceAfter)),
    },
  };
  const diagram = (yes: Float64Array) =>
    reliabilityDiagram({ confidence: yes, correct: gold.truth }, { bins: 10 });
  const reliability = { before: diagram(gold.yes), after: diagram(fit.heldOut) };
  const labelRuns = (await labelRunsOf(store, source)).map((run) => run.id);
  const version = await store.saveModel({
    name: calibratorName(source),
    payload: JSON.stringify(fit.calibrator.params),
    metrics: {
      method: 'per-label',
      best: 'per-label',
      perLabel,
      goldItems: n,
      folds,
      labelRuns,
    },
    trainedOn: n,
    createdAt: new Date(options.clock.now()).toISOString(),
  });
  return {
    goldItems: n,
    folds,
    version,
    reliability,
    perLabel,
    warnings: goldWarnings(source, gold),
  };
}
