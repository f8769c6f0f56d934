import { HiloError } from '../../core/errors.js';
import { findLabelIssues, type LabelIssueRanking } from '../../core/label-errors/index.js';
import type { EmbeddingModel, Logger, Progress, Store } from '../../core/ports/index.js';
import type { Annotator } from '../../core/ports/people-store.js';
import type { ProjectConfig } from '../../core/project.js';
import type { DecidedBy, Fields, Vote } from '../../core/types.js';
import { collectLabels } from './collect-labels.js';
import { outOfFold } from './out-of-fold.js';

export interface FindSuspectsOptions {
  readonly store: Store;
  readonly project: ProjectConfig;
  /** Suspects to return with evidence, likeliest first. Default 20. */
  readonly top?: number;
  /** Folds of the cross-fit. Default 5. */
  readonly folds?: number;
  /** Default `self-confidence`. */
  readonly rankBy?: LabelIssueRanking;
  readonly embedder?: EmbeddingModel | undefined;
  /** Where `human:` sources get their names. */
  readonly people?: { listAnnotators(): Promise<Annotator[]> } | undefined;
  readonly progress?: Progress | undefined;
  readonly logger?: Logger | undefined;
}

/** One vote behind a final label: who or what gave it. */
export interface SuspectVote {
  readonly source: string;
  /** The person's name for `human:` sources, else the source. */
  readonly who: string;
  readonly label: string | null;
  /** The probability the voter gave its label, when it gave a distribution. */
  readonly probability: number | null;
}

/** An item whose final label is likely wrong, with the evidence. */
export interface Suspect {
  readonly itemId: string;
  readonly fields: Fields;
  readonly given: string;
  readonly suggested: string;
  /** Out-of-fold probability of the given label. */
  readonly selfConfidence: number;
  /** Out-of-fold probability of the suggested label. */
  readonly suggestedProbability: number;
  readonly normalizedMargin: number;
  readonly decidedBy: DecidedBy;
  readonly decisionSource: string;
  readonly votes: readonly SuspectVote[];
}

export interface SuspectsReport {
  /** Items with a final label the model was cross-fitted on. */
  readonly checked: number;
  /** Of those, expert (gold, control) and reviewer labels: they teach the model but are never listed. */
  readonly trusted: number;
  readonly folds: number;
  /** What the model reads: `text` (hashed TF-IDF) or `embeddings`. */
  readonly input: 'text' | 'embeddings';
  readonly classifier: string;
  readonly rankBy: LabelIssueRanking;
  /** Per-class threshold t_j; null for a label no item carries. */
  readonly thresholds: Readonly<Record<string, number | null>>;
  /** Estimated wrong labels among the checked items (off-diagonal of the calibrated joint). */
  readonly estimatedErrors: number;
  /** Candidates flagged by pruning by noise rate. */
  readonly flagged: number;
  /** The first `top` flagged, likeliest error first. */
  readonly suspects: Suspect[];
}

/**
 * Label-error detection on final labels by confident learning (Northcutt et al. 2021): the
 * project's local model is cross-fitted on every final label (`collectLabels`), and the items
 * whose given label the out-of-fold predictions confidently contradict are flagged and ranked;
 * the first `top` come with the votes behind their label. Progress is reported per fold.
 * @example const report = await findSuspects({ store, project, top: 20 });
 * Complexity: `folds` trainings of the local model on the labelled items, plus O(n × K).
 * @throws HiloError INVALID_INPUT with fewer labelled items than folds or fewer than two labels.
 */
export async function findSuspects(options: FindSuspectsOptions): Promise<SuspectsReport> {
  const { store, project } = options;
  const labelSet = project.labels.map((l) => l.name);
  const labelled = await collectLabels(store, project.fields, new Set(labelSet));
  const folds = options.folds ?? 5;
  const present = new Set(labelled.map((l) => l.label));
  if (labelled.length < Math.max(folds, 2) || present.size < 2) {
    throw new HiloError(
      'INVALID_INPUT',
      `label-error detection needs final labels on at least ${Math.max(folds, 2)} items and two labels; found ${labelled.length} items with ${present.size} label(s): run \`hilo aggregate\` or \`hilo route\` first`,
    );
  }
  const config = project.labeller.local;
  options.logger?.info(
    `cross-fitting the local model (${config.classifier} over ${config.input}) on ${labelled.length} final labels, ${folds} folds`,
  );
  options.progress?.start('folds', folds);
  const probabilities = await outOfFold({
    texts: labelled.map((l) => l.text),
    labels: labelled.map((l) => l.label),
    labelSet,
    config,
    folds,
    store,
    embedder: options.embedder,
    onFold: (done) => options.progress?.update(done),
  });
  options.progress?.finish();
  const index = new Map(labelSet.map((l, k) => [l, k]));
  const given = Int32Array.from(labelled, (l) => index.get(l.label) as number);
  const rankBy = options.rankBy ?? 'self-confidence';
  const result = findLabelIssues({ probabilities, given, classes: labelSet.length, rankBy });
  const issues = result.issues.filter((issue) => labelled[issue.index]?.candidate === true);
  const top = issues.slice(0, options.top ?? 20);
  const ids = top.map((issue) => (labelled[issue.index] as { item: { id: string } }).item.id);
  const votes = ids.length > 0 ? await store.listVotes({ itemIds: ids }) : [];
  const names = new Map((await options.people?.listAnnotators())?.map((a) => [a.id, a.name]));
  const suspects = top.map((issue): Suspect => {
    const entry = labelled[issue.index] as (typeof labelled)[number];
    return {
      itemId: entry.item.id,
      fields: entry.item.fields,
      given: entry.label,
      suggested: labelSet[issue.suggested] as string,
      selfConfidence: issue.selfConfidence,
      suggestedProbability: issue.suggestedProbability,
      normalizedMargin: issue.normalizedMargin,
      decidedBy: entry.decidedBy,
      decisionSource: entry.source,
      votes: votes.filter((v) => v.itemId === entry.item.id).map((v) => voteEvidence(v, names)),
    };
  });
  return {
    checked: labelled.length,
    trusted: labelled.filter((l) => !l.candidate).length,
    folds,
    input: config.input,
    classifier: config.classifier,
    rankBy,
    thresholds: Object.fromEntries(
      labelSet.map((l, k) => {
        const t = result.joint.thresholds[k] as number;
        return [l, Number.isFinite(t) ? t : null];
      }),
    ),
    estimatedErrors: result.estimatedErrors,
    flagged: issues.length,
    suspects,
  };
}

function voteEvidence(vote: Vote, names: ReadonlyMap<string, string>): SuspectVote {
  const person = vote.source.startsWith('human:') ? names.get(vote.source.slice(6)) : undefined;
  const probability =
    vote.label !== null && vote.probabilities ? (vote.probabilities[vote.label] ?? null) : null;
  return { source: vote.source, who: person ?? vote.source, label: vote.label, probability };
}
