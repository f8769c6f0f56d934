import { resolve } from 'node:path';
import { annotationCost } from '../core/cost/cost-model.js';
import type { Clock, Logger, Progress } from '../core/ports/index.js';
import { createRng } from '../core/rng.js';
import { openRecordSink } from '../files/open-record-sink.js';
import { openInputFile } from './open-input-file.js';
import { calibrateVotes, evaluateVotes } from '../pipeline/calibrate/index.js';
import { exportItems, importItems, importTruth } from '../pipeline/items/index.js';
import { labelItems } from '../pipeline/label/index.js';
import {
  labellerSetting,
  learnRound,
  runLearnLoop,
  runTournament,
  withTrainerLock,
} from '../pipeline/learn/index.js';
import { invitationLink, inviteAnnotator, reinviteAnnotator } from '../pipeline/people/index.js';
import { findSuspects, queueSuspects } from '../pipeline/suspects/index.js';
import { controlError } from './control-error.js';
import { personId } from './person-id.js';
import { projectChecks } from './project-checks.js';
import { importCleanPlan, projectDedup } from './project-dedup.js';
import { shareDuplicateDecisions } from '../pipeline/dedup/index.js';
import { storeLocation } from './store-location.js';
import { abortableSleep, trainerLockOptions } from './trainer-lock-options.js';
import {
  cascadeRoute,
  ensembleVotes,
  planPolicies,
  routeItems,
  routeWholeSet,
  withMeasure,
} from '../pipeline/route/index.js';
import { aggregateVotes, importVotes } from '../pipeline/votes/index.js';
import { importPredictionFile } from './prediction-files.js';
import { DEFAULT_DB_FILE, loadProject } from '../project/project-file.js';
import { writeLabellerSetting } from '../project/write-labeller-setting.js';
import { openStore } from '../store/open-store.js';
import { HiloError } from '../core/errors.js';
import { estimateFirstPass, firstPassLabeller, type FirstPassDeps } from './first-pass.js';
import { createLocalEmbedder, type Env } from './model-clients.js';
import type { LearnOptions, Project, TournamentRun } from './project-handle.js';
import { requiredItemFields, taskShapeOf } from '../core/task-kind/index.js';

/**
 * The wall clock, for everything that is not a test.
 * @example const project = await openProject({ dir: 'spam', clock: systemClock })
 */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * A logger that says nothing: the default of a library call.
 * @example const project = await openProject({ dir: 'spam', logger: silentLogger })
 */
export const silentLogger: Logger = { info: () => undefined, warn: () => undefined };

/**
 * Where the project is and what it may use of the outside.
 * @example const options: OpenProjectOptions = { dir: 'spam', env: { OPENAI_BASE_URL: 'http://127.0.0.1:8080/v1' }, logger: console }
 */
export interface OpenProjectOptions {
  /** The project directory (holding hilo.yaml), absolute or relative to the working directory. */
  readonly dir: string;
  /** Where model URLs, API keys and HILO_DATABASE_URL are read; default `process.env`. */
  readonly env?: Env;
  /** Warnings (retries, calibration caveats) and notes; default: silent. */
  readonly logger?: Logger;
  /** Progress of long steps (import, label, export); default: none. */
  readonly progress?: Progress;
  /** Default: the wall clock. */
  readonly clock?: Clock;
}

/**
 * Opens a project: loads and validates DIR/hilo.yaml and opens its store (PostgreSQL when
 * HILO_DATABASE_URL or `database` in hilo.yaml names one, else DIR/hilo.db). This is where hilo
 * chooses its adapters; the CLI is a thin layer over the handle it returns.
 * @example
 * const project = await openProject({ dir: 'spam', logger: console });
 * try {
 *   const run = await project.label();
 *   console.log(`${run.labelled} labelled by ${run.source}`);
 * } finally {
 *   await project.close();
 * }
 */
export async function openProject(options: OpenProjectOptions): Promise<Project> {
  const dir = resolve(options.dir);
  const env = options.env ?? process.env;
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? systemClock;
  const progress = options.progress;
  const config = await loadProject(dir);
  const location = storeLocation({
    envUrl: env.HILO_DATABASE_URL,
    database: config.database,
    dir,
    defaultFile: DEFAULT_DB_FILE,
  });
  const store = await openStore({ ...location, clock });
  // A run whose workers were killed (no heartbeat within its lease) is shown as interrupted.
  await store.markInterruptedRuns(clock.now()).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const deps: FirstPassDeps = { config, store, env, logger };
  const labels = config.labels.map((l) => l.name);
  const shape = taskShapeOf(config);
  const withProgress = progress ? { progress } : {};
  const learnBase = (o: LearnOptions = {}) => ({
    store,
    project: config,
    clock,
    logger,
    rng: createRng(o.seed ?? 1),
    folds: o.folds ?? 5,
    embedder: config.labeller.local.input === 'embeddings' ? createLocalEmbedder(deps) : undefined,
  });
  const trainerLock = (o: LearnOptions) => trainerLockOptions({ locks: store, clock, logger }, o);

  // Duplicates share their representative's decision after every step that writes decisions.
  const afterDecisions = async <T>(step: Promise<T>): Promise<T> => {
    const report = await step;
    await shareDuplicateDecisions({ store, clock });
    return report;
  };

  const project: Project = {
    dir,
    config,
    store,
    clock,
    logger,
    env,
    importItems: async (o) => {
      const clean = importCleanPlan(config, o.clean);
      return importItems({
        store,
        source: await openInputFile(o.file, config, o.encoding),
        role: o.role ?? 'pool',
        idField: o.idField ?? 'id',
        labelField: o.labelField ?? 'label',
        fields: requiredItemFields(config),
        labels,
        shape,
        skipInvalid: o.skipInvalid ?? false,
        ...(o.batch ? { batch: o.batch } : {}),
        ...(clean ? { clean } : {}),
        ...withProgress,
      });
    },
    importVotes: async (o) =>
      importVotes({
        store,
        source: await openInputFile(o.file, config, o.encoding),
        labels,
        shape,
        clock,
        ...(o.workerField ? { workerField: o.workerField } : {}),
        ...(o.taskField ? { taskField: o.taskField } : {}),
        ...(o.labelField ? { labelField: o.labelField } : {}),
        skipInvalid: o.skipInvalid ?? false,
        ...withProgress,
      }),
    importPredictions: (o) =>
      importPredictionFile(
        { store, labels, shape, clock, input: config.input, ...withProgress },
        o,
      ),
    importTruth: async (o) =>
      importTruth({
        store,
        source: await openInputFile(o.file, config, o.encoding),
        labels,
        shape,
        role: o.role,
      }),
    learn: (o = {}) => withTrainerLock(trainerLock(o), () => learnRound(learnBase(o))),
    learnLoop: (o) =>
      withTrainerLock(trainerLock(o), (lease) =>
        runLearnLoop({
          ...learnBase(o),
          every: o.every,
          intervalMs: o.intervalMs,
          wait: (ms) => abortableSleep(ms, o.signal),
          shouldStop: () => (o.signal?.aborted ?? false) || lease.lost(),
          ...(o.onRound ? { onRound: o.onRound } : {}),
        }),
      ),
    label: async (o = {}) => {
      const labeller = await firstPassLabeller(deps, o);
      const report = await labelItems({
        store,
        labeller,
        clock,
        roles: o.roles ?? ['pool', 'gold', 'test'],
        leaseMs: config.labeller.leaseSeconds * 1000,
        ...(o.limit !== undefined ? { limit: o.limit } : {}),
        ...(o.signal ? { shouldStop: () => o.signal?.aborted ?? false } : {}),
        ...withProgress,
      });
      return { ...report, source: labeller.source };
    },
    estimateLabel: (o = {}) =>
      estimateFirstPass(deps, o, { roles: o.roles ?? ['pool', 'gold', 'test'], limit: o.limit }),
    evaluate: (o) => evaluateVotes({ store, labels, shape, ...o }),
    calibrate: (o) => calibrateVotes({ store, clock, labels, shape, ...o }),
    plan: ({ measure, withinK, ...o }) =>
      planPolicies({
        store,
        labels,
        shape: withMeasure(shape, measure, withinK),
        fields: config.fields,
        prices: config.prices,
        people: config.people,
        ...o,
      }),
    route: ({ measure, withinK, ...o }) =>
      afterDecisions(
        routeItems({
          store,
          clock,
          labels,
          shape: withMeasure(shape, measure, withinK),
          fields: config.fields,
          prices: config.prices,
          people: config.people,
          ...o,
        }),
      ),
    ensemble: (o) => ensembleVotes({ store, clock, labels, ...o }),
    cascade: (o) =>
      afterDecisions(
        cascadeRoute({
          store,
          checks: store,
          clock,
          labels,
          prices: config.prices,
          people: config.people,
          ...o,
        }),
      ),
    routeWholeSet: async (o) =>
      afterDecisions(
        routeWholeSet({
          store,
          clock,
          labels,
          shape: shape,
          fields: config.fields,
          prices: config.prices,
          people: config.people,
          source: o.source,
          maxError: o.maxError,
          alpha: o.alpha,
          peopleError:
            o.peopleError !== undefined
              ? { kind: 'declared', rate: o.peopleError }
              : await controlError(store.people),
          ...(o.seed === undefined ? {} : { seed: o.seed }),
        }),
      ),
    aggregate: (o) =>
      afterDecisions(
        aggregateVotes({
          store,
          labels,
          clock,
          people: store.people,
          shape,
          ...o,
        }),
      ),
    suspects: async (o = {}) => {
      const { queue, ...rest } = o;
      const report = await findSuspects({
        ...learnBase(),
        people: store.people,
        ...withProgress,
        ...rest,
      });
      return {
        ...report,
        queued: queue ? await queueSuspects(store.people, report.suspects) : null,
      };
    },
    tournament: (o = {}) => tournament(project, o),
    invite: async (o) => {
      const hours = o.hours ?? config.people.invitationHours;
      const issued = await inviteAnnotator(store.people, clock, { ...o, hours });
      return { ...issued, link: invitationLink(o.baseUrl, issued.token) };
    },
    reinvite: async (o) => {
      const id = await personId(store.people, o.who);
      const hours = o.hours ?? config.people.invitationHours;
      const issued = await reinviteAnnotator(store.people, clock, { id, hours });
      return { ...issued, link: invitationLink(o.baseUrl, issued.token) };
    },
    export: (o) =>
      exportItems({ store, sink: openRecordSink(o.file), labels, shape, ...withProgress }),
    checks: projectChecks({ store, config, clock, ...withProgress }),
    dedup: (o) => projectDedup({ store, config, clock, ...withProgress }, o),
    close: () => store.close(),
  };
  return project;
}

async function tournament(
  project: Project,
  options: Parameters<Project['tournament']>[0] = {},
): Promise<TournamentRun> {
  const prices = project.config.prices;
  const humanCostPerItem = annotationCost({
    hourlyRate: prices.humanHourlyUsd,
    itemsPerHour: prices.humanItemsPerHour,
  });
  const roles = options.roles ?? ['gold', 'test'];
  const result = await runTournament({
    store: project.store,
    humanCostPerItem,
    shape: taskShapeOf(project.config),
    roles,
    ...(options.minItems !== undefined ? { minItems: options.minItems } : {}),
  });
  if (result.entries.length === 0) {
    throw new HiloError(
      'NOT_FOUND',
      `no machine votes on ${roles.join('/')} items: run \`hilo label\` on them first`,
    );
  }
  if (!options.apply) return { result, humanCostPerItem, applied: null };
  const winner = result.winner;
  if (!winner)
    throw new HiloError(
      'NOT_FOUND',
      'no labeller was scored on enough items to be ranked; nothing applied',
    );
  const setting = labellerSetting(winner.source);
  if (!setting)
    throw new HiloError(
      'INVALID_INPUT',
      `the winner ${winner.source} is not a labeller hilo.yaml can select`,
    );
  return { result, humanCostPerItem, applied: await writeLabellerSetting(project.dir, setting) };
}
