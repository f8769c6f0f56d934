import { classificationMetrics } from '../../core/metrics/classification-metrics.js';
import { confusionMatrix } from '../../core/metrics/confusion-matrix.js';
import type { Clock, EmbeddingModel, Logger, Store } from '../../core/ports/index.js';
import type { ProjectConfig } from '../../core/project.js';
import { HiloError } from '../../core/errors.js';
import type { PeopleStore } from '../../core/ports/people-store.js';
import type { Item, NewVote, Vote } from '../../core/types.js';
import { voteFilter } from '../votes/index.js';
import { itemText } from '../items/index.js';
import { LOCAL_MODEL_NAME, localSource, voteOf, type LabelOutcome } from '../label/index.js';
import { fitLocalModel } from './learn-local-fit.js';
import { localOutcome, topIndex } from './local-labeller.js';
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

/** Scores of a model on held-out items (role `test`) with trusted labels. */
export interface HeldOutScores {
  readonly items: number;
  readonly accuracy: number;
  readonly macroF1: number;
}

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
  /** Accuracy of the out-of-fold predictions on the training items (null without folds). */
  readonly crossFitAccuracy: number | null;
  /** Accuracy and macro-F1 on the test items with a trusted label (null when there are none). */
  readonly heldOut: HeldOutScores | null;
  readonly seconds: number;
  /** The trained model, as stored under `version`. */
  readonly model: LocalPredictor;
}

const PAGE = 5000;
const VERIFIED = new Set(['human', 'reviewer', 'aggregated', 'expert', 'gold']);

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
  const known = new Set(labelSet);
  const keep = (await voteFilter({ includeMachines: false, people: options.people })).keep;
  const training = await collectTraining(store, project.fields, known, keep);
  if (training.items.length < 2) {
    throw new HiloError(
      'INVALID_INPUT',
      `the local model needs labelled items to learn from; found ${training.items.length}. Import gold with \`hilo import FILE --role gold\``,
    );
  }
  const present = new Set(training.labels);
  if (present.size < 2) {
    throw new HiloError(
      'INVALID_INPUT',
      `the training labels cover only ${[...present].join(', ')}; at least two labels are needed`,
    );
  }
  const config = project.labeller.local;
  options.logger?.info(
    `training the local model on ${training.items.length} items (${present.size} of ${labelSet.length} labels present)`,
  );
  const folds = Math.min(options.folds ?? 5, minClassCount(training.labels));
  if (folds >= 2)
    options.logger?.info(
      `cross-fitting ${folds} folds for out-of-fold confidence on the training items`,
    );
  const fitted = await fitLocalModel({
    texts: training.texts,
    labels: training.labels,
    labelSet,
    config,
    folds,
    store,
    embedder: options.embedder,
  });
  const oof = fitted.outOfFold?.map((p) => localOutcome(labelSet, p, 0)) ?? null;
  let crossFitAccuracy: number | null = null;
  if (oof) {
    let right = 0;
    oof.forEach((outcome, i) => {
      if (outcome.label === training.labels[i]) right++;
    });
    crossFitAccuracy = right / oof.length;
  }
  const heldOut = await heldOutScores(store, project.fields, fitted.predictor);
  const { classifier } = fitted;
  const input = config.input;
  const createdAt = new Date(clock.now()).toISOString();
  const version = await store.saveModel({
    name: LOCAL_MODEL_NAME,
    payload: fitted.payload,
    metrics: {
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
    crossFitAccuracy,
    heldOut,
    seconds: (clock.now() - started) / 1000,
    model: fitted.predictor,
  };
}

/** Accuracy and macro-F1 of the model on test items with a trusted label, or null. */
async function heldOutScores(
  store: Store,
  fields: readonly string[],
  model: LocalPredictor,
): Promise<HeldOutScores | null> {
  const index = new Map(model.labelSet.map((l, k) => [l, k]));
  const gold: number[] = [];
  const predicted: number[] = [];
  let afterId: string | undefined;
  for (;;) {
    const page = await store.listItems({
      role: 'test',
      limit: PAGE,
      ...(afterId !== undefined ? { afterId } : {}),
    });
    if (page.length === 0) break;
    afterId = page[page.length - 1]?.id;
    const scored = page.filter((i) => i.goldLabel !== null && index.has(i.goldLabel));
    const probabilities = await model.predict(scored.map((i) => itemText(i, fields)));
    scored.forEach((item, i) => {
      gold.push(index.get(item.goldLabel as string) as number);
      predicted.push(topIndex(probabilities[i] as Float64Array));
    });
  }
  if (gold.length === 0) return null;
  const metrics = classificationMetrics(confusionMatrix(gold, predicted, model.labelSet.length));
  return { items: gold.length, accuracy: metrics.accuracy, macroF1: metrics.macroF1 };
}

async function collectTraining(
  store: Store,
  fields: readonly string[],
  known: ReadonlySet<string>,
  keep: (vote: Vote) => boolean,
) {
  const items: Item[] = [];
  const texts: string[] = [];
  const labels: string[] = [];
  let fromGold = 0;
  let fromDecisions = 0;
  let fromVotes = 0;
  let afterId: string | undefined;
  for (;;) {
    const page = await store.listItems({
      role: ['gold', 'pool'],
      limit: PAGE,
      ...(afterId !== undefined ? { afterId } : {}),
    });
    if (page.length === 0) break;
    afterId = page[page.length - 1]?.id;
    const { decided, answered } = await verifiedLabels(
      store,
      page.filter((i) => i.role === 'pool').map((i) => i.id),
      keep,
    );
    for (const item of page) {
      let label: string | null = null;
      if (item.role === 'gold') {
        label = item.goldLabel;
        if (label !== null) fromGold++;
      } else if (decided.has(item.id)) {
        label = decided.get(item.id) as string;
        fromDecisions++;
      } else if (answered.has(item.id)) {
        label = answered.get(item.id) as string;
        fromVotes++;
      }
      if (label === null || !known.has(label)) continue;
      items.push(item);
      texts.push(itemText(item, fields));
      labels.push(label);
    }
  }
  return { items, texts, labels, fromGold, fromDecisions: fromDecisions + fromVotes, fromVotes };
}

/**
 * Labels of pool items from verified decisions and, for items people answered that have no
 * verified decision yet (not aggregated yet), from the most common answer (ties left out), so a
 * running loop learns from answers as they arrive. Answers of discounted people are left out, as
 * aggregation leaves them out.
 */
async function verifiedLabels(
  store: Store,
  poolIds: readonly string[],
  keep: (vote: Vote) => boolean,
) {
  const decided = new Map<string, string>();
  const answered = new Map<string, string>();
  if (poolIds.length === 0) return { decided, answered };
  for (const d of await store.listDecisions({ itemIds: poolIds })) {
    if (VERIFIED.has(d.decidedBy) && d.label !== null) decided.set(d.itemId, d.label);
  }
  const open = poolIds.filter((id) => !decided.has(id));
  const counts = new Map<string, Map<string, number>>();
  const votes =
    open.length > 0 ? await store.listVotes({ itemIds: open, sourcePrefix: 'human:' }) : [];
  for (const vote of votes) {
    if (vote.label === null || !keep(vote)) continue;
    const tally = counts.get(vote.itemId) ?? new Map<string, number>();
    tally.set(vote.label, (tally.get(vote.label) ?? 0) + 1);
    counts.set(vote.itemId, tally);
  }
  for (const [itemId, tally] of counts) {
    const sorted = [...tally].sort((a, b) => b[1] - a[1]);
    const [first, second] = sorted;
    if (first && (!second || second[1] < first[1])) answered.set(itemId, first[0]);
  }
  return { decided, answered };
}

function minClassCount(labels: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return Math.min(...counts.values(), labels.length);
}
