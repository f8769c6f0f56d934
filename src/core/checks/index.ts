export {
  confidenceBand,
  drawChecks,
  stratumOf,
  type CheckDesign,
  type DrawChecksInput,
  type DrawnCheck,
} from './draw-checks.js';
