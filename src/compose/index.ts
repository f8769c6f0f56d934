/**
 * The composition root: the only place where hilo's adapters (store, model clients, files, the
 * project file) are chosen and wired into the pipeline. The `hilo` CLI is a thin layer over this
 * programmatic API, and library users call the same functions.
 * @example
 * import { openProject } from 'hilo';
 * const project = await openProject({ dir: 'spam' });
 * try {
 *   await project.importItems({ file: 'pool.jsonl' });
 *   const run = await project.label();
 *   await project.export({ file: 'labels.csv' });
 * } finally {
 *   await project.close();
 * }
 */
export { runDemo, type DemoOptions, type DemoStep } from './demo-project.js';
export type { FirstPassChoice } from './first-pass.js';
export type { Env } from './model-clients.js';
export type { ImportPredictionsFileOptions } from './prediction-files.js';
export type { DrawChecksOptions, ProjectChecks } from './project-checks.js';
export { openProject, silentLogger, systemClock, type OpenProjectOptions } from './open-project.js';
export type {
  AggregateOptions,
  CalibrateOptions,
  CascadeOptions,
  EnsembleOptions,
  ImportFileOptions,
  ImportVotesFileOptions,
  LabelOptions,
  LabelRun,
  LearnLoopOptions,
  LearnOptions,
  PlanOptions,
  Project,
  RouteOptions,
  SuspectsOptions,
  SuspectsRun,
  TournamentOptions,
  TournamentRun,
} from './project-handle.js';
export { initProject, type InitOptions } from '../project/project-file.js';
export {
  serveProject,
  WEB_ROOT,
  type RunningServer,
  type ServeProjectOptions,
} from './serve-project.js';
export {
  defaultLocalLabellerConfig,
  readCrowdFile,
  readSimulationFile,
} from './simulation-files.js';
export { textEncoding, type TextEncoding } from './text-encoding.js';
