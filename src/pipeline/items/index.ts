export { canReplaceDecision } from './decision-rank.js';
export { exportItems, type ExportReport } from './export-items.js';
export { importItems, type ImportItemsOptions, type ImportReport } from './import-items.js';
export { importTruth } from './import-truth.js';
export { itemText } from './item-text.js';
