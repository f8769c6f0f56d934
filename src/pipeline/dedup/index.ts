export { applyDuplicates, type ApplyDuplicatesReport } from './apply-duplicates.js';
export { clusterRecords } from './cluster-records.js';
export { findDuplicates, type DuplicatesFound } from './find-duplicates.js';
export { shareDuplicateDecisions } from './share-decisions.js';
