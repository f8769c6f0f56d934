import { answerConfidence } from '../../core/people-kinds/index.js';
import { taskShapeOf } from '../../core/task-kind/index.js';
import { labellerSourceNow } from './labeller-source.js';
import { peopleConfig, type PeopleContext } from './people-context.js';

/** The machine's label for an item as an annotator may see it, when the project pre-annotates. */
export interface Suggestion {
  readonly label: string;
  /**
   * The current labeller's probability that the label is right in the kind's terms (for a set,
   * its exact-set or per-label probability; see `answerConfidence`), or null when it gave none.
   */
  readonly confidence: number | null;
}

/**
 * The current labeller's vote on an item, when the project asks for pre-annotation
 * (`people.preAnnotate`); null when it does not, for exam items (the exam measures the person
 * alone), and when the labeller has no vote on the item. Tasks and hidden controls are treated
 * alike, so a suggestion never tells one from the other.
 * @example await itemSuggestion(ctx, 'a', { exam: false }) // { label: 'spam', confidence: 0.82 }
 * Complexity: one read of the label runs and one of the item's votes.
 */
export async function itemSuggestion(
  ctx: PeopleContext,
  itemId: string,
  options: { readonly exam: boolean },
): Promise<Suggestion | null> {
  if (!peopleConfig(ctx.project).preAnnotate || options.exam) return null;
  // Null when no labeller has run yet: nothing to compare with.
  const source = await (ctx.labeller?.current() ?? labellerSourceNow(ctx.store));
  if (source === null) return null;
  const vote = (await ctx.store.listVotes({ itemIds: [itemId], source })).at(-1);
  if (vote?.label == null) return null;
  const { probabilities } = vote;
  return {
    label: vote.label,
    confidence:
      probabilities === null
        ? null
        : answerConfidence(taskShapeOf(ctx.project), vote.label, probabilities),
  };
}
