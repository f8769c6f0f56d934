import type { ProjectChecks } from './project-checks.js';

/**
 * The modules behind an open project's steps, each imported on the step's first use, so opening
 * a project (and a command that runs one step) loads only what that step needs.
 * @example const { labelItems } = await steps.label();
 */
export const steps = {
  calibrate: () => import('../pipeline/calibrate/index.js'),
  items: () => import('../pipeline/items/index.js'),
  label: () => import('../pipeline/label/index.js'),
  learn: () => import('../pipeline/learn/index.js'),
  people: () => import('../pipeline/people/index.js'),
  suspects: () => import('../pipeline/suspects/index.js'),
  route: () => import('../pipeline/route/index.js'),
  votes: () => import('../pipeline/votes/index.js'),
  firstPass: () => import('./first-pass.js'),
  modelClients: () => import('./model-clients.js'),
  inputFile: () => import('./open-input-file.js'),
  recordSink: () => import('../files/open-record-sink.js'),
  predictionFiles: () => import('./prediction-files.js'),
  dedup: () => import('./project-dedup.js'),
  labellerSetting: () => import('../project/write-labeller-setting.js'),
};

/**
 * The project's checks steps, with their module imported on first use.
 * @example const checks = lazyChecks(() => steps.checks().then((m) => m.projectChecks(deps)))
 */
export function lazyChecks(load: () => Promise<ProjectChecks>): ProjectChecks {
  return {
    draw: async (o) => (await load()).draw(o),
    status: async () => (await load()).status(),
    export: async (o) => (await load()).export(o),
    importAnswers: async (o) => (await load()).importAnswers(o),
  };
}
