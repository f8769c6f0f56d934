import {
  expectedCalibrationError,
  reliabilityDiagram,
} from '../../core/calibration/calibration-error.js';
import type { CalibrationMethod, Calibrator } from '../../core/calibration/calibrator.js';
import { crossFitCalibration } from '../../core/calibration/cross-fit-calibration.js';
import { brierScore, negativeLogLikelihood } from '../../core/calibration/proper-scores.js';
import { topLabelOutcomes } from '../../core/calibration/top-label.js';
import { bootstrapInterval } from '../../core/metrics/bootstrap.js';
import { createRng } from '../../core/rng.js';
import type { LabelledRows } from './report-data-read.js';
import type { CalibrationReport, CalibrationScores, HeldOutSet } from './report-data-types.js';

/** Fewer gold items than this give a calibrator too noisy to show. */
const MIN_CALIBRATION_GOLD = 10;
const ECE_BINS = 15;

export interface StoredCalibrator {
  readonly calibrator: Calibrator;
  readonly fittedOn: number | null;
}

export interface ReportCalibration {
  readonly report: CalibrationReport | null;
  /** The map to apply to pool items; null: raw confidence. */
  readonly calibrator: Calibrator | null;
  /** Held-out probabilities after calibration (the raw ones when there is none). */
  readonly heldOut: Float64Array;
  readonly notes: readonly string[];
}

/**
 * Calibration as the report shows it, always scored on items the calibrator was not fitted on:
 * - test items: the stored calibrator, or one cross-fitted on gold here, applied to them;
 * - gold items only: each gold item calibrated by a map fitted on the other folds (the stored
 *   calibrator's method, or the best method by held-out NLL).
 * @example calibrateForReport({ heldOut, set: 'test', gold, K, stored: null, seed: 1 }).report?.after.ece
 * Complexity: cross-fitting O(F · M · (nK + n log n)) plus O(B · n) bootstrap draws for the ECE intervals.
 */
export function calibrateForReport(input: {
  readonly heldOut: LabelledRows;
  readonly set: HeldOutSet;
  readonly gold: LabelledRows;
  readonly K: number;
  readonly stored: StoredCalibrator | null;
  readonly seed: number;
}): ReportCalibration {
  const { heldOut, set, gold, K, stored, seed } = input;
  const notes: string[] = [];
  const raw = heldOut.probs;
  const none = { report: null, calibrator: stored?.calibrator ?? null, heldOut: raw, notes };
  if (heldOut.ids.length === 0) return none;
  let after: Float64Array | null = null;
  let method: CalibrationMethod;
  let calibrator: Calibrator | null = stored?.calibrator ?? null;
  let methods: CalibrationReport['methods'] = [];
  const canFit = gold.ids.length >= MIN_CALIBRATION_GOLD;
  try {
    if (stored && set === 'test') {
      method = stored.calibrator.method;
      after = stored.calibrator.apply(raw);
    } else if (canFit) {
      const fit = crossFitCalibration({
        probs: gold.probs,
        labels: gold.labels,
        K,
        seed,
        ...(stored ? { methods: [stored.calibrator.method] } : {}),
      });
      method = stored ? stored.calibrator.method : fit.best;
      calibrator = stored ? stored.calibrator : fit.calibrator;
      after = set === 'test' ? fit.calibrator.apply(raw) : (fit.heldOut[method] ?? null);
      if (!stored) {
        methods = Object.entries(fit.scores).map(([name, s]) => ({
          method: name as CalibrationMethod,
          nll: s.nll,
          ece: s.ece,
          brier: s.brier,
        }));
      }
    } else {
      notes.push(
        `Only ${gold.ids.length} gold items have a vote from this labeller; calibration needs at least ${MIN_CALIBRATION_GOLD}, so confidence is shown raw.`,
      );
      return none;
    }
  } catch (error) {
    notes.push(
      `Calibration could not be fitted: ${(error as Error).message}. Confidence is shown raw.`,
    );
    return none;
  }
  if (after === null) return none;
  const rng = createRng(seed);
  return {
    calibrator,
    heldOut: after,
    notes,
    report: {
      method,
      origin: stored ? 'stored' : 'fitted',
      fittedOn: stored ? stored.fittedOn : gold.ids.length,
      evaluatedOn: set === 'test' ? 'test' : 'gold-cross-fitted',
      n: heldOut.ids.length,
      before: calibrationScores(raw, heldOut.labels, K, rng),
      after: calibrationScores(after, heldOut.labels, K, rng),
      methods,
    },
  };
}

/**
 * ECE (with a bootstrap interval), Brier score, NLL and the non-empty reliability bars.
 * @example calibrationScores(probs, labels, 3, createRng(1)).ece.estimate
 * Complexity: O(nK + B·n) for B = 400 bootstrap draws.
 */
function calibrationScores(
  probs: Float64Array,
  labels: Int32Array,
  K: number,
  rng: ReturnType<typeof createRng>,
): CalibrationScores {
  const outcomes = topLabelOutcomes(probs, labels, K);
  const n = outcomes.confidence.length;
  const confidence = new Float64Array(n);
  const correct = new Float64Array(n);
  const ece = bootstrapInterval({
    n,
    rng,
    resamples: 400,
    statistic: (sample) => {
      for (let i = 0; i < sample.length; i++) {
        const j = sample[i] as number;
        confidence[i] = outcomes.confidence[j] as number;
        correct[i] = outcomes.correct[j] as number;
      }
      return expectedCalibrationError({ confidence, correct }, { bins: ECE_BINS });
    },
  });
  const bins = reliabilityDiagram(outcomes, { bins: ECE_BINS })
    .filter((bin) => bin.count > 0)
    .map((bin) => ({
      lower: bin.lower,
      upper: bin.upper,
      meanConfidence: bin.meanConfidence,
      accuracy: bin.accuracy,
      count: bin.count,
    }));
  return {
    ece: { estimate: ece.estimate, lower: ece.lower, upper: ece.upper },
    brier: brierScore(probs, labels, K),
    nll: negativeLogLikelihood(probs, labels, K),
    bins,
  };
}
