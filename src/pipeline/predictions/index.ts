export {
  DEFAULT_PREDICTION_COLUMNS,
  importPredictions,
  type ImportPredictionsOptions,
  type ImportPredictionsReport,
  type OutsideMass,
} from './import-predictions.js';
export { parseLabelMap } from './label-map.js';
export type { PredictionColumns } from './prediction-from-record.js';
