export {
  DEFAULT_PREDICTION_COLUMNS,
  importPredictions,
  type ImportPredictionsReport,
} from './import-predictions.js';
export { parseLabelMap } from './label-map.js';
export type { PredictionColumns } from './prediction-types.js';
