export { labelSetOf, toIndicators, type LabelRow } from './label-rows.js';
export {
  multilabelMetrics,
  type LabelScores,
  type MultilabelMetrics,
  type MultilabelMetricsOptions,
} from './multilabel-metrics.js';
export { masiDistance } from './masi-distance.js';
export { setAlpha, type SetAlphaOptions } from './set-alpha.js';
export {
  decideLabelSet,
  exactSetProbability,
  expectedLabelAccuracy,
  type LabelSetBounds,
} from './decide-label-set.js';
