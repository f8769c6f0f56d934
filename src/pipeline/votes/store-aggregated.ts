import type { Store } from '../../core/ports/index.js';
import type { Decision, Distribution, Vote } from '../../core/types.js';
import { canReplaceDecision } from '../items/index.js';

/** One item's aggregated answer, ready to store. */
export interface AggregatedItem {
  readonly itemId: string;
  /** The label, or a multi-label item's set code. */
  readonly label: string;
  /** The probability the answer is right under the project's measure. */
  readonly confidence: number;
  /** The posterior: a distribution, or for multi-label one yes-probability per label. */
  readonly probabilities: Distribution;
}

/**
 * Stores `aggregated` decisions for the given items where the rank allows (a reviewer, expert or
 * gold decision is kept), each with the ids of the item's votes.
 * @example await storeAggregated(store, { answers, votes, source: 'aggregate:recommended', now })
 * Complexity: O(answers + votes), in pages of 1000 items.
 */
export async function storeAggregated(
  store: Store,
  run: {
    readonly answers: readonly AggregatedItem[];
    readonly votes: readonly Vote[];
    readonly source: string;
    readonly now: string;
  },
): Promise<{ decided: number; kept: number }> {
  const voteIds = new Map<string, number[]>();
  for (const v of run.votes) {
    const list = voteIds.get(v.itemId);
    if (list) list.push(v.id);
    else voteIds.set(v.itemId, [v.id]);
  }
  let decided = 0;
  let kept = 0;
  await store.transaction(async (tx) => {
    for (let start = 0; start < run.answers.length; start += 1000) {
      const page = run.answers.slice(start, start + 1000);
      const existing = new Map(
        (await tx.listDecisions({ itemIds: page.map((a) => a.itemId) })).map((d) => [d.itemId, d]),
      );
      const decisions: Decision[] = [];
      for (const answer of page) {
        const previous = existing.get(answer.itemId);
        if (!canReplaceDecision(previous, 'aggregated')) {
          kept++;
          continue;
        }
        decisions.push({
          ...answer,
          decidedBy: 'aggregated',
          source: run.source,
          voteIds: voteIds.get(answer.itemId) ?? [],
          zone: previous?.zone ?? null,
          updatedAt: run.now,
        });
      }
      if (decisions.length > 0) await tx.putDecisions(decisions);
      decided += decisions.length;
    }
  });
  return { decided, kept };
}
