/**
 * The composition root: the only place where adapters (store, llm, files, project file) are
 * chosen and wired into pipeline steps. Commands call these and nothing else of the adapters.
 */
import { join, resolve } from 'node:path';
import { HiloError } from '../core/errors.js';
import { isEmbeddingClassifierPayload } from '../core/local-model/embedding-classifier-payload.js';
import type {
  ChatModel,
  Clock,
  EmbeddingModel,
  Logger,
  Progress,
  Store,
  StoreWithPeople,
} from '../core/ports/index.js';
import type { LlmLabellerConfig, ProjectConfig } from '../core/project.js';
import { withResponseCache } from '../llm/cached-model.js';
import { createOpenAiCompatibleEmbeddings } from '../llm/openai-compatible-embeddings.js';
import { createOpenAiCompatibleModel } from '../llm/openai-compatible-model.js';
import type { Labeller } from '../pipeline/label/index.js';
import { createLocalLabeller, LOCAL_MODEL_NAME } from '../pipeline/learn/index.js';
import { loadLocalPredictor } from '../pipeline/learn/index.js';
import { DEFAULT_DB_FILE, loadProject } from '../project/project-file.js';
import { openStore } from '../store/open-store.js';
import type { CliIo } from './cli-io.js';
import { createTerminalProgress } from './terminal-progress.js';

export const systemClock: Clock = { now: () => Date.now() };

export interface ProjectContext {
  readonly dir: string;
  readonly config: ProjectConfig;
  readonly store: StoreWithPeople;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The process environment (API keys and URLs of models). */
  readonly env: Readonly<Record<string, string | undefined>>;
  close(): Promise<void>;
}

/** Loads DIR/hilo.yaml and opens its store (PostgreSQL URL from the file or HILO_DATABASE_URL, else DIR/hilo.db). */
export async function openProjectContext(dir: string, io: CliIo): Promise<ProjectContext> {
  const root = resolve(io.cwd, dir);
  const config = await loadProject(root);
  const url = io.env.HILO_DATABASE_URL ?? config.database ?? undefined;
  const store = await openStore(
    url ? { url, clock: systemClock } : { path: join(root, DEFAULT_DB_FILE), clock: systemClock },
  );
  return {
    dir: root,
    config,
    store,
    clock: systemClock,
    logger: createLogger(io),
    env: io.env,
    close: () => store.close(),
  };
}

export function createLogger(io: CliIo): Logger {
  return {
    info: (message) => io.err(`${message}\n`),
    warn: (message) => io.err(`warning: ${message}\n`),
  };
}

export function createProgress(io: CliIo): Progress {
  return createTerminalProgress({ stream: io.stderr });
}

/** The LLM behind OPENAI_BASE_URL / OPENAI_API_KEY, with the project's limits and the store's cache. */
export function createChatModel(
  io: CliIo,
  store: Store,
  settings: LlmLabellerConfig,
  logger: Logger,
): ChatModel {
  const baseUrl =
    io.env.OPENAI_BASE_URL ?? (io.env.OPENAI_API_KEY ? 'https://api.openai.com/v1' : undefined);
  if (!baseUrl) {
    throw new HiloError(
      'MODEL_UNAVAILABLE',
      'set OPENAI_BASE_URL (and OPENAI_API_KEY if the server needs one) to label with an LLM, or use --labeller local',
    );
  }
  const model = createOpenAiCompatibleModel({
    baseUrl,
    ...(io.env.OPENAI_API_KEY ? { apiKey: io.env.OPENAI_API_KEY } : {}),
    timeoutMs: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    concurrency: settings.concurrency,
    requestsPerMinute: settings.requestsPerMinute,
    tokensPerMinute: settings.tokensPerMinute,
    onRetry: (event) =>
      logger.warn(
        `model request retry ${event.attempt}/${event.maxRetries} in ${Math.round(event.delayMs)} ms: ${event.reason}`,
      ),
  });
  return withResponseCache(model, {
    cache: { get: (key) => store.cacheGet(key), put: (key, value) => store.cachePut(key, value) },
    scope: baseUrl,
  });
}

/** The newest (or a given) version of the trained local model as a labeller. */
export async function loadLocalLabeller(ctx: ProjectContext, version?: number): Promise<Labeller> {
  const stored = await ctx.store.getModel(LOCAL_MODEL_NAME, version);
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
      store: ctx.store,
      embedder: isEmbeddingClassifierPayload(stored.payload) ? createLocalEmbedder(ctx) : undefined,
    }),
    version: stored.version,
    fields: ctx.config.fields,
  });
}

/**
 * The embedding model of `labeller.local.embeddings` (at its baseUrl, else OPENAI_BASE_URL, with
 * the key in its apiKeyEnv, else OPENAI_API_KEY), or undefined when hilo.yaml names none.
 */
export function createLocalEmbedder(ctx: ProjectContext): EmbeddingModel | undefined {
  const settings = ctx.config.labeller.local.embeddings;
  if (!settings) return undefined;
  const apiKey = ctx.env[settings.apiKeyEnv ?? 'OPENAI_API_KEY'];
  const baseUrl =
    settings.baseUrl ??
    ctx.env.OPENAI_BASE_URL ??
    (apiKey ? 'https://api.openai.com/v1' : undefined);
  if (!baseUrl) {
    throw new HiloError(
      'MODEL_UNAVAILABLE',
      'the local model reads embeddings: set labeller.local.embeddings.baseUrl or OPENAI_BASE_URL',
    );
  }
  return createOpenAiCompatibleEmbeddings({
    baseUrl,
    ...(apiKey ? { apiKey } : {}),
    model: settings.model,
    batchSize: settings.batchSize,
    cacheScope: baseUrl,
    prices: ctx.config.prices.models,
    onRetry: (event) =>
      ctx.logger.warn(
        `embedding request retry ${event.attempt}/${event.maxRetries} in ${Math.round(event.delayMs)} ms: ${event.reason}`,
      ),
  });
}

/** Runs `work` with the project open and always closes the store. */
export async function withProject<T>(
  dir: string,
  io: CliIo,
  work: (ctx: ProjectContext) => Promise<T>,
): Promise<T> {
  const ctx = await openProjectContext(dir, io);
  try {
    return await work(ctx);
  } finally {
    await ctx.close();
  }
}
