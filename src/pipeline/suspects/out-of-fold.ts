import { HiloError } from '../../core/errors.js';
import { crossFitPredict, crossFitWith } from '../../core/local-model/cross-fit.js';
import { trainEmbeddingClassifier } from '../../core/local-model/embedding-classifier.js';
import type { EmbeddingModel, Store } from '../../core/ports/index.js';
import type { LocalLabellerConfig } from '../../core/project.js';
import { embedTexts } from '../learn/index.js';

export interface OutOfFoldOptions {
  readonly texts: readonly string[];
  readonly labels: readonly string[];
  readonly labelSet: readonly string[];
  /** The project's local model (`labeller.local`): TF-IDF or embeddings, logistic or MLP. */
  readonly config: LocalLabellerConfig;
  readonly folds: number;
  /** Holds the embedding cache (`input: embeddings`). */
  readonly store: Store;
  readonly embedder?: EmbeddingModel | undefined;
  readonly onFold?: (done: number, folds: number) => void;
}

/**
 * Every item's distribution from the project's local model trained, fold by fold, on the other
 * items only — the input confident learning needs, since a model that saw a label agrees with it.
 * @example const probabilities = await outOfFold({ texts, labels, labelSet, config, folds: 5, store });
 * Complexity: `folds` trainings on (folds − 1)/folds of the items (plus one embedTexts call for embeddings).
 * @throws HiloError INVALID_INPUT when the config reads embeddings and no embedder is given.
 */
export async function outOfFold(options: OutOfFoldOptions): Promise<Float64Array[]> {
  const { texts, labels, labelSet, config, folds } = options;
  const onFold = options.onFold ? { onFold: options.onFold } : {};
  if (config.input !== 'embeddings') {
    return crossFitPredict({ texts, labels, labelSet, config, folds, seed: config.seed, ...onFold })
      .probabilities;
  }
  const { embedder } = options;
  if (!embedder) {
    throw new HiloError(
      'INVALID_INPUT',
      'labeller.local.input is embeddings but no embedding model was given (labeller.local.embeddings)',
    );
  }
  const { vectors } = await embedTexts({ store: options.store, model: embedder, texts });
  return crossFitWith({
    inputs: vectors,
    labels,
    folds,
    seed: config.seed,
    ...onFold,
    fit: (rows, rowLabels, rng) =>
      trainEmbeddingClassifier({
        vectors: rows,
        labels: rowLabels,
        labelSet,
        config,
        embeddingModel: embedder.cacheKey,
        rng,
      }),
  }).probabilities;
}
