import { HiloError } from '../../core/errors.js';
import {
  deserializeEmbeddingClassifier,
  isEmbeddingClassifierPayload,
} from '../../core/local-model/embedding-classifier-payload.js';
import type { EmbeddingClassifier } from '../../core/local-model/embedding-classifier.js';
import { deserializeLocalClassifier } from '../../core/local-model/local-classifier.js';
import { deserializeOneVsRest, isOneVsRestPayload } from '../../core/local-model/one-vs-rest.js';
import {
  deserializePairwiseClassifier,
  isPairwisePayload,
} from '../../core/local-model/pairwise-classifier.js';
import type { EmbeddingModel, Store } from '../../core/ports/index.js';
import { embedTexts } from './embed-texts.js';

/**
 * A trained local model seen from the pipeline: texts in, rows over the labels out (a
 * distribution; for multi-label, P(label applies) per label).
 */
export interface LocalPredictor {
  /** The project's labels, in the order of every distribution. */
  readonly labelSet: readonly string[];
  /** Number of training items. */
  readonly trainedOn: number;
  /** One distribution per text (embedding models fetch or read the texts' vectors first). */
  predict(texts: readonly string[]): Promise<Float64Array[]>;
}

/** Any model over texts: a local classifier, a one-vs-rest or a pairwise model. */
export interface TextModel {
  readonly labelSet: readonly string[];
  readonly trainedOn: number;
  predict(texts: readonly string[]): { probabilities: Float64Array[] };
}

/**
 * A text model as a predictor.
 * @example await textPredictor(model).predict(['card lost'])
 * Complexity: that of `model.predict`.
 */
export function textPredictor(model: TextModel): LocalPredictor {
  return {
    labelSet: model.labelSet,
    trainedOn: model.trainedOn,
    predict: (texts) => Promise.resolve(model.predict(texts).probabilities),
  };
}

/** Where an embedding predictor gets its vectors: the model, through the store's cache. */
export interface EmbeddingSource {
  readonly store: Store;
  readonly embedder: EmbeddingModel;
}

/**
 * A classifier over embeddings as a predictor of texts: each text's vector is read from the
 * store's cache or fetched (and cached) first.
 * @example await embeddingPredictor(model, { store, embedder }).predict(['card lost'])
 * Complexity: one embedTexts call plus O(D × K) per text.
 * @throws HiloError CONFLICT when the embedder is not the one the model was trained on.
 */
export function embeddingPredictor(
  model: EmbeddingClassifier,
  source: EmbeddingSource,
): LocalPredictor {
  if (source.embedder.cacheKey !== model.embeddingModel) {
    throw new HiloError(
      'CONFLICT',
      `the local model was trained on embeddings of ${model.embeddingModel}, but labeller.local.embeddings gives ${source.embedder.cacheKey}: run \`hilo learn\` again`,
    );
  }
  return {
    labelSet: model.labelSet,
    trainedOn: model.trainedOn,
    predict: async (texts) => {
      const { vectors } = await embedTexts({ ...source, model: source.embedder, texts });
      return model.predict(vectors).probabilities;
    },
  };
}

/**
 * A stored local model (any format `hilo learn` writes) as a predictor; one trained on
 * embeddings needs the embedding source.
 * @example const predictor = loadLocalPredictor(stored.payload, { store, embedder });
 * Complexity: that of deserialization, O(model size).
 * @throws HiloError INVALID_INPUT for a damaged payload or an embedding model without a source.
 */
export function loadLocalPredictor(
  payload: string,
  source: { readonly store: Store; readonly embedder?: EmbeddingModel | undefined },
): LocalPredictor {
  if (isOneVsRestPayload(payload)) return textPredictor(deserializeOneVsRest(payload));
  if (isPairwisePayload(payload)) return textPredictor(deserializePairwiseClassifier(payload));
  if (!isEmbeddingClassifierPayload(payload)) {
    return textPredictor(deserializeLocalClassifier(payload));
  }
  const model = deserializeEmbeddingClassifier(payload);
  if (!source.embedder) {
    throw new HiloError(
      'INVALID_INPUT',
      `the local model reads embeddings of ${model.embeddingModel}: set labeller.local.embeddings in hilo.yaml`,
    );
  }
  return embeddingPredictor(model, { store: source.store, embedder: source.embedder });
}
