export { calibrateVotes, type CalibrateReport } from './calibrate-votes.js';
export { distributionRow, newestVoteByItem } from './calibration-gold.js';
export { calibratorName, loadCalibrator } from './calibration-source.js';
export { evaluateVotes, type Evaluation } from './evaluate-votes.js';
