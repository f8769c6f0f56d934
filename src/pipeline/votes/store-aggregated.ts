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
 * gold decision is kept), each with the ids of the item's votes, in one transaction; the routing
 * zone of a replaced decision stays. Who decided what is read once for the whole project
 * (`listDecisionStates`), not decision by decision.
 * @example await storeAggregated(store, { answers, voteIds: (id) => ids.get(id) ?? [], source: 'aggregate:recommended', now })
 * Complexity: O(answers + decisions) plus the store's bulk write.
 */
export async function storeAggregated(
  store: Store,
  run: {
    readonly answers: readonly AggregatedItem[];
    /** The ids of the votes an item's answer rests on. */
    readonly voteIds: (itemId: string) => number[];
    readonly source: string;
    readonly now: string;
  },
): Promise<{ decided: number; kept: number }> {
  return store.transaction(async (tx) => {
    const existing = new Map((await tx.listDecisionStates()).map((d) => [d.itemId, d]));
    const decisions: Decision[] = [];
    let kept = 0;
    for (const answer of run.answers) {
      const previous = existing.get(answer.itemId);
      if (!canReplaceDecision(previous, 'aggregated')) {
        kept++;
        continue;
      }
      decisions.push({
        itemId: answer.itemId,
        label: answer.label,
        confidence: answer.confidence,
        probabilities: answer.probabilities,
        decidedBy: 'aggregated',
        source: run.source,
        voteIds: run.voteIds(answer.itemId),
        zone: previous?.zone ?? null,
        updatedAt: run.now,
      });
    }
    if (decisions.length > 0) await tx.putDecisions(decisions);
    return { decided: decisions.length, kept };
  });
}

/**
 * Vote ids by item, in the order given.
 * @example voteIdsByItem(votes).get('q1') // [3, 9]
 * Complexity: O(votes).
 */
export function voteIdsByItem(votes: readonly Vote[]): Map<string, number[]> {
  const voteIds = new Map<string, number[]>();
  for (const v of votes) {
    const list = voteIds.get(v.itemId);
    if (list) list.push(v.id);
    else voteIds.set(v.itemId, [v.id]);
  }
  return voteIds;
}
