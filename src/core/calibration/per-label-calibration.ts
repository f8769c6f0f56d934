import { HiloError } from '../errors.js';
import { expectedCalibrationError } from './calibration-error.js';
import type { CalibrationMethod, Calibrator } from './calibrator.js';
import {
  crossFitCalibration,
  type CrossFitResult,
  type HeldOutScores,
} from './cross-fit-calibration.js';
import { fitCalibrator, identityCalibrator } from './fit-calibrator.js';
import { restoreCalibrator } from './restore-calibrator.js';

/**
 * One binary calibrator per label of a multi-label task, each mapping that label's
 * yes-probability to a calibrated one; stored as JSON (`params`) and rebuilt by
 * `restorePerLabelCalibrator`.
 * @example perLabelCalibrator([platt, isotonic]).apply(Float64Array.of(0.9, 0.2)) // calibrated P(label) per label
 */
export interface PerLabelCalibrator {
  readonly method: 'per-label';
  /** The calibrator of each label, in label order. */
  readonly calibrators: readonly Calibrator[];
  readonly params: { readonly method: 'per-label'; readonly labels: readonly unknown[] };
  /**
   * Calibrated copy of an n×L row-major matrix of yes-probabilities (each in [0, 1]).
   * Complexity: O(nL), plus each label's calibrator cost.
   */
  apply(yes: Float64Array): Float64Array;
}

/**
 * Joins per-label binary calibrators (K = 2: [no, yes]) into one multi-label calibrator.
 * @example perLabelCalibrator([identityCalibrator(2)]).apply(Float64Array.of(0.7)) // [0.7]
 * Complexity: O(L).
 */
export function perLabelCalibrator(calibrators: readonly Calibrator[]): PerLabelCalibrator {
  const L = calibrators.length;
  return {
    method: 'per-label',
    calibrators,
    params: { method: 'per-label', labels: calibrators.map((c) => c.params) },
    apply(yes) {
      const n = Math.floor(yes.length / L);
      const out = new Float64Array(n * L);
      const binary = new Float64Array(n * 2);
      calibrators.forEach((calibrator, l) => {
        for (let i = 0; i < n; i++) {
          const p = Math.min(1, Math.max(0, yes[i * L + l] as number));
          binary[2 * i] = 1 - p;
          binary[2 * i + 1] = p;
        }
        const calibrated = calibrator.apply(binary);
        for (let i = 0; i < n; i++) out[i * L + l] = calibrated[2 * i + 1] as number;
      });
      return out;
    },
  };
}

/**
 * Rebuilds a per-label calibrator from its stored parameters, checking each label's.
 * @example restorePerLabelCalibrator('{"method":"per-label","labels":[{"method":"none","K":2}]}', 1)
 * Complexity: O(total knots).
 */
export function restorePerLabelCalibrator(json: unknown, L: number): PerLabelCalibrator {
  const value: unknown = typeof json === 'string' ? JSON.parse(json) : json;
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  const labels = record.labels;
  if (record.method !== 'per-label' || !Array.isArray(labels)) {
    throw new HiloError('INVALID_INPUT', 'stored calibrator is not a per-label calibrator', {
      field: 'params',
    });
  }
  if (labels.length !== L) {
    throw new HiloError(
      'INVALID_INPUT',
      `stored per-label calibrator has ${labels.length} labels, the project ${L}: run \`hilo calibrate\` again`,
      { field: 'params' },
    );
  }
  return perLabelCalibrator(labels.map((params) => restoreCalibrator(params)));
}

/** Whether a stored calibrator payload holds one calibrator per label. */
export function isPerLabelPayload(json: string): boolean {
  try {
    const value = JSON.parse(json) as { method?: unknown };
    return value.method === 'per-label';
  } catch {
    return false;
  }
}

/** One label's held-out calibration: the method kept and its ECE before and after. */
export interface LabelCalibration {
  readonly method: CalibrationMethod;
  /** Gold items where the label applies. */
  readonly positives: number;
  /** ECE of P(label) against whether it applies (15 equal-width bins), held out. */
  readonly eceBefore: number;
  readonly eceAfter: number;
  /** Held-out scores of every method compared (binary, on the label's yes/no decision). */
  readonly scores: CrossFitResult['scores'] | null;
}

/** What `crossFitPerLabel` returns: each label's calibration and the joined calibrator. */
export interface PerLabelFit {
  readonly labels: readonly LabelCalibration[];
  readonly calibrator: PerLabelCalibrator;
  /** n×L held-out calibrated yes-probabilities, in gold order. */
  readonly heldOut: Float64Array;
}

const MIN_EACH = 2;

/**
 * Cross-fitted calibration of every label's yes-probability on its own (a binary problem per
 * label): each method is fitted on the other folds, the best by held-out NLL is refitted on all
 * gold (or `method` when given). A label with fewer than 2 gold items on either side cannot be
 * fitted and keeps its raw probability (`none`).
 * @example crossFitPerLabel({ yes, truth, L: 3, folds: 5, seed: 1 }).labels[0]?.eceAfter
 * Complexity: O(L · F · M · (n + n log n)) for n gold items, F folds and M methods.
 */
export function crossFitPerLabel(options: {
  /** n×L raw yes-probabilities of the gold items, row-major. */
  readonly yes: Float64Array;
  /** n×L 0/1: whether each label applies to each gold item. */
  readonly truth: Uint8Array;
  readonly L: number;
  readonly folds: number;
  readonly seed: number;
  readonly method?: CalibrationMethod;
}): PerLabelFit {
  const { yes, truth, L } = options;
  const n = Math.floor(yes.length / L);
  const heldOut = new Float64Array(n * L);
  const calibrators: Calibrator[] = [];
  const labels: LabelCalibration[] = [];
  const probs = new Float64Array(n * 2);
  const y = new Int32Array(n);
  const p = new Float64Array(n);
  for (let l = 0; l < L; l++) {
    let positives = 0;
    for (let i = 0; i < n; i++) {
      const v = Math.min(1, Math.max(0, yes[i * L + l] as number));
      p[i] = v;
      probs[2 * i] = 1 - v;
      probs[2 * i + 1] = v;
      y[i] = truth[i * L + l] as number;
      positives += y[i] as number;
    }
    const before = expectedCalibrationError({ confidence: p, correct: y }, { bins: 15 });
    if (positives < MIN_EACH || n - positives < MIN_EACH) {
      calibrators.push(identityCalibrator(2));
      for (let i = 0; i < n; i++) heldOut[i * L + l] = p[i] as number;
      labels.push({
        method: 'none',
        positives,
        eceBefore: before,
        eceAfter: before,
        scores: null,
      });
      continue;
    }
    const fit = crossFitCalibration({
      probs,
      labels: y,
      K: 2,
      folds: options.folds,
      seed: options.seed + l,
    });
    const method = options.method ?? fit.best;
    const out = fit.heldOut[method] as Float64Array;
    const after = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      after[i] = out[2 * i + 1] as number;
      heldOut[i * L + l] = after[i] as number;
    }
    calibrators.push(
      method === fit.best
        ? fit.calibrator
        : fitCalibrator(method, { probabilities: probs, labels: y, K: 2 }),
    );
    labels.push({
      method,
      positives,
      eceBefore: before,
      eceAfter: expectedCalibrationError({ confidence: after, correct: y }, { bins: 15 }),
      scores: fit.scores as Partial<Record<CalibrationMethod, HeldOutScores>>,
    });
  }
  return { labels, calibrator: perLabelCalibrator(calibrators), heldOut };
}
