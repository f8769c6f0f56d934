import type { Store } from '../../core/ports/index.js';
import type { DecidedBy, Decision, Item } from '../../core/types.js';
import { itemText } from '../items/index.js';

/** An item with its final label, as confident learning sees it. */
export interface LabelledItem {
  readonly item: Item;
  readonly text: string;
  readonly label: string;
  /** How the label was reached: a decision's `decidedBy`, or `gold` for an expert label. */
  readonly decidedBy: DecidedBy;
  /** The decision's source (labeller, method or reviewer), or `gold`. */
  readonly source: string;
  /** Listed as a suspect when wrong; expert and reviewer labels only teach the model. */
  readonly candidate: boolean;
}

/** Final labels that can be wrong: accepted, people's, aggregated. */
const CANDIDATE: ReadonlySet<DecidedBy> = new Set(['auto', 'human', 'aggregated']);
/** Final labels that are trusted: they train the model but are never listed. */
const TRUSTED: ReadonlySet<DecidedBy> = new Set(['reviewer', 'expert', 'gold']);
const PAGE = 5000;

/**
 * The items confident learning works on: pool items whose decision is final (accepted, people's,
 * aggregated: candidates; reviewer's: trusted), and gold and control items with their expert
 * label (trusted). Test items are left out (they only measure); a first-pass `machine` decision
 * is not final and is left out too. Labels outside the label set are skipped.
 * @example const items = await collectLabels(store, ['text'], new Set(['spam', 'ham']))
 * Complexity: O(items) reads, in pages of 5,000.
 */
export async function collectLabels(
  store: Store,
  fields: readonly string[],
  labels: ReadonlySet<string>,
): Promise<LabelledItem[]> {
  const out: LabelledItem[] = [];
  let afterId: string | undefined;
  for (;;) {
    const page = await store.listItems({
      role: ['pool', 'gold', 'control'],
      limit: PAGE,
      ...(afterId !== undefined ? { afterId } : {}),
    });
    if (page.length === 0) break;
    afterId = page[page.length - 1]?.id;
    const decisions = new Map<string, Decision>(
      (await store.listDecisions({ itemIds: page.map((i) => i.id) })).map((d) => [d.itemId, d]),
    );
    for (const item of page) {
      const entry = labelOf(item, decisions.get(item.id));
      if (entry === null || !labels.has(entry.label)) continue;
      out.push({ item, text: itemText(item, fields), ...entry });
    }
  }
  return out;
}

function labelOf(
  item: Item,
  decision: Decision | undefined,
): Omit<LabelledItem, 'item' | 'text'> | null {
  if (item.role !== 'pool') {
    return item.goldLabel === null
      ? null
      : { label: item.goldLabel, decidedBy: 'gold', source: 'gold', candidate: false };
  }
  if (!decision || decision.label === null) return null;
  if (!CANDIDATE.has(decision.decidedBy) && !TRUSTED.has(decision.decidedBy)) return null;
  return {
    label: decision.label,
    decidedBy: decision.decidedBy,
    source: decision.source,
    candidate: CANDIDATE.has(decision.decidedBy),
  };
}
