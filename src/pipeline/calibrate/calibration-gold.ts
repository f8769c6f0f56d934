import type { Store } from '../../core/ports/index.js';
import type { Distribution, Item, ItemRole, Vote } from '../../core/types.js';

/** A labeller's votes on items with trusted labels, as the matrices calibration works on. */
export interface GoldVotes {
  /** Item ids, in id order, of the rows below. */
  readonly ids: readonly string[];
  /** Vote id of each row. */
  readonly voteIds: readonly number[];
  /** n×K raw probabilities over the project's labels, row-major. */
  readonly probabilities: Float64Array;
  /** Index of each item's trusted label in the project's labels. */
  readonly labels: Int32Array;
  readonly K: number;
  /** Items with a trusted label but no vote from the source. */
  readonly missing: number;
  /** Items whose vote abstained: no distribution to calibrate. */
  readonly abstained: number;
  /** Votes stored by a labelling run rather than as out-of-fold predictions (`runId` set). */
  readonly fromRuns: number;
}

const PAGE = 2000;

/**
 * The newest vote of each item (highest id wins), so a re-run labeller's latest opinion counts.
 * @example newestVoteByItem(await store.listVotes({ itemIds, source })).get('a')
 * Complexity: O(votes).
 */
export function newestVoteByItem(votes: readonly Vote[]): Map<string, Vote> {
  const out = new Map<string, Vote>();
  for (const vote of votes) {
    const seen = out.get(vote.itemId);
    if (!seen || vote.id > seen.id) out.set(vote.itemId, vote);
  }
  return out;
}

/**
 * Writes a vote's distribution as one row over `labels`, in their order: labels the vote does
 * not mention get 0, and mass outside the label set (`otherMass`) is left out, so the row may
 * sum to less than 1 (the calibrators renormalise).
 * @example distributionRow({ spam: 0.9, ham: 0.1 }, ['ham', 'spam'], out, 0) // out = [0.1, 0.9]
 * Complexity: O(K).
 */
export function distributionRow(
  distribution: Distribution,
  labels: readonly string[],
  out: Float64Array,
  row: number,
): void {
  const K = labels.length;
  for (let k = 0; k < K; k++) {
    const p = distribution[labels[k] as string];
    out[row * K + k] = typeof p === 'number' && Number.isFinite(p) && p > 0 ? p : 0;
  }
}

/** The newest vote of a source on each trusted item, before it is laid out as matrices. */
export interface GoldVoteRows {
  readonly items: readonly Item[];
  readonly votes: readonly Vote[];
  readonly missing: number;
  readonly abstained: number;
  readonly fromRuns: number;
}

/**
 * Pages through the items of `roles` whose trusted label `known` accepts and pairs each with the
 * newest vote of `source` that gave a distribution; counts items without a vote, abstentions and
 * votes stored by a label run.
 * @example const rows = await readGoldVotes({ store, source, roles: ['gold'], known: (l) => labels.includes(l) });
 * Complexity: O(items + votes) store reads in pages of 2,000.
 */
export async function readGoldVotes(options: {
  readonly store: Store;
  readonly source: string;
  readonly roles?: readonly ItemRole[];
  readonly known: (goldLabel: string) => boolean;
}): Promise<GoldVoteRows> {
  const { store, source } = options;
  const items: Item[] = [];
  const rows: Vote[] = [];
  let missing = 0;
  let abstained = 0;
  let fromRuns = 0;
  let afterId: string | undefined;
  for (;;) {
    const page = await store.listItems({
      role: options.roles ?? 'gold',
      limit: PAGE,
      ...(afterId === undefined ? {} : { afterId }),
    });
    if (page.length === 0) break;
    afterId = page[page.length - 1]?.id;
    const votes = newestVoteByItem(
      await store.listVotes({ itemIds: page.map((item) => item.id), source }),
    );
    for (const item of page) {
      if (item.goldLabel === null || !options.known(item.goldLabel)) continue;
      const vote = votes.get(item.id);
      if (!vote) {
        missing++;
        continue;
      }
      if (vote.label === null || vote.probabilities === null) {
        abstained++;
        continue;
      }
      if (vote.runId !== null) fromRuns++;
      items.push(item);
      rows.push(vote);
    }
    if (page.length < PAGE) break;
  }
  return { items, votes: rows, missing, abstained, fromRuns };
}

/**
 * Reads the newest vote of `source` on every item of the given roles (default `gold`) whose
 * trusted label is one of `labels`, and lays the distributions out as an n×K matrix with the
 * gold label index of each row: the input of `crossFitCalibration` and of the routing tests.
 * @example const gold = await loadGoldVotes({ store, source: 'model:local@2', labels: ['ham', 'spam'] });
 * Complexity: O(items + votes) store reads in pages of 2,000; memory O(nK).
 */
export async function loadGoldVotes(options: {
  readonly store: Store;
  readonly source: string;
  readonly labels: readonly string[];
  readonly roles?: readonly ItemRole[];
}): Promise<GoldVotes> {
  const { labels } = options;
  const index = new Map(labels.map((label, k) => [label, k]));
  const read = await readGoldVotes({ ...options, known: (label) => index.has(label) });
  const K = labels.length;
  const probabilities = new Float64Array(read.votes.length * K);
  read.votes.forEach((vote, i) =>
    distributionRow(vote.probabilities as Distribution, labels, probabilities, i),
  );
  return {
    ids: read.items.map((item) => item.id),
    voteIds: read.votes.map((vote) => vote.id),
    probabilities,
    labels: Int32Array.from(read.items, (item) => index.get(item.goldLabel as string) as number),
    K,
    missing: read.missing,
    abstained: read.abstained,
    fromRuns: read.fromRuns,
  };
}
