import { answerProbabilities, canonicalAnswer } from '../../core/people-kinds/index.js';
import type { TaskShape } from '../../core/task-kind/index.js';
import type { Clock, Store, StoreWithPeople } from '../../core/ports/index.js';
import type { Decision } from '../../core/types.js';
import { canReplaceDecision } from '../items/index.js';

export interface AnswerChecksOptions {
  readonly store: Store;
  readonly clock: Clock;
  /** The project's labels, in order. */
  readonly labels: readonly string[];
  /** The project's task shape; default: classify over `labels`. */
  readonly shape?: TaskShape;
  readonly answers: readonly { readonly itemId: string; readonly label: string }[];
  /** Who answered: `reviewer:<id>` in the UI, `import:<file>` from a file. */
  readonly by: string;
}

/**
 * Sets the expert label of drawn checks and makes each the item's decision, `decidedBy: expert`
 * (outranked only by gold), so routing, aggregation and live decisions never overwrite it and
 * export names it `labelSource: expert`. The decision keeps the item's routing zone. An answer
 * equal to the item's expert decision changes nothing, so the same answers twice are idempotent.
 * A checked item's task entry in the people queue is closed. An answer that is not one of the
 * kind's answers (a label outside the set, a set out of bounds, a tie without ties) is
 * INVALID_INPUT, an item never drawn NOT_FOUND; either way nothing is written.
 * @example await answerChecks({ store, clock, labels, answers: [{ itemId: 'a', label: 'spam' }], by: 'reviewer:r1' })
 * Complexity: O(answers) plus one transaction of a few statements per answer.
 */
export async function answerChecks(options: AnswerChecksOptions): Promise<{ changed: number }> {
  const { store, labels, by } = options;
  const shape: TaskShape = options.shape ?? { kind: 'classify', labels };
  // Each answer in the kind's stored form (a set's code, a level, a verdict); a bad one throws.
  const answers = options.answers.map((a) => ({ ...a, label: canonicalAnswer(shape, a.label) }));
  const at = new Date(options.clock.now()).toISOString();
  const result = await store.transaction(async (tx) => {
    await tx.labelChecks(answers, by, at);
    const ids = answers.map((a) => a.itemId);
    const existing = new Map((await tx.listDecisions({ itemIds: ids })).map((d) => [d.itemId, d]));
    const decisions: Decision[] = [];
    for (const { itemId, label } of new Map(answers.map((a) => [a.itemId, a])).values()) {
      const before = existing.get(itemId);
      if (!canReplaceDecision(before, 'expert')) continue;
      if (before?.decidedBy === 'expert' && before.label === label) continue;
      decisions.push({
        itemId,
        label,
        confidence: 1,
        probabilities: answerProbabilities(shape, label),
        decidedBy: 'expert',
        source: by,
        voteIds: [],
        zone: before?.zone ?? null,
        updatedAt: at,
      });
    }
    await tx.putDecisions(decisions);
    return { changed: decisions.length };
  });
  if ('people' in store) await closeQueuedTasks(store as StoreWithPeople, answers);
  return result;
}

/**
 * A checked item carries the expert's label, so people's answers to it would be wasted work: its
 * task entry in the people queue (if routing queued it) is closed by setting its overlap to 0;
 * answers already given are kept.
 * Complexity: one queue read per answered item.
 */
async function closeQueuedTasks(
  store: StoreWithPeople,
  answers: readonly { readonly itemId: string }[],
): Promise<void> {
  for (const itemId of new Set(answers.map((a) => a.itemId))) {
    const entry = await store.people.getQueueEntry(itemId);
    if (entry?.kind === 'task' && entry.overlap > 0) await store.people.setOverlap(itemId, 0);
  }
}
