import { resolve } from 'node:path';
import { annotationCost } from '../core/cost/cost-model.js';
import type { Clock, Logger, Progress } from '../core/ports/index.js';
import { createRng } from '../core/rng.js';
import { controlError } from './control-error.js';
import { personId } from './person-id.js';
import { shareDuplicateDecisions } from '../pipeline/dedup/index.js';
import { storeLocation } from './store-location.js';
import { abortableSleep, trainerLockOptions } from './trainer-lock-options.js';
import { aggregateVotes } from '../pipeline/votes/index.js';
import { DEFAULT_DB_FILE, loadProject } from '../project/project-file.js';
import { openStore } from '../store/open-store.js';
import { HiloError } from '../core/errors.js';
import type { FirstPassDeps } from './first-pass.js';
import type { Env } from './model-clients.js';
import type { TextEncoding } from '../files/input-limits.js';
import type { LearnOptions, Project, TournamentRun } from './project-handle.js';
import { lazyChecks, steps } from './project-steps.js';
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
  const learnBase = async (o: LearnOptions = {}) => ({
    store,
    project: config,
    clock,
    logger,
    rng: createRng(o.seed ?? 1),
    folds: o.folds ?? 5,
    embedder:
      config.labeller.local.input === 'embeddings'
        ? (await steps.modelClients()).createLocalEmbedder(deps)
        : undefined,
  });
  const inputFile = async (file: string, encoding: TextEncoding | undefined) =>
    (await steps.inputFile()).openInputFile(file, config, encoding);
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
      const clean = (await steps.dedup()).importCleanPlan(config, o.clean);
      return (await steps.items()).importItems({
        store,
        source: await inputFile(o.file, o.encoding),
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
      (await steps.votes()).importVotes({
        store,
        source: await inputFile(o.file, o.encoding),
        labels,
        shape,
        clock,
        ...(o.workerField ? { workerField: o.workerField } : {}),
        ...(o.taskField ? { taskField: o.taskField } : {}),
        ...(o.labelField ? { labelField: o.labelField } : {}),
        skipInvalid: o.skipInvalid ?? false,
        ...withProgress,
      }),
    importPredictions: async (o) =>
      (await steps.predictionFiles()).importPredictionFile(
        { store, labels, shape, clock, input: config.input, ...withProgress },
        o,
      ),
    importTruth: async (o) =>
      (await steps.items()).importTruth({
        store,
        source: await inputFile(o.file, o.encoding),
        labels,
        shape,
        role: o.role,
      }),
    learn: async (o = {}) => {
      const { learnRound, withTrainerLock } = await steps.learn();
      return withTrainerLock(trainerLock(o), async () => learnRound(await learnBase(o)));
    },
    learnLoop: async (o) => {
      const { runLearnLoop, withTrainerLock } = await steps.learn();
      return withTrainerLock(trainerLock(o), async (lease) =>
        runLearnLoop({
          ...(await learnBase(o)),
          every: o.every,
          intervalMs: o.intervalMs,
          wait: (ms) => abortableSleep(ms, o.signal),
          shouldStop: () => (o.signal?.aborted ?? false) || lease.lost(),
          ...(o.onRound ? { onRound: o.onRound } : {}),
        }),
      );
    },
    label: async (o = {}) => {
      const labeller = await (await steps.firstPass()).firstPassLabeller(deps, o);
      const report = await (
        await steps.label()
      ).labelItems({
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
    estimateLabel: async (o = {}) =>
      (await steps.firstPass()).estimateFirstPass(deps, o, {
        roles: o.roles ?? ['pool', 'gold', 'test'],
        limit: o.limit,
      }),
    evaluate: async (o) => (await steps.calibrate()).evaluateVotes({ store, labels, shape, ...o }),
    calibrate: async (o) =>
      (await steps.calibrate()).calibrateVotes({ store, clock, labels, shape, ...o }),
    plan: async ({ measure, withinK, ...o }) => {
      const { planPolicies, withMeasure } = await steps.route();
      return planPolicies({
        store,
        labels,
        shape: withMeasure(shape, measure, withinK),
        fields: config.fields,
        prices: config.prices,
        people: config.people,
        ...o,
      });
    },
    route: async ({ measure, withinK, ...o }) => {
      const { routeItems, withMeasure } = await steps.route();
      return afterDecisions(
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
      );
    },
    ensemble: async (o) => (await steps.route()).ensembleVotes({ store, clock, labels, ...o }),
    cascade: async (o) =>
      afterDecisions(
        (await steps.route()).cascadeRoute({
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
        (await steps.route()).routeWholeSet({
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
      const { findSuspects, queueSuspects } = await steps.suspects();
      const report = await findSuspects({
        ...(await learnBase()),
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
      const { invitationLink, inviteAnnotator } = await steps.people();
      const hours = o.hours ?? config.people.invitationHours;
      const issued = await inviteAnnotator(store.people, clock, { ...o, hours });
      return { ...issued, link: invitationLink(o.baseUrl, issued.token) };
    },
    reinvite: async (o) => {
      const { invitationLink, reinviteAnnotator } = await steps.people();
      const id = await personId(store.people, o.who);
      const hours = o.hours ?? config.people.invitationHours;
      const issued = await reinviteAnnotator(store.people, clock, { id, hours });
      return { ...issued, link: invitationLink(o.baseUrl, issued.token) };
    },
    export: async (o) =>
      (await steps.items()).exportItems({
        store,
        sink: (await steps.recordSink()).openRecordSink(o.file),
        labels,
        shape,
        ...withProgress,
      }),
    checks: lazyChecks(async () =>
      (await import('./project-checks.js')).projectChecks({
        store,
        config,
        clock,
        ...withProgress,
      }),
    ),
    dedup: async (o) =>
      (await steps.dedup()).projectDedup({ store, config, clock, ...withProgress }, o),
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
  const { labellerSetting, runTournament } = await steps.learn();
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
  const { writeLabellerSetting } = await steps.labellerSetting();
  return { result, humanCostPerItem, applied: await writeLabellerSetting(project.dir, setting) };
}
