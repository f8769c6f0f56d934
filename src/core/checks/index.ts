export {
  confidenceBand,
  drawChecks,
  stratumOf,
  type CheckDesign,
  type DrawChecksInput,
  type DrawnCheck,
} from './draw-checks.js';
export {
  wholeSetPromise,
  type PeopleError,
  type PromiseBound,
  type PromiseCheck,
  type PromiseTest,
  type WholeSetPromise,
  type WholeSetPromiseInput,
} from './whole-set-promise.js';
export {
  cellScores,
  promiseFromChecks,
  type PromiseFromChecks,
  type PromiseFromChecksInput,
} from './promise-from-checks.js';
export { bettingRejectsAbove, bettingUpper, type BettingOptions } from './betting-bound.js';
export { hypergeometricCdf, hypergeometricUpper } from './hypergeometric.js';
