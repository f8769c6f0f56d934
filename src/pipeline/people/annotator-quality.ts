import { readCrowd, type CrowdSnapshot } from './crowd-snapshot.js';
import { labelSetQuality, ratesTable } from './label-set-quality.js';
import { readLabelSetCrowd } from './label-set-snapshot.js';
import { humanSource, type PeopleContext } from './people-context.js';
import { peopleDashboard, type AnnotatorStats } from './people-dashboard.js';

/** P(answer | truth) by label names: `matrix[truth][given]`. */
export type ConfusionTable = Record<string, Record<string, number>>;

/** A person's record with what Dawid-Skene makes of their votes. */
export interface AnnotatorQuality extends AnnotatorStats {
  /** Their votes in the fit. */
  readonly fittedVotes: number;
  /** Expected accuracy Σ_k prior_k π[k, k] of their fitted confusion matrix; null without votes. */
  readonly estimatedAccuracy: number | null;
  /** Fewer votes than the overlap check trusts: it judges them by the crowd's pooled matrix. */
  readonly usesPooled: boolean;
  /** Their fitted confusion matrix; null without votes. */
  readonly confusion: ConfusionTable | null;
}

/** Every person's quality, and the crowd's pooled matrix. */
export interface QualityReport {
  readonly annotators: readonly AnnotatorQuality[];
  readonly pooled: ConfusionTable;
  /** Votes the fit saw (people and machine labellers). */
  readonly votes: number;
}

/**
 * Each person's dashboard record (answers, speed, control accuracy with its Wilson interval)
 * joined with their Dawid-Skene confusion matrix fitted on all the project's votes (machine
 * labellers as soft votes, gold and controls clamped). Discounted people are fitted too, so
 * that their matrix shows why. A multi-label project's people are judged on yes/no questions
 * instead (`label-set-quality.ts`): a two-way table of their sensitivity and specificity.
 * @example const { annotators } = await annotatorQuality(ctx); annotators[0].estimatedAccuracy;
 * Complexity: the dashboard plus one fit, O((K × votes + annotators × K²) × sweeps).
 */
export async function annotatorQuality(ctx: PeopleContext): Promise<QualityReport> {
  const stats = await peopleDashboard(ctx);
  if (ctx.project.kind === 'multilabel') {
    const sets = await readLabelSetCrowd({
      store: ctx.store,
      labels: ctx.project.labels.map((l) => l.name),
      keepDiscounted: true,
    });
    return {
      annotators: stats.annotators.map((person) => ({
        ...person,
        ...labelSetQuality(sets, humanSource(person.id)),
      })),
      pooled: ratesTable(sets.fit.pooled),
      votes: sets.votes,
    };
  }
  const crowd = await readCrowd({
    store: ctx.store,
    labels: ctx.project.labels.map((l) => l.name),
    people: ctx.store.people,
    keepDiscounted: true,
  });
  const bySource = new Map(crowd.annotators.map((a) => [a.source, a]));
  const annotators = stats.annotators.map((person): AnnotatorQuality => {
    const fitted = bySource.get(humanSource(person.id));
    return {
      ...person,
      fittedVotes: fitted?.votes ?? 0,
      estimatedAccuracy: fitted?.accuracy ?? null,
      usesPooled: fitted?.pooled ?? true,
      confusion: fitted ? confusionTable(crowd, fitted.row) : null,
    };
  });
  return { annotators, pooled: confusionTable(crowd, crowd.pooledRow), votes: crowd.votes };
}

/**
 * Row `row` of a snapshot's matrices by label names.
 * @example confusionTable(crowd, crowd.pooledRow).spam.ham // P(says ham | is spam)
 * Complexity: O(K²).
 */
export function confusionTable(crowd: CrowdSnapshot, row: number): ConfusionTable {
  const K = crowd.numClasses;
  const out: ConfusionTable = {};
  crowd.labels.forEach((truth, k) => {
    const cells: Record<string, number> = {};
    crowd.labels.forEach((given, l) => {
      cells[given] = crowd.confusion[(row * K + k) * K + l] as number;
    });
    out[truth] = cells;
  });
  return out;
}
