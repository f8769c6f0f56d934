import { crossFitPredict } from '../core/local-model/cross-fit.js';
import {
  serializeLocalClassifier,
  trainLocalClassifier,
} from '../core/local-model/local-classifier.js';
import type { Clock, Logger, Store } from '../core/ports/index.js';
import type { ProjectConfig } from '../core/project.js';
import { HiloError } from '../core/errors.js';
import type { Item, NewVote } from '../core/types.js';
import { itemText } from './item-text.js';
import { voteOf, type LabelOutcome } from './labeller.js';
import { LOCAL_MODEL_NAME, localOutcome, localSource } from './local-labeller.js';

export interface LearnLocalOptions {
  readonly store: Store;
  readonly project: ProjectConfig;
  readonly clock: Clock;
  readonly logger?: Logger;
  /** Folds for out-of-fold votes on the training gold (0 = none). Default 5. */
  readonly folds?: number;
}

export interface LearnReport {
  readonly version: number;
  readonly source: string;
  readonly trainedOn: number;
  readonly fromGold: number;
  readonly fromDecisions: number;
  /** Accuracy of the out-of-fold predictions on the training items (null without folds). */
  readonly crossFitAccuracy: number | null;
  readonly seconds: number;
}

const PAGE = 5000;
const VERIFIED = new Set(['human', 'reviewer', 'aggregated', 'gold']);

/**
 * Trains the local labeller on gold items and verified decisions (human, reviewer, aggregated),
 * stores it as the next version of `local`, and stores out-of-fold votes for the training items
 * so their confidence comes from a model that did not see them (unbiased calibration).
 * Complexity: (folds + 1) trainings over the verified items; memory O(items × avg text).
 * @example const report = await learnLocal({ store, project, clock });
 */
export async function learnLocal(options: LearnLocalOptions): Promise<LearnReport> {
  const { store, project, clock } = options;
  const started = clock.now();
  const labelSet = project.labels.map((l) => l.name);
  const known = new Set(labelSet);
  const training = await collectTraining(store, project.fields, known);
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
  const model = trainLocalClassifier({
    texts: training.texts,
    labels: training.labels,
    labelSet,
    config,
  });

  const folds = Math.min(options.folds ?? 5, minClassCount(training.labels));
  let crossFitAccuracy: number | null = null;
  let oof: LabelOutcome[] | null = null;
  if (folds >= 2) {
    options.logger?.info(
      `cross-fitting ${folds} folds for out-of-fold confidence on the training items`,
    );
    oof = crossFitPredict({
      texts: training.texts,
      labels: training.labels,
      labelSet,
      config,
      folds,
      seed: config.seed,
    }).probabilities.map((p) => localOutcome(labelSet, p, 0));
    let right = 0;
    oof.forEach((outcome, i) => {
      if (outcome.label === training.labels[i]) right++;
    });
    crossFitAccuracy = right / oof.length;
  }

  const createdAt = new Date(clock.now()).toISOString();
  const version = await store.saveModel({
    name: LOCAL_MODEL_NAME,
    payload: serializeLocalClassifier(model),
    metrics: {
      crossFitAccuracy,
      folds,
      labels: labelSet.length,
      fromGold: training.fromGold,
      fromDecisions: training.fromDecisions,
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
    trainedOn: training.items.length,
    fromGold: training.fromGold,
    fromDecisions: training.fromDecisions,
    crossFitAccuracy,
    seconds: (clock.now() - started) / 1000,
  };
}

async function collectTraining(
  store: Store,
  fields: readonly string[],
  known: ReadonlySet<string>,
) {
  const items: Item[] = [];
  const texts: string[] = [];
  const labels: string[] = [];
  let fromGold = 0;
  let fromDecisions = 0;
  let afterId: string | undefined;
  for (;;) {
    const page = await store.listItems({
      role: ['gold', 'pool'],
      limit: PAGE,
      ...(afterId !== undefined ? { afterId } : {}),
    });
    if (page.length === 0) break;
    afterId = page[page.length - 1]?.id;
    const pool = page.filter((i) => i.role === 'pool');
    const decisions =
      pool.length > 0
        ? new Map(
            (await store.listDecisions({ itemIds: pool.map((i) => i.id) })).map((d) => [
              d.itemId,
              d,
            ]),
          )
        : new Map();
    for (const item of page) {
      let label: string | null = null;
      if (item.role === 'gold') {
        label = item.goldLabel;
        if (label !== null) fromGold++;
      } else {
        const d = decisions.get(item.id);
        if (d && VERIFIED.has(d.decidedBy) && d.label !== null) {
          label = d.label;
          fromDecisions++;
        }
      }
      if (label === null || !known.has(label)) continue;
      items.push(item);
      texts.push(itemText(item, fields));
      labels.push(label);
    }
  }
  return { items, texts, labels, fromGold, fromDecisions };
}

function minClassCount(labels: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return Math.min(...counts.values(), labels.length);
}
