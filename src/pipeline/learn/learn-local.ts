import type { Clock, EmbeddingModel, Logger, Store } from '../../core/ports/index.js';
import type { ProjectConfig } from '../../core/project.js';
import { HiloError } from '../../core/errors.js';
import type { PeopleStore } from '../../core/ports/people-store.js';
import {
  answerScore,
  decodeLabelSet,
  measureName,
  taskShapeOf,
} from '../../core/task-kind/index.js';
import type { NewVote } from '../../core/types.js';
import { voteFilter } from '../votes/index.js';
import { LOCAL_MODEL_NAME, localSource, voteOf, type LabelOutcome } from '../label/index.js';
import { fitLocalModel } from './learn-local-fit.js';
import { heldOutScores, type HeldOutScores } from './learn-held-out.js';
import { collectTraining } from './learn-training.js';
import { localOutcome } from './local-labeller.js';
import type { LocalPredictor } from './local-predictor.js';

export interface LearnLocalOptions {
  readonly store: Store;
  readonly project: ProjectConfig;
  readonly clock: Clock;
  readonly logger?: Logger;
  /** Folds for out-of-fold votes on the training gold (0 = none). Default 5. */
  readonly folds?: number;
  /** The embedding model, for `labeller.local.input: embeddings`. */
  readonly embedder?: EmbeddingModel | undefined;
  /** Where discounted people are looked up: their answers do not teach the model. */
  readonly people?: Pick<PeopleStore, 'listAnnotators'> | undefined;
}

export type { HeldOutScores } from './learn-held-out.js';

export interface LearnReport {
  readonly version: number;
  readonly source: string;
  /** `logistic` or `mlp`. */
  readonly classifier: string;
  /** What the classifier reads: `text` (hashed TF-IDF) or `embeddings`. */
  readonly input: 'text' | 'embeddings';
  readonly trainedOn: number;
  readonly fromGold: number;
  /** Pool items with a verified decision or people's answers (those included). */
  readonly fromDecisions: number;
  /** Pool items labelled by people's answers that have no verified decision yet. */
  readonly fromVotes: number;
  /** What accuracy means for the project's kind and measure, e.g. `exact-set accuracy`. */
  readonly measure: string;
  /** Accuracy (under `measure`) of the out-of-fold answers on the training items (null without folds). */
  readonly crossFitAccuracy: number | null;
  /** Accuracy (under `measure`) and macro-F1 on the test items with a trusted label (null when there are none). */
  readonly heldOut: HeldOutScores | null;
  readonly seconds: number;
  /** The trained model, as stored under `version`. */
  readonly model: LocalPredictor;
}

/**
 * Trains the local labeller (the classifier `labeller.local.classifier` names) on gold items and
 * verified decisions (human, reviewer, aggregated; people's answers not aggregated yet count
 * by their most common label), stores it as the next version of `local`
 * with its gold scores (cross-fitted accuracy; accuracy and macro-F1 on the test items when
 * there are any), and stores out-of-fold votes for the training items so their confidence comes
 * from a model that did not see them (unbiased calibration).
 * Complexity: (folds + 1) trainings over the verified items plus one prediction per test item;
 * memory O(items × avg text).
 * @example const report = await learnLocal({ store, project, clock });
 */
export async function learnLocal(options: LearnLocalOptions): Promise<LearnReport> {
  const { store, project, clock } = options;
  const started = clock.now();
  const labelSet = project.labels.map((l) => l.name);
  const shape = taskShapeOf(project);
  const keep = (await voteFilter({ includeMachines: false, people: options.people })).keep;
  const training = await collectTraining(store, project, keep);
  if (training.items.length < 2) {
    throw new HiloError(
      'INVALID_INPUT',
      `the local model needs labelled items to learn from; found ${training.items.length}. Import gold with \`hilo import FILE --role gold\``,
    );
  }
  const present = new Set(
    shape.kind === 'multilabel'
      ? training.labels.flatMap((code) => decodeLabelSet(code, labelSet))
      : training.labels,
  );
  if (shape.kind === 'multilabel' && present.size === 0) {
    throw new HiloError(
      'INVALID_INPUT',
      'no training item carries any label: the one-vs-rest model needs items with labels',
    );
  }
  if (present.size < 2 && shape.kind !== 'multilabel') {
    throw new HiloError(
      'INVALID_INPUT',
      `the training labels cover only ${[...present].join(', ')}; at least two labels are needed`,
    );
  }
  const config = project.labeller.local;
  options.logger?.info(
    `training the local model on ${training.items.length} items (${present.size} of ${labelSet.length} labels present)`,
  );
  // A multi-label item's set is rarely shared by many items: its folds are only stratified as
  // far as the sets allow.
  const folds = Math.min(
    options.folds ?? 5,
    shape.kind === 'multilabel' ? training.labels.length : minClassCount(training.labels),
  );
  if (folds >= 2)
    options.logger?.info(
      `cross-fitting ${folds} folds for out-of-fold confidence on the training items`,
    );
  const fitted = await fitLocalModel({
    kind: shape.kind,
    texts: training.texts,
    labels: training.labels,
    labelSet,
    config,
    folds,
    store,
    embedder: options.embedder,
  });
  const oof = fitted.outOfFold?.map((p) => localOutcome(shape, p, 0)) ?? null;
  let crossFitAccuracy: number | null = null;
  if (oof) {
    let right = 0;
    oof.forEach((outcome, i) => {
      right += answerScore(shape, outcome.label as string, training.labels[i] as string);
    });
    crossFitAccuracy = right / oof.length;
  }
  const heldOut = await heldOutScores({ store, project, shape, model: fitted.predictor });
  const { classifier } = fitted;
  const input = config.input;
  const createdAt = new Date(clock.now()).toISOString();
  const version = await store.saveModel({
    name: LOCAL_MODEL_NAME,
    payload: fitted.payload,
    metrics: {
      kind: shape.kind,
      measure: measureName(shape),
      classifier,
      input,
      crossFitAccuracy,
      heldOut,
      folds,
      labels: labelSet.length,
      fromGold: training.fromGold,
      fromDecisions: training.fromDecisions,
      fromVotes: training.fromVotes,
    },
    trainedOn: training.items.length,
    createdAt,
  });
  const source = localSource(version);
  if (oof) {
    const outcomes = oof;
    const rationale = `out-of-fold prediction (${folds}-fold cross-fit)`;
    const votes: NewVote[] = training.items.map((item, i) =>
      voteOf(
        { itemId: item.id, source, runId: null, createdAt },
        { ...(outcomes[i] as LabelOutcome), rationale },
      ),
    );
    await store.transaction(async (tx) => {
      for (let i = 0; i < votes.length; i += 1000) await tx.addVotes(votes.slice(i, i + 1000));
    });
  }
  return {
    version,
    source,
    classifier,
    input,
    trainedOn: training.items.length,
    fromGold: training.fromGold,
    fromDecisions: training.fromDecisions,
    fromVotes: training.fromVotes,
    measure: measureName(shape),
    crossFitAccuracy,
    heldOut,
    seconds: (clock.now() - started) / 1000,
    model: fitted.predictor,
  };
}

function minClassCount(labels: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return Math.min(...counts.values(), labels.length);
}
