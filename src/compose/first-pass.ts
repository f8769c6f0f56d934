import { HiloError } from '../core/errors.js';
import { isEmbeddingClassifierPayload } from '../core/local-model/embedding-classifier-payload.js';
import type { Logger, StoreWithPeople } from '../core/ports/index.js';
import type { LlmLabellerConfig, ModelPrice, ProjectConfig } from '../core/project.js';
import type { Item, ItemRole } from '../core/types.js';
import { priceOf } from '../llm/price-table.js';
import {
  chooseDemos,
  createLlmBatchLabeller,
  estimateLabelCost,
  type CostEstimate,
  type Labeller,
} from '../pipeline/label/index.js';
import {
  createLocalLabeller,
  LOCAL_MODEL_NAME,
  loadLocalPredictor,
} from '../pipeline/learn/index.js';
import { createChatModel, createLocalEmbedder, type Env } from './model-clients.js';

/**
 * What a first pass runs on: the project, its store and the environment with the model URLs.
 * @example const deps: FirstPassDeps = { config, store, env: process.env, logger: console }
 */
export interface FirstPassDeps {
  readonly config: ProjectConfig;
  readonly store: StoreWithPeople;
  readonly env: Env;
  readonly logger: Logger;
}

/**
 * Which labeller labels, and the LLM settings a run may override.
 * @example const choice: FirstPassChoice = { labeller: 'llm', model: 'gpt-4o-mini', concurrency: 4 }
 */
export interface FirstPassChoice {
  /** `local` or `llm`; default: `labeller.default` of hilo.yaml. */
  readonly labeller?: 'local' | 'llm';
  /** LLM model name; default `labeller.llm.model`. */
  readonly model?: string;
  /** LLM requests in flight; default `labeller.llm.concurrency`. */
  readonly concurrency?: number;
  /** Seed of the choice of few-shot demos; default 1. */
  readonly seed?: number;
}

interface LlmRun {
  readonly settings: LlmLabellerConfig;
  readonly demos: readonly Item[];
  readonly price: ModelPrice | undefined;
}

/**
 * The labeller of a label run: the newest trained local model, or the LLM behind
 * OPENAI_BASE_URL with the run's demos and price.
 * @example const labeller = await firstPassLabeller(deps, { labeller: 'llm', model: 'gpt-4o-mini' })
 */
export async function firstPassLabeller(
  deps: FirstPassDeps,
  choice: FirstPassChoice = {},
): Promise<Labeller> {
  if (kindOf(deps, choice) === 'local') return loadLocalLabeller(deps);
  const { settings, demos, price } = await llmRun(deps, choice);
  const model = createChatModel({ ...deps, settings });
  return createLlmBatchLabeller({
    model,
    project: deps.config,
    settings,
    demos,
    ...(price ? { price } : {}),
  });
}

/**
 * What a label run would spend, sending nothing; null for the local labeller, which costs
 * nothing.
 * @example const estimate = await estimateFirstPass(deps, { labeller: 'llm' }, { roles: ['pool'] })
 */
export async function estimateFirstPass(
  deps: FirstPassDeps,
  choice: FirstPassChoice,
  scope: { readonly roles: readonly ItemRole[]; readonly limit?: number | undefined },
): Promise<CostEstimate | null> {
  if (kindOf(deps, choice) === 'local') return null;
  const { settings, demos, price } = await llmRun(deps, choice);
  return estimateLabelCost({
    store: deps.store,
    project: deps.config,
    settings,
    demos,
    roles: scope.roles,
    ...(scope.limit !== undefined ? { limit: scope.limit } : {}),
    ...(price ? { price } : {}),
  });
}

/**
 * The newest (or a given) version of the trained local model as a labeller.
 * @example const labeller = await loadLocalLabeller(deps)
 */
export async function loadLocalLabeller(deps: FirstPassDeps, version?: number): Promise<Labeller> {
  const stored = await deps.store.getModel(LOCAL_MODEL_NAME, version);
  if (!stored) {
    throw new HiloError(
      'NOT_FOUND',
      version === undefined
        ? 'no local model yet: run `hilo learn` after importing gold'
        : `local model version ${version} not found`,
    );
  }
  return createLocalLabeller({
    model: loadLocalPredictor(stored.payload, {
      store: deps.store,
      embedder: isEmbeddingClassifierPayload(stored.payload)
        ? createLocalEmbedder(deps)
        : undefined,
    }),
    version: stored.version,
    project: deps.config,
  });
}

function kindOf(deps: FirstPassDeps, choice: FirstPassChoice): 'local' | 'llm' {
  return choice.labeller ?? deps.config.labeller.default;
}

async function llmRun(deps: FirstPassDeps, choice: FirstPassChoice): Promise<LlmRun> {
  const settings: LlmLabellerConfig = {
    ...deps.config.labeller.llm,
    ...(choice.model ? { model: choice.model } : {}),
    ...(choice.concurrency !== undefined ? { concurrency: choice.concurrency } : {}),
  };
  const demos = await chooseDemos({
    store: deps.store,
    labels: deps.config.labels.map((l) => l.name),
    k: settings.fewShot,
    seed: choice.seed ?? 1,
  });
  return { settings, demos, price: priceOf(settings.model, deps.config.prices.models) };
}
