import { projectSparseRows } from '../../core/active-learning/project-sparse-rows.js';
import { diverseSample } from '../../core/active-learning/diverse-sample.js';
import type { PoolEmbeddings } from '../../core/active-learning/pool-data.js';
import {
  createQueryStrategy,
  type QueryStrategyName,
} from '../../core/active-learning/query-strategy.js';
import { randomSample } from '../../core/active-learning/top-scored.js';
import { percent } from '../../core/format/format-number.js';
import type { Logger } from '../../core/ports/runtime.js';
import type { LocalLabellerConfig } from '../../core/project.js';
import { createRng } from '../../core/rng.js';
import {
  accuracyOf,
  argmaxRows,
  featurizeForSimulation,
  predictItems,
  trainOnItems,
  type SimulationFeatures,
} from './simulate-model.js';
import { stratifiedSplit, subSeed } from './simulate-split.js';

/** One point of a learning curve: held-out accuracy after training on `labels` items. */
export interface AlRound {
  readonly labels: number;
  readonly accuracy: number;
}

/** A data set prepared for one repetition: split, featurized, embedded. */
export interface AlStage {
  readonly classes: Int32Array;
  readonly classCount: number;
  /** Data indexes of the pool and of the held-out test items. */
  readonly pool: Int32Array;
  readonly test: Int32Array;
  readonly features: SimulationFeatures;
  /** Pool-indexed embeddings, when a strategy or the cold start needs them. */
  readonly embeddings: PoolEmbeddings | undefined;
  /** Pool indexes of the initial labelled set, shared by every strategy. */
  readonly initial: Int32Array;
  /** Pool indexes of the unlabelled stop set of the stopping rule. */
  readonly stopSet: Int32Array;
  readonly config: LocalLabellerConfig;
  readonly seed: number;
}

export interface AlStageOptions {
  readonly texts: readonly string[];
  readonly classes: Int32Array;
  readonly classCount: number;
  readonly testShare: number;
  readonly initial: number;
  readonly coldStart: 'random' | 'diverse';
  readonly needsEmbeddings: boolean;
  readonly embeddingDimension: number;
  readonly stopSetSize: number;
  readonly config: LocalLabellerConfig;
  readonly seed: number;
}

/**
 * Splits, featurizes (IDF fitted on the pool texts only), embeds the pool by a sparse random
 * projection of its TF-IDF rows, and draws the initial set (uniform or diverse) and the stop
 * set, all from `seed`. Complexity: one featurization of every text + O(pool × d).
 */
export function prepareAlStage(options: AlStageOptions): AlStage {
  const { texts, classes, seed } = options;
  const { pool, test } = stratifiedSplit(
    classes,
    options.testShare,
    createRng(subSeed(seed, 'split')),
  );
  const features = featurizeForSimulation(texts, pool, options.config);
  const embeddings =
    options.needsEmbeddings || options.coldStart === 'diverse'
      ? projectSparseRows(
          Array.from(pool, (i) => features.vectors[i] as SimulationFeatures['vectors'][number]),
          { dimension: options.embeddingDimension, seed: subSeed(seed, 'projection') },
        )
      : undefined;
  const initialRng = createRng(subSeed(seed, 'initial'));
  const initial =
    options.coldStart === 'diverse' && embeddings
      ? diverseSample({ embeddings, count: options.initial, rng: initialRng })
      : randomSample(pool.length, options.initial, initialRng);
  const stopSet = randomSample(
    pool.length,
    options.stopSetSize,
    createRng(subSeed(seed, 'stop-set')),
  );
  return { ...options, pool, test, features, embeddings, initial, stopSet };
}

/**
 * Accuracy on the test items of the model trained on the whole pool: the ceiling a learning
 * curve is measured against. Complexity: one training on the pool.
 */
export function fullDataAccuracy(stage: AlStage): number {
  const model = trainOnItems({
    features: stage.features,
    items: stage.pool,
    labels: stage.classes,
    classCount: stage.classCount,
    config: stage.config,
    rng: createRng(subSeed(stage.seed, 'full-data')),
  });
  return testAccuracy(stage, model);
}

export interface AlRunResult {
  readonly rounds: AlRound[];
  /** Stop-set predictions after each round (for the stopping rule). */
  readonly stopPredictions: Int32Array[];
}

/**
 * One strategy's learning curve: train on the labelled items, measure on the test items,
 * score the pool, label the selected batch with its true labels, repeat `rounds` times (fewer
 * if the pool runs out). Complexity: per round one training on the labelled items, one
 * prediction of pool and test items, and the strategy's own cost.
 */
export function runAlStrategy(
  stage: AlStage,
  options: {
    readonly strategy: QueryStrategyName;
    readonly batch: number;
    readonly rounds: number;
    /** Stop as soon as held-out accuracy reaches this (the curve is then shorter). */
    readonly stopAt?: number;
    readonly logger?: Logger;
  },
): AlRunResult {
  const { pool, classCount: K } = stage;
  const n = pool.length;
  const strategy = createQueryStrategy(options.strategy, {
    size: n,
    ...(stage.embeddings ? { embeddings: stage.embeddings } : {}),
  });
  const rng = createRng(subSeed(stage.seed, `strategy:${options.strategy}`));
  const labelled = new Uint8Array(n);
  const chosen: number[] = [];
  const label = (items: ArrayLike<number>): void => {
    for (let a = 0; a < items.length; a++) {
      const i = items[a] as number;
      labelled[i] = 1;
      chosen.push(pool[i] as number);
    }
    strategy.addLabelled(items);
  };
  label(stage.initial);
  const rounds: AlRound[] = [];
  const stopPredictions: Int32Array[] = [];
  for (let round = 0; ; round++) {
    const model = trainOnItems({
      features: stage.features,
      items: chosen,
      labels: stage.classes,
      classCount: K,
      config: stage.config,
      // Seeded by the round, not the strategy: the same labelled set gives the same model, so
      // every strategy's curve starts from the same point.
      rng: createRng(subSeed(stage.seed, `train:${round}`)),
    });
    const accuracy = testAccuracy(stage, model);
    rounds.push({ labels: chosen.length, accuracy });
    options.logger?.info(
      `al ${options.strategy}: round ${round}/${options.rounds}, ${chosen.length} labels, accuracy ${percent(accuracy)}`,
    );
    const done = options.stopAt !== undefined && accuracy >= options.stopAt;
    if (round === options.rounds || chosen.length >= n || done) {
      stopPredictions.push(
        argmaxRows(
          predictItems(
            model,
            stage.features,
            Array.from(stage.stopSet, (i) => pool[i] as number),
          ),
          K,
        ),
      );
      break;
    }
    const probabilities = predictItems(model, stage.features, pool);
    stopPredictions.push(Int32Array.from(stage.stopSet, (i) => argmaxOf(probabilities, i, K)));
    label(
      strategy.select({
        predictions: { probabilities, classCount: K },
        labelled,
        count: options.batch,
        rng,
      }),
    );
  }
  return { rounds, stopPredictions };
}

function testAccuracy(stage: AlStage, model: ReturnType<typeof trainOnItems>): number {
  const predicted = argmaxRows(predictItems(model, stage.features, stage.test), stage.classCount);
  return accuracyOf(
    predicted,
    Int32Array.from(stage.test, (i) => stage.classes[i] as number),
  );
}

function argmaxOf(p: Float64Array, row: number, K: number): number {
  const o = row * K;
  let best = 0;
  for (let k = 1; k < K; k++) if ((p[o + k] as number) > (p[o + best] as number)) best = k;
  return best;
}
