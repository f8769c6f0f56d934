import { HiloError } from '../../core/errors.js';
import type { Store } from '../../core/ports/index.js';
import { clopperPearson, type Interval } from '../../core/routing/clopper-pearson.js';
import { answerScore, type TaskShape } from '../../core/task-kind/index.js';
import type { ItemRole, Vote } from '../../core/types.js';

export interface TournamentOptions {
  readonly store: Store;
  /** Roles whose trusted labels judge the labellers (default gold and test). */
  readonly roles?: readonly ItemRole[];
  /** Cost of one person labelling one item: the price of fixing a machine mistake. */
  readonly humanCostPerItem: number;
  /** Labellers with fewer scored items are listed but not ranked (default 30). */
  readonly minItems?: number;
  /**
   * The project's task shape: answers are scored by its measure (`answerScore`: exact, within
   * ±k, the whole set or each label's decision). Default: exact match.
   */
  readonly shape?: TaskShape;
}

export interface TournamentEntry {
  /** The vote source, e.g. `model:local@3` or `llm:gpt-4o-mini#ab12…`. */
  readonly source: string;
  /** Items with a trusted label and a vote from this labeller. */
  readonly scored: number;
  /** Of those, votes that abstained (counted as wrong). */
  readonly abstained: number;
  /**
   * Share right under the shape's measure, abstentions counted wrong, with a 95% Clopper–Pearson
   * interval (for multi-label per-label, over the label decisions, read as independent trials).
   */
  readonly accuracy: Interval;
  /** Mean machine cost of a vote, USD. */
  readonly costPerItem: number;
  /** costPerItem + (1 − accuracy) × humanCostPerItem: what a right label costs if people fix the mistakes. */
  readonly costPerRightLabel: number;
  /** False when too few items were scored to rank it. */
  readonly ranked: boolean;
}

export interface TournamentResult {
  readonly items: number;
  /** Best first: ranked labellers by cost per right label, then the unranked. */
  readonly entries: TournamentEntry[];
  /** The ranked labeller with the lowest cost per right label, or null. */
  readonly winner: TournamentEntry | null;
}

const PAGE = 1000;

/**
 * The labeller tournament: every machine labeller that voted on items with a trusted label
 * (vote sources `llm:*`, `model:*` and `import:*`) is scored on them — accuracy under the
 * project's measure with an interval, machine
 * cost per item — and ranked by the cost of a right label when people fix the machine's
 * mistakes: cost per item + error rate × a person's cost per item. A small local model that is
 * a little less accurate than a large prompted one but costs nothing per item often wins; a
 * cheap labeller that is often wrong does not. The local model's votes on its own training
 * gold are the out-of-fold ones `hilo learn` stores, so it is not judged on what it memorised.
 * @example const { winner } = await runTournament({ store, humanCostPerItem: 0.125 });
 * Complexity: O(trusted items + their machine votes), paged by 1,000 items.
 */
export async function runTournament(options: TournamentOptions): Promise<TournamentResult> {
  const { store } = options;
  const roles = options.roles ?? ['gold', 'test'];
  const minItems = options.minItems ?? 30;
  if (!(options.humanCostPerItem >= 0))
    throw new HiloError('INVALID_INPUT', 'humanCostPerItem must be ≥ 0');
  const shape = options.shape;
  // Per-label multi-label scores count right label decisions: L trials per item.
  const trials =
    shape?.kind === 'multilabel' && shape.measure === 'per-label' ? shape.labels.length : 1;
  const tally = new Map<
    string,
    { scored: number; right: number; abstained: number; cost: number }
  >();
  let items = 0;
  let afterId: string | undefined;
  for (;;) {
    const page = await store.listItems({
      role: roles,
      limit: PAGE,
      ...(afterId === undefined ? {} : { afterId }),
    });
    if (page.length === 0) break;
    afterId = page[page.length - 1]?.id;
    const truth = new Map(
      page.filter((i) => i.goldLabel !== null).map((i) => [i.id, i.goldLabel as string]),
    );
    items += truth.size;
    if (truth.size === 0) continue;
    const itemIds = [...truth.keys()];
    const votes: Vote[] = [];
    for (const prefix of ['llm:', 'model:', 'import:'])
      votes.push(...(await store.listVotes({ itemIds, sourcePrefix: prefix })));
    // One vote per (labeller, item): the newest, as a rerun replaces an older answer.
    const latest = new Map<string, Vote>();
    for (const vote of votes) {
      const key = `${vote.source}\u0000${vote.itemId}`;
      const seen = latest.get(key);
      if (!seen || vote.id > seen.id) latest.set(key, vote);
    }
    for (const vote of latest.values()) {
      const entry = tally.get(vote.source) ?? { scored: 0, right: 0, abstained: 0, cost: 0 };
      entry.scored++;
      entry.cost += vote.costUsd;
      if (vote.label === null) entry.abstained++;
      else {
        const gold = truth.get(vote.itemId) as string;
        const score = shape ? answerScore(shape, vote.label, gold) : vote.label === gold ? 1 : 0;
        entry.right += Math.round(score * trials);
      }
      tally.set(vote.source, entry);
    }
  }
  const entries: TournamentEntry[] = [...tally].map(([source, t]) => {
    const accuracy = clopperPearson(t.right, t.scored * trials);
    const costPerItem = t.cost / t.scored;
    return {
      source,
      scored: t.scored,
      abstained: t.abstained,
      accuracy,
      costPerItem,
      costPerRightLabel: costPerItem + (1 - accuracy.estimate) * options.humanCostPerItem,
      ranked: t.scored >= minItems,
    };
  });
  entries.sort(
    (a, b) =>
      Number(b.ranked) - Number(a.ranked) ||
      a.costPerRightLabel - b.costPerRightLabel ||
      b.accuracy.estimate - a.accuracy.estimate ||
      a.source.localeCompare(b.source),
  );
  const winner = entries[0]?.ranked ? (entries[0] as TournamentEntry) : null;
  return { items, entries, winner };
}

/**
 * The project setting that makes a labeller the first pass: `local` for `model:local@…`,
 * `llm` with its model name for `llm:<model>#<prompt>`; null for any other source.
 * @example labellerSetting('llm:gpt-4o-mini#ab12') // { default: 'llm', model: 'gpt-4o-mini' }
 * Complexity: O(source length).
 */
export function labellerSetting(
  source: string,
): { default: 'local' } | { default: 'llm'; model: string } | null {
  if (source.startsWith('model:local@')) return { default: 'local' };
  const llm = /^llm:(.+)#[^#]*$/.exec(source);
  return llm ? { default: 'llm', model: llm[1] as string } : null;
}
