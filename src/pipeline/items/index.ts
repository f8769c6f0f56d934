export { canReplaceDecision } from './decision-rank.js';
export { exportItems } from './export-items.js';
export { importItems, type ImportItemsOptions } from './import-items.js';
export { importTruth } from './import-truth.js';
export { itemText } from './item-text.js';
