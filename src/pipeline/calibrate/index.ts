export { calibrateVotes, type CalibrateReport } from './calibrate-votes.js';
export { distributionRow, newestVoteByItem } from './calibration-gold.js';
export {
  calibratorName,
  loadCalibrator,
  loadRowCalibrator,
  type RowCalibrator,
} from './calibration-source.js';
export { type PerLabelCalibrationReport } from './calibrate-label-sets.js';
export { evaluateVotes, type Evaluation } from './evaluate-votes.js';
