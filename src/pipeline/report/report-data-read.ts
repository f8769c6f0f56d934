import type { Store } from '../../core/ports/index.js';
import type { Decision, Item, ItemRole, Vote } from '../../core/types.js';

const PAGE = 2000;

/** One page of items with the newest vote of the source per item (and decisions when asked). */
export interface VotedPage {
  readonly items: readonly Item[];
  readonly votes: ReadonlyMap<string, Vote>;
  readonly decisions: ReadonlyMap<string, Decision>;
}

/**
 * Pages through the items of some roles in id order with the source's newest vote per item.
 * @example for await (const page of votedPages(store, { roles: ['pool'], source })) …
 * Complexity: O(items + votes) in pages of 2,000 items.
 */
export async function* votedPages(
  store: Store,
  query: {
    readonly roles: readonly ItemRole[];
    readonly source: string;
    readonly decisions?: boolean;
  },
): AsyncGenerator<VotedPage> {
  let afterId: string | undefined;
  for (;;) {
    const items = await store.listItems({
      role: query.roles,
      limit: PAGE,
      ...(afterId !== undefined ? { afterId } : {}),
    });
    if (items.length === 0) return;
    afterId = items[items.length - 1]?.id;
    const itemIds = items.map((item) => item.id);
    const votes = new Map<string, Vote>();
    for (const vote of await store.listVotes({ itemIds, source: query.source })) {
      const seen = votes.get(vote.itemId);
      if (!seen || vote.id > seen.id) votes.set(vote.itemId, vote);
    }
    const decisions = new Map<string, Decision>();
    if (query.decisions) {
      for (const decision of await store.listDecisions({ itemIds }))
        decisions.set(decision.itemId, decision);
    }
    yield { items, votes, decisions };
  }
}

/**
 * A vote's distribution as a row in label order, renormalised over the project's labels (mass
 * outside them, `otherMass`, is left out so every row is a distribution). False when the vote
 * has no usable distribution.
 * Complexity: O(K).
 */
export function voteRow(
  vote: Vote,
  labels: readonly string[],
  out: Float64Array,
  offset: number,
): boolean {
  const p = vote.probabilities;
  if (p === null || vote.label === null) return false;
  let sum = 0;
  for (let k = 0; k < labels.length; k++) {
    const value = p[labels[k] as string];
    const x = typeof value === 'number' && value > 0 && Number.isFinite(value) ? value : 0;
    out[offset + k] = x;
    sum += x;
  }
  if (!(sum > 0)) return false;
  for (let k = 0; k < labels.length; k++) out[offset + k] = (out[offset + k] as number) / sum;
  return true;
}

/** A growing n×K matrix of rows, so reading never holds per-row arrays. */
export class RowBuffer {
  private data: Float64Array;
  private rows = 0;
  constructor(private readonly K: number) {
    this.data = new Float64Array(K * 256);
  }

  /**
   * Lets `fill` write one row at `offset` of `out`; the row is kept when it returns true.
   * Amortised O(K).
   */
  add(fill: (out: Float64Array, offset: number) => boolean): boolean {
    if ((this.rows + 1) * this.K > this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    if (!fill(this.data, this.rows * this.K)) return false;
    this.rows++;
    return true;
  }

  get length(): number {
    return this.rows;
  }

  /** The kept rows, as a copy of exactly n×K values. */
  toMatrix(): Float64Array {
    return this.data.slice(0, this.rows * this.K);
  }
}

/** Items with a trusted label and the source's distribution for each. */
export interface LabelledRows {
  readonly ids: readonly string[];
  /** Gold label index per row. */
  readonly labels: Int32Array;
  /** n×K raw probabilities, row-major. */
  readonly probs: Float64Array;
  readonly abstained: number;
  readonly unlabelled: number;
}

/**
 * The items of one role that carry a trusted label in the label set, with the source's votes.
 * @example const test = await readLabelledRows(store, { role: 'test', source, labels });
 * Complexity: O(items + votes); memory O(nK).
 */
export async function readLabelledRows(
  store: Store,
  query: { readonly role: ItemRole; readonly source: string; readonly labels: readonly string[] },
): Promise<LabelledRows> {
  const index = new Map(query.labels.map((label, k) => [label, k]));
  const rows = new RowBuffer(query.labels.length);
  const ids: string[] = [];
  const labels: number[] = [];
  let abstained = 0;
  let unlabelled = 0;
  for await (const page of votedPages(store, { roles: [query.role], source: query.source })) {
    for (const item of page.items) {
      const y = item.goldLabel === null ? undefined : index.get(item.goldLabel);
      if (y === undefined) continue;
      const vote = page.votes.get(item.id);
      if (!vote) {
        unlabelled++;
        continue;
      }
      if (!rows.add((out, offset) => voteRow(vote, query.labels, out, offset))) {
        abstained++;
        continue;
      }
      ids.push(item.id);
      labels.push(y);
    }
  }
  return { ids, labels: Int32Array.from(labels), probs: rows.toMatrix(), abstained, unlabelled };
}
