import type { CalibrationData, CalibrationMethod, Calibrator } from './calibrator.js';
import { fitHistogramBinning } from './histogram-binning.js';
import { fitIsotonic } from './isotonic-regression.js';
import { fitPlattScaling } from './platt-scaling.js';
import { fitTemperatureScaling } from './temperature-scaling.js';

/**
 * The identity calibrator ("none"): rows are only renormalised to sum to 1, so a run without
 * calibration goes through the same code as the others and can win the comparison.
 * @example identityCalibrator(3).apply(probs)
 * Complexity: O(nK) per apply.
 */
export function identityCalibrator(K: number): Calibrator {
  return {
    method: 'none',
    params: { method: 'none', K },
    apply(probabilities) {
      const out = new Float64Array(probabilities.length);
      const n = Math.floor(probabilities.length / K);
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (let k = 0; k < K; k++) sum += probabilities[i * K + k] as number;
        for (let k = 0; k < K; k++) {
          out[i * K + k] = sum > 0 ? (probabilities[i * K + k] as number) / sum : 1 / K;
        }
      }
      return out;
    },
  };
}

/**
 * Fits a calibrator of the given method on gold data.
 * @example fitCalibrator('isotonic', { probabilities, labels, K: 4 })
 * Complexity: that of the method (at most O(nK + n log n) per iteration).
 */
export function fitCalibrator(method: CalibrationMethod, data: CalibrationData): Calibrator {
  switch (method) {
    case 'none':
      return identityCalibrator(data.K);
    case 'temperature':
      return fitTemperatureScaling(data);
    case 'platt':
      return fitPlattScaling(data);
    case 'isotonic':
      return fitIsotonic(data);
    case 'histogram':
      return fitHistogramBinning(data);
  }
}
