export { candidatePairs } from './candidate-pairs.js';
export {
  findNearDuplicates,
  type NearDuplicateOptions,
  type NearDuplicates,
  type SimilarPair,
} from './find-near-duplicates.js';
export { candidateProbability, lshBanding, type Banding } from './lsh-bands.js';
export { estimateJaccard, minHashSignatures, minHasher, type MinHasher } from './minhash.js';
export {
  hashText,
  jaccard,
  mix32,
  normalizeForDedup,
  shingleSet,
  type ShingleUnit,
} from './shingles.js';
export { UnionFind } from './union-find.js';
export { markProblem } from './mark-problem.js';
