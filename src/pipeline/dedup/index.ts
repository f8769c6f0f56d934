export { applyDuplicates, type ApplyDuplicatesReport } from './apply-duplicates.js';
export {
  findDuplicates,
  type ClusterMember,
  type DuplicateCluster,
  type DuplicatesFound,
  type FindDuplicatesOptions,
  type ItemPair,
  type Leak,
} from './find-duplicates.js';
export { shareDuplicateDecisions, type ShareDecisionsOptions } from './share-decisions.js';
export { clusterRecords } from './cluster-records.js';
