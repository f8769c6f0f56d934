import type { Store } from '../../core/ports/index.js';
import { taskShapeOf } from '../../core/task-kind/index.js';
import { isKnownAnswer } from '../../core/task-kind/known-answer.js';
import type { Item, Vote } from '../../core/types.js';
import { modelText, type ModelProject } from './model-text.js';

const PAGE = 5000;
const VERIFIED = new Set(['human', 'reviewer', 'aggregated', 'expert', 'gold']);

/**
 * The items the local model learns from, with the text it reads (`modelText`) and their label:
 * gold items' trusted labels, pool items' verified decisions, else people's most common answer.
 * Labels outside the project (a set code naming an unknown label) are left out.
 * @example const training = await collectTraining(store, project, keep);
 * Complexity: O(gold + pool items + their decisions and people's votes), paged by 5,000.
 */
export async function collectTraining(
  store: Store,
  project: ModelProject,
  keep: (vote: Vote) => boolean,
) {
  const shape = taskShapeOf(project);
  const known = (label: string) => isKnownAnswer(shape, label);
  const items: Item[] = [];
  const texts: string[] = [];
  const labels: string[] = [];
  let fromGold = 0;
  let fromDecisions = 0;
  let fromVotes = 0;
  let afterId: string | undefined;
  for (;;) {
    const page = await store.listItems({
      role: ['gold', 'pool'],
      limit: PAGE,
      ...(afterId !== undefined ? { afterId } : {}),
    });
    if (page.length === 0) break;
    afterId = page[page.length - 1]?.id;
    const { decided, answered } = await verifiedLabels(
      store,
      page.filter((i) => i.role === 'pool').map((i) => i.id),
      keep,
    );
    for (const item of page) {
      let label: string | null = null;
      if (item.role === 'gold') {
        label = item.goldLabel;
        if (label !== null) fromGold++;
      } else if (decided.has(item.id)) {
        label = decided.get(item.id) as string;
        fromDecisions++;
      } else if (answered.has(item.id)) {
        label = answered.get(item.id) as string;
        fromVotes++;
      }
      if (label === null || !known(label)) continue;
      items.push(item);
      texts.push(modelText(item, project));
      labels.push(label);
    }
  }
  return { items, texts, labels, fromGold, fromDecisions: fromDecisions + fromVotes, fromVotes };
}

/**
 * Labels of pool items from verified decisions and, for items people answered that have no
 * verified decision yet (not aggregated yet), from the most common answer (ties left out), so a
 * running loop learns from answers as they arrive. Answers of discounted people are left out, as
 * aggregation leaves them out.
 */
async function verifiedLabels(
  store: Store,
  poolIds: readonly string[],
  keep: (vote: Vote) => boolean,
) {
  const decided = new Map<string, string>();
  const answered = new Map<string, string>();
  if (poolIds.length === 0) return { decided, answered };
  for (const d of await store.listDecisions({ itemIds: poolIds })) {
    if (VERIFIED.has(d.decidedBy) && d.label !== null) decided.set(d.itemId, d.label);
  }
  const open = poolIds.filter((id) => !decided.has(id));
  const counts = new Map<string, Map<string, number>>();
  const votes =
    open.length > 0 ? await store.listVotes({ itemIds: open, sourcePrefix: 'human:' }) : [];
  for (const vote of votes) {
    if (vote.label === null || !keep(vote)) continue;
    const tally = counts.get(vote.itemId) ?? new Map<string, number>();
    tally.set(vote.label, (tally.get(vote.label) ?? 0) + 1);
    counts.set(vote.itemId, tally);
  }
  for (const [itemId, tally] of counts) {
    const sorted = [...tally].sort((a, b) => b[1] - a[1]);
    const [first, second] = sorted;
    if (first && (!second || second[1] < first[1])) answered.set(itemId, first[0]);
  }
  return { decided, answered };
}
