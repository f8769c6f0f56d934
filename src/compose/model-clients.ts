import { HiloError } from '../core/errors.js';
import type { ChatModel, EmbeddingModel, Logger, Store } from '../core/ports/index.js';
import type { LlmLabellerConfig, ProjectConfig } from '../core/project.js';
import { withResponseCache } from '../llm/cached-model.js';
import { createOpenAiCompatibleEmbeddings } from '../llm/openai-compatible-embeddings.js';
import { createOpenAiCompatibleModel } from '../llm/openai-compatible-model.js';

/**
 * The process environment as the model clients read it (API keys and URLs).
 * @example const env: Env = { OPENAI_BASE_URL: 'http://127.0.0.1:8080/v1', OPENAI_API_KEY: 'sk-…' }
 */
export type Env = Readonly<Record<string, string | undefined>>;

const OPENAI_URL = 'https://api.openai.com/v1';

/**
 * The LLM behind OPENAI_BASE_URL / OPENAI_API_KEY (OpenAI itself when only the key is set), with
 * the project's limits and the store's response cache, so a resumed run pays for nothing twice.
 * @example const model = createChatModel({ env: process.env, store, settings: config.labeller.llm, logger })
 */
export function createChatModel(options: {
  readonly env: Env;
  readonly store: Store;
  readonly settings: LlmLabellerConfig;
  readonly logger: Logger;
}): ChatModel {
  const { env, store, settings, logger } = options;
  const baseUrl = env.OPENAI_BASE_URL ?? (env.OPENAI_API_KEY ? OPENAI_URL : undefined);
  if (!baseUrl) {
    throw new HiloError(
      'MODEL_UNAVAILABLE',
      'set OPENAI_BASE_URL (and OPENAI_API_KEY if the server needs one) to label with an LLM, or use --labeller local',
    );
  }
  const model = createOpenAiCompatibleModel({
    baseUrl,
    ...(env.OPENAI_API_KEY ? { apiKey: env.OPENAI_API_KEY } : {}),
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

/**
 * The embedding model of `labeller.local.embeddings` (at its baseUrl, else OPENAI_BASE_URL, with
 * the key in its apiKeyEnv, else OPENAI_API_KEY), or undefined when hilo.yaml names none.
 * @example const embedder = createLocalEmbedder({ config, env: process.env, logger })
 */
export function createLocalEmbedder(options: {
  readonly config: ProjectConfig;
  readonly env: Env;
  readonly logger: Logger;
}): EmbeddingModel | undefined {
  const { config, env, logger } = options;
  const settings = config.labeller.local.embeddings;
  if (!settings) return undefined;
  const apiKey = env[settings.apiKeyEnv ?? 'OPENAI_API_KEY'];
  const baseUrl = settings.baseUrl ?? env.OPENAI_BASE_URL ?? (apiKey ? OPENAI_URL : undefined);
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
    prices: config.prices.models,
    onRetry: (event) =>
      logger.warn(
        `embedding request retry ${event.attempt}/${event.maxRetries} in ${Math.round(event.delayMs)} ms: ${event.reason}`,
      ),
  });
}
