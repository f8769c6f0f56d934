import type { Calibrator } from '../../core/calibration/calibrator.js';
import type { MemberDistributions } from '../../core/ensemble/index.js';
import type { Store } from '../../core/ports/index.js';
import type { Item, Vote } from '../../core/types.js';
import { distributionRow, loadCalibrator, newestVoteByItem } from '../calibrate/index.js';

/** Every item with each member's calibrated row, and what the members' votes cost. */
export interface MemberTable {
  readonly items: readonly Item[];
  readonly members: readonly MemberDistributions[];
  /** Per member: whether its rows went through a stored calibrator (else its raw distribution). */
  readonly calibrated: readonly boolean[];
  /** Ids of the newest vote of each member on each item (−1 where none), item-major. */
  readonly voteIds: Int32Array;
}

const PAGE = 2000;

/**
 * Reads the newest vote of every source on every item and turns it into an ensemble member's
 * row: the distribution over the labels through the source's stored calibrator (when
 * `hilo calibrate` fitted one), scaled by the share inside the label set, then the mass outside
 * it (`otherMass`) last. An abstention or a missing vote is a row of NaN.
 * @example const table = await readMemberTable({ store, sources: ['llm:a#1', 'llm:b#2'], labels })
 * Complexity: O(n · m · K) for n items and m sources, store reads in pages of 2,000 items.
 */
export async function readMemberTable(options: {
  readonly store: Store;
  readonly sources: readonly string[];
  readonly labels: readonly string[];
}): Promise<MemberTable> {
  const { store, sources, labels } = options;
  const K = labels.length;
  const calibrators: (Calibrator | null)[] = [];
  for (const source of sources)
    calibrators.push((await loadCalibrator(store, source))?.calibrator ?? null);
  const items: Item[] = [];
  const rows: number[][] = sources.map(() => []);
  const voteIds: number[] = [];
  const raw = new Float64Array(K);
  let afterId: string | undefined;
  for (;;) {
    const page = await store.listItems({
      limit: PAGE,
      ...(afterId === undefined ? {} : { afterId }),
    });
    if (page.length === 0) break;
    afterId = page[page.length - 1]?.id;
    const ids = page.map((item) => item.id);
    const votes: Map<string, Vote>[] = [];
    for (const source of sources)
      votes.push(newestVoteByItem(await store.listVotes({ itemIds: ids, source })));
    for (const item of page) {
      items.push(item);
      sources.forEach((_, j) => {
        const vote = votes[j]?.get(item.id);
        voteIds.push(vote?.id ?? -1);
        const out = rows[j] as number[];
        if (!vote || vote.probabilities === null || vote.label === null) {
          for (let k = 0; k <= K; k++) out.push(Number.NaN);
          return;
        }
        distributionRow(vote.probabilities, labels, raw, 0);
        const calibrator = calibrators[j];
        const inside = calibrator ? calibrator.apply(raw) : normalised(raw);
        const other = Math.min(1, Math.max(0, vote.otherMass));
        for (let k = 0; k < K; k++) out.push((inside[k] as number) * (1 - other));
        out.push(other);
      });
    }
    if (page.length < PAGE) break;
  }
  return {
    items,
    members: rows.map((r) => ({ K, rows: Float64Array.from(r) })),
    calibrated: calibrators.map((c) => c !== null),
    voteIds: Int32Array.from(voteIds),
  };
}

function normalised(row: Float64Array): Float64Array {
  const sum = row.reduce((a, b) => a + b, 0);
  return sum > 0 ? row.map((p) => p / sum) : row.map(() => 1 / row.length);
}
