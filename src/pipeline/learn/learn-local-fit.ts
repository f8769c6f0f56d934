import { HiloError } from '../../core/errors.js';
import { crossFitPredict, stratifiedFolds } from '../../core/local-model/cross-fit.js';
import { serializeEmbeddingClassifier } from '../../core/local-model/embedding-classifier-payload.js';
import { trainEmbeddingClassifier } from '../../core/local-model/embedding-classifier.js';
import {
  serializeLocalClassifier,
  trainLocalClassifier,
} from '../../core/local-model/local-classifier.js';
import type { EmbeddingModel, Store } from '../../core/ports/index.js';
import type { LocalLabellerConfig } from '../../core/project.js';
import { createRng } from '../../core/rng.js';
import type { TaskKind } from '../../core/types.js';
import { embedTexts } from './embed-texts.js';
import { fitOneVsRest, fitPairwise } from './learn-local-kinds.js';
import type { FittedLocal } from './fitted-local.js';
import { embeddingPredictor, textPredictor } from './local-predictor.js';

export type { FittedLocal } from './fitted-local.js';

export interface FitLocalOptions {
  /** The project's kind: multi-label trains one model per label, pairwise a symmetric one. */
  readonly kind?: TaskKind;
  readonly texts: readonly string[];
  /** One label per text; a multi-label item's set code. */
  readonly labels: readonly string[];
  readonly labelSet: readonly string[];
  readonly config: LocalLabellerConfig;
  /** Folds for out-of-fold predictions; below 2, none. */
  readonly folds: number;
  /** The store whose cache holds the texts' vectors (`input: embeddings`). */
  readonly store: Store;
  /** The embedding model (`labeller.local.embeddings`); needed when `config.input` is `embeddings`. */
  readonly embedder?: EmbeddingModel | undefined;
}

/**
 * Trains the local model the config describes on labelled texts — over hashed TF-IDF (one
 * yes/no model per label for multi-label, a side-symmetric model for pairwise), or over
 * the texts' embeddings (read from the store's cache, fetched once otherwise) when
 * `config.input` is `embeddings` — with out-of-fold predictions for the training items when
 * `folds` ≥ 2.
 * @example const { predictor, payload, outOfFold } = await fitLocalModel({ texts, labels, labelSet, config, folds: 5, store });
 * Complexity: folds + 1 trainings, plus one embedTexts call over the texts for embeddings.
 * @throws HiloError INVALID_INPUT when the config asks for embeddings and no embedder is given.
 */
export async function fitLocalModel(options: FitLocalOptions): Promise<FittedLocal> {
  const { texts, labels, labelSet, config, folds } = options;
  const kind = options.kind ?? 'classify';
  if (config.input === 'embeddings') {
    if (kind === 'multilabel' || kind === 'pairwise') {
      throw new HiloError(
        'INVALID_INPUT',
        `labeller.local.input: embeddings is not available for kind ${kind}; use input: text`,
      );
    }
    return fitOnEmbeddings(options);
  }
  if (kind === 'multilabel') return fitOneVsRest(options);
  if (kind === 'pairwise') return fitPairwise(options);
  const model = trainLocalClassifier({ texts, labels, labelSet, config });
  const outOfFold =
    folds >= 2
      ? crossFitPredict({ texts, labels, labelSet, config, folds, seed: config.seed }).probabilities
      : null;
  return {
    predictor: textPredictor(model),
    payload: serializeLocalClassifier(model),
    classifier: model.state.kind,
    outOfFold,
  };
}

async function fitOnEmbeddings(options: FitLocalOptions): Promise<FittedLocal> {
  const { texts, labels, labelSet, config, folds, store, embedder } = options;
  if (!embedder) {
    throw new HiloError(
      'INVALID_INPUT',
      'labeller.local.input is embeddings but no embedding model was given (labeller.local.embeddings)',
    );
  }
  const { vectors } = await embedTexts({ store, model: embedder, texts });
  const train = (rows: readonly Float32Array[], rowLabels: readonly string[], seed: number) =>
    trainEmbeddingClassifier({
      vectors: rows,
      labels: rowLabels,
      labelSet,
      config,
      embeddingModel: embedder.cacheKey,
      rng: createRng(seed),
    });
  const model = train(vectors, labels, config.seed);
  let outOfFold: Float64Array[] | null = null;
  if (folds >= 2) {
    // The same stratified folds as the TF-IDF path's cross-fitting, each predicted by a model
    // fitted on the other folds only.
    const rng = createRng(config.seed);
    const fold = stratifiedFolds(labels, folds, rng);
    const out = new Array<Float64Array>(texts.length);
    for (let f = 0; f < folds; f++) {
      const inFold = (i: number): boolean => fold[i] === f;
      const trainIds = [...labels.keys()].filter((i) => !inFold(i));
      const heldOut = [...labels.keys()].filter(inFold);
      const foldModel = train(
        trainIds.map((i) => vectors[i] as Float32Array),
        trainIds.map((i) => labels[i] as string),
        rng.int(0x100000000),
      );
      const predicted = foldModel.predict(heldOut.map((i) => vectors[i] as Float32Array));
      heldOut.forEach((i, j) => (out[i] = predicted.probabilities[j] as Float64Array));
    }
    outOfFold = out;
  }
  return {
    predictor: embeddingPredictor(model, { store, embedder }),
    payload: serializeEmbeddingClassifier(model),
    classifier: model.kind,
    outOfFold,
  };
}
