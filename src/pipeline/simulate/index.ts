export { simulateActiveLearning, type AlSimulationResult } from './simulate-al.js';
export { readCrowdFit } from './simulate-crowd-file.js';
export {
  crowdForLabels,
  parametricCrowd,
  type AnnotatorSpec,
  type SimulatedCrowd,
} from './simulate-crowd.js';
export {
  readSimulationData,
  type SimulationData,
  type SimulationDataOptions,
} from './simulate-data.js';
export { simulateHybrid, type HybridSimulationResult } from './simulate-hybrid.js';
export { simulateRelabel, type RelabelSimulationResult } from './simulate-relabel.js';
