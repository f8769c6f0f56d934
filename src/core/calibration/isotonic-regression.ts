import {
  checkCalibrationData,
  clipFitted,
  type CalibrationData,
  type Calibrator,
} from './calibrator.js';
import { poolAdjacentViolators } from './pool-adjacent-violators.js';
import { rescaleTopLabel, topLabelOutcomes } from './top-label.js';

/** A monotone piecewise-linear map through knots (x[i], y[i]), x strictly increasing. */
export interface IsotonicModel {
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/**
 * Isotonic (non-decreasing) least-squares regression of y on x. Equal x values are pooled
 * first; each fitted block contributes knots at its smallest and largest x, and predictions
 * interpolate linearly between knots (as scikit-learn does).
 * @example isotonicRegression([1, 2, 3, 4], [1, 3, 2, 4]) // knots x [1, 2, 3, 4], y [1, 2.5, 2.5, 4]
 * Complexity: O(n log n) for the sort, O(n) for pool-adjacent-violators.
 */
export function isotonicRegression(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  weights?: ArrayLike<number>,
): IsotonicModel {
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => (x[i] as number) - (x[j] as number),
  );
  // Pool ties in x so a block boundary never splits equal inputs.
  const ux: number[] = [];
  const uy: number[] = [];
  const uw: number[] = [];
  for (const i of order) {
    const xi = x[i] as number;
    const wi = weights ? (weights[i] as number) : 1;
    const last = ux.length - 1;
    if (last >= 0 && ux[last] === xi) {
      uy[last] = (uy[last] as number) + wi * (y[i] as number);
      uw[last] = (uw[last] as number) + wi;
    } else {
      ux.push(xi);
      uy.push(wi * (y[i] as number));
      uw.push(wi);
    }
  }
  for (let u = 0; u < ux.length; u++)
    uy[u] = (uw[u] as number) > 0 ? (uy[u] as number) / (uw[u] as number) : 0;
  const fitted = poolAdjacentViolators(uy, uw);
  // Keep only the first and last x of each constant block: the rest add nothing to the map.
  const kx: number[] = [];
  const ky: number[] = [];
  for (let u = 0; u < ux.length; u++) {
    const v = fitted[u] as number;
    const sameAsPrev = u > 0 && fitted[u - 1] === v;
    const sameAsNext = u < ux.length - 1 && fitted[u + 1] === v;
    if (sameAsPrev && sameAsNext) continue;
    kx.push(ux[u] as number);
    ky.push(v);
  }
  return { x: Float64Array.from(kx), y: Float64Array.from(ky) };
}

/**
 * Value of an isotonic model at t: linear between knots, flat beyond the first and last.
 * @example predictIsotonic({ x: Float64Array.of(0, 1), y: Float64Array.of(0, 2) }, 0.25) // 0.5
 * Complexity: O(log m) for m knots.
 */
export function predictIsotonic(
  model: { readonly x: ArrayLike<number>; readonly y: ArrayLike<number> },
  t: number,
): number {
  const { x, y } = model;
  const m = x.length;
  if (m === 0) return Number.NaN;
  if (t <= (x[0] as number)) return y[0] as number;
  if (t >= (x[m - 1] as number)) return y[m - 1] as number;
  let lo = 0;
  let hi = m - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((x[mid] as number) <= t) lo = mid;
    else hi = mid;
  }
  const x0 = x[lo] as number;
  const x1 = x[hi] as number;
  const y0 = y[lo] as number;
  const y1 = y[hi] as number;
  return x1 > x0 ? y0 + ((y1 - y0) * (t - x0)) / (x1 - x0) : y1;
}

/**
 * An isotonic calibrator from its knots: maps the top-label probability through the monotone
 * curve and rescales the other labels (`rescaleTopLabel`).
 * @example isotonicCalibrator([0.5, 0.9], [0.6, 0.95], 3).apply(probs)
 * Complexity: O(nK + n log m) per apply.
 */
export function isotonicCalibrator(
  x: readonly number[],
  y: readonly number[],
  K: number,
): Calibrator {
  const model = { x, y };
  return {
    method: 'isotonic',
    params: { method: 'isotonic', K, x, y },
    apply: (probabilities) => rescaleTopLabel(probabilities, K, (c) => predictIsotonic(model, c)),
  };
}

/**
 * Fits isotonic regression of "the machine is right" on the top-label confidence. Fitted
 * values are kept inside (0, 1) by `clipFitted`, since a pooled block of all-right items would
 * otherwise promise certainty.
 * @example fitIsotonic({ probabilities, labels, K: 3 }).apply(poolProbs)
 * Complexity: O(nK + n log n).
 */
export function fitIsotonic(data: CalibrationData): Calibrator {
  const n = checkCalibrationData(data);
  const { confidence, correct } = topLabelOutcomes(data.probabilities, data.labels, data.K);
  if (n === 0) return isotonicCalibrator([0, 1], [0, 1], data.K);
  const model = isotonicRegression(confidence, correct);
  return isotonicCalibrator(
    Array.from(model.x),
    Array.from(model.y, (v) => clipFitted(v, n)),
    data.K,
  );
}
