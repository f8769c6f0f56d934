import type { Store } from '../../core/ports/index.js';
import {
  answerOutcomes,
  labelSetIndices,
  scoreRows,
  type TaskShape,
} from '../../core/task-kind/index.js';
import type { Distribution, ItemRole } from '../../core/types.js';
import { distributionRow, newestVoteByItem, type RowCalibrator } from '../calibrate/index.js';
import { canReplaceDecision } from '../items/index.js';
import { itemText } from '../items/index.js';

/** Items a labeller voted on, read through its calibrator: what routing decides on. */
export interface ScoredItems {
  readonly ids: readonly string[];
  readonly voteIds: readonly number[];
  readonly batches: readonly (string | null)[];
  /** Calibrated probability that the decided answer is right under the task's measure. */
  readonly confidence: Float64Array;
  /** Index of the decided label (-1 for a multi-label set; see `answers`). */
  readonly predicted: Int32Array;
  /** The decided answer of each item: a label, or a multi-label set code. */
  readonly answers: readonly string[];
  /** The trusted answer of each item; null when the items carry no trusted label. */
  readonly truths: readonly string[] | null;
  /** 1 when the answer is right under the measure; null when the items carry no trusted label. */
  readonly correct: Uint8Array | null;
  /** Multi-label measured per label, trusted sets: n×L, 1 where item i's label l decision is right. */
  readonly labelCorrect: Uint8Array | null;
  /** Characters of the item's text (a feature of the meta-router). */
  readonly textLength: Float64Array;
  /** n×K calibrated distributions, kept only when asked for (the meta-router needs them). */
  readonly probabilities: Float64Array | null;
  /** Items whose vote abstained: no machine label, so they can only go to people. */
  readonly abstained: {
    readonly ids: readonly string[];
    readonly voteIds: readonly number[];
    readonly batches: readonly (string | null)[];
  };
  /** Items of these roles without any vote from the source. */
  readonly missing: number;
  /** Items skipped because people (or gold) already decided them (`undecidedOnly`). */
  readonly decided: number;
}

export interface LoadScoredOptions {
  readonly store: Store;
  readonly source: string;
  /** The project's labels, in order. */
  readonly labels: readonly string[];
  /** The project's fields (for text length). */
  readonly fields: readonly string[];
  readonly calibrator: RowCalibrator;
  /** The task's shape (default: classify over `labels`): how an answer is decided and scored. */
  readonly shape?: TaskShape;
  readonly roles: readonly ItemRole[];
  /** Score only items with a trusted label in the label set, and say whether each was right. */
  readonly trusted?: boolean;
  readonly keepProbabilities?: boolean;
  /** Skip items whose decision outranks routing (people, reviewers, aggregation, gold). */
  readonly undecidedOnly?: boolean;
}

const PAGE = 2000;

/** Whether a trusted label is an answer of the task: one of the labels, or a set code of them. */
function trustedAnswer(shape: TaskShape, index: Map<string, number>, gold: string | null): boolean {
  if (gold === null) return false;
  if (shape.kind !== 'multilabel') return index.has(gold);
  try {
    labelSetIndices(gold, shape.labels);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads the newest vote of `source` on every item of `roles`, calibrates each row and decides
 * it in the task's terms (`scoreRows`: the answer and the probability it is right under the
 * measure) and, for gold or test items, whether it was right (`answerOutcomes`). Memory stays O(n) unless the full calibrated distributions are kept.
 * @example const gold = await loadScoredItems({ store, source, labels, fields, calibrator, roles: ['gold'], trusted: true });
 * Complexity: O(items + votes) store reads in pages of 2,000, O(nK) arithmetic.
 */
export async function loadScoredItems(options: LoadScoredOptions): Promise<ScoredItems> {
  const { store, source, labels, calibrator } = options;
  const shape: TaskShape = options.shape ?? { kind: 'classify', labels };
  const K = labels.length;
  const index = new Map(labels.map((label, k) => [label, k]));
  const ids: string[] = [];
  const voteIds: number[] = [];
  const batches: (string | null)[] = [];
  const confidence: number[] = [];
  const predicted: number[] = [];
  const answers: string[] = [];
  const truths: string[] = [];
  const textLength: number[] = [];
  const kept: Float64Array[] = [];
  const abstained = {
    ids: [] as string[],
    voteIds: [] as number[],
    batches: [] as (string | null)[],
  };
  let missing = 0;
  let decided = 0;
  let afterId: string | undefined;
  for (;;) {
    const page = await store.listItems({
      role: options.roles,
      limit: PAGE,
      ...(afterId === undefined ? {} : { afterId }),
    });
    if (page.length === 0) break;
    afterId = page[page.length - 1]?.id;
    const votes = newestVoteByItem(
      await store.listVotes({ itemIds: page.map((item) => item.id), source }),
    );
    const settled = options.undecidedOnly
      ? new Set(
          (await store.listDecisions({ itemIds: page.map((item) => item.id) }))
            .filter((d) => !canReplaceDecision(d, 'auto'))
            .map((d) => d.itemId),
        )
      : undefined;
    const rows: { distribution: Distribution; gold: string; text: number }[] = [];
    for (const item of page) {
      const trusted = trustedAnswer(shape, index, item.goldLabel);
      if (options.trusted && !trusted) continue;
      if (settled?.has(item.id)) {
        decided++;
        continue;
      }
      const vote = votes.get(item.id);
      if (!vote) {
        missing++;
        continue;
      }
      if (vote.label === null || vote.probabilities === null) {
        abstained.ids.push(item.id);
        abstained.voteIds.push(vote.id);
        abstained.batches.push(item.batch);
        continue;
      }
      ids.push(item.id);
      voteIds.push(vote.id);
      batches.push(item.batch);
      rows.push({
        distribution: vote.probabilities,
        gold: trusted ? (item.goldLabel as string) : '',
        text: itemText(item, options.fields).length,
      });
    }
    const raw = new Float64Array(rows.length * K);
    rows.forEach((row, i) => distributionRow(row.distribution, labels, raw, i));
    const calibrated = calibrator.apply(raw);
    const scored = scoreRows(shape, calibrated);
    rows.forEach((row, i) => {
      confidence.push(scored.confidence[i] as number);
      predicted.push(scored.predicted[i] as number);
      answers.push(scored.answers[i] as string);
      truths.push(row.gold);
      textLength.push(row.text);
    });
    if (options.keepProbabilities) kept.push(calibrated);
    if (page.length < PAGE) break;
  }
  let probabilities: Float64Array | null = null;
  if (options.keepProbabilities) {
    probabilities = new Float64Array(ids.length * K);
    let offset = 0;
    for (const block of kept) {
      probabilities.set(block, offset);
      offset += block.length;
    }
  }
  const outcomes = options.trusted ? answerOutcomes(shape, answers, truths) : null;
  return {
    ids,
    voteIds,
    batches,
    confidence: Float64Array.from(confidence),
    predicted: Int32Array.from(predicted),
    answers,
    truths: options.trusted ? truths : null,
    correct: outcomes?.correct ?? null,
    // Only a per-label promise tests each label; an exact-set one counts whole sets.
    labelCorrect:
      shape.kind === 'multilabel' && shape.measure === 'per-label'
        ? (outcomes?.labelCorrect ?? null)
        : null,
    textLength: Float64Array.from(textLength),
    probabilities,
    abstained,
    missing,
    decided,
  };
}
