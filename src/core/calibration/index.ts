export {
  CALIBRATION_METHODS,
  type CalibrationData,
  type CalibrationMethod,
  type Calibrator,
} from './calibrator.js';
export { fitCalibrator, identityCalibrator } from './fit-calibrator.js';
export { fitTemperatureScaling } from './temperature-scaling.js';
export { fitPlattScaling } from './platt-scaling.js';
export { fitIsotonic } from './isotonic-regression.js';
export { fitHistogramBinning } from './histogram-binning.js';
export { restoreCalibrator } from './restore-calibrator.js';
export {
  crossFitCalibration,
  type CrossFitOptions,
  type CrossFitResult,
  type HeldOutScores,
} from './cross-fit-calibration.js';
export { topLabel, topLabelOutcomes, type TopLabelOutcomes } from './top-label.js';
export {
  expectedCalibrationError,
  maxCalibrationError,
  reliabilityDiagram,
  type BinOptions,
  type ConfidenceOutcomes,
  type ReliabilityBin,
} from './calibration-error.js';
export { brierScore, negativeLogLikelihood } from './proper-scores.js';
export { confidenceAuroc } from './confidence-auroc.js';
export { accuracyCoverageCurve, type AccuracyCoverageCurve } from './accuracy-coverage.js';
export {
  syntheticPredictions,
  type SyntheticPredictions,
  type SyntheticPredictionsOptions,
} from './synthetic-predictions.js';
