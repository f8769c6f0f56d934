/**
 * hilo as a library: the algorithms behind the `hilo` command, pure functions over typed
 * arrays. Each group is also its own entry point (`hilo/aggregation`, `hilo/calibration`,
 * `hilo/routing`, `hilo/active-learning`, `hilo/agreement`); this one holds them all, with the
 * pooling of several machine labellers (ensembles) and the cascade.
 */
export * from './core/aggregation/index.js';
export * from './core/agreement/index.js';
export * from './core/calibration/index.js';
export * from './core/routing/index.js';
export * from './core/active-learning/index.js';
export * from './core/ensemble/index.js';
export * from './core/cascade/index.js';
export { HiloError, type ErrorCode, type ErrorLocation } from './core/errors.js';
export {
  initProject,
  openProject,
  serveProject,
  type AggregateOptions as ProjectAggregateOptions,
  type CalibrateOptions,
  type CascadeOptions,
  type EnsembleOptions,
  type ImportFileOptions,
  type InitOptions,
  type LabelOptions,
  type LearnOptions,
  type OpenProjectOptions,
  type PlanOptions,
  type Project,
  type RouteOptions,
  type ServeProjectOptions,
} from './compose/index.js';
