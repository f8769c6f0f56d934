import { labelSetIndices } from '../../core/task-kind/index.js';
import type { Store } from '../../core/ports/index.js';
import type { ItemRole } from '../../core/types.js';
import { readGoldVotes } from './calibration-gold.js';

/** A multi-label labeller's votes on items with a trusted set, as per-label matrices. */
export interface GoldLabelSets {
  readonly ids: readonly string[];
  readonly voteIds: readonly number[];
  /** n×L yes-probabilities (label → P(label applies)) in label order, row-major. */
  readonly yes: Float64Array;
  /** n×L 0/1: whether each label is in the item's trusted set. */
  readonly truth: Uint8Array;
  /** The trusted set code of each row. */
  readonly codes: readonly string[];
  readonly L: number;
  readonly missing: number;
  readonly abstained: number;
  readonly fromRuns: number;
}

/** Whether a stored code names only the project's labels. */
function isSetCode(code: string, labels: readonly string[]): boolean {
  try {
    labelSetIndices(code, labels);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads the newest vote of `source` on every item of `roles` (default `gold`) whose trusted
 * label is a set code of the project's labels, as yes-probability and truth matrices: the input
 * of per-label calibration.
 * @example const gold = await loadGoldLabelSets({ store, source: 'model:local@2', labels: ['toxic', 'insult'] });
 * Complexity: O(items + votes) store reads in pages; memory O(nL).
 */
export async function loadGoldLabelSets(options: {
  readonly store: Store;
  readonly source: string;
  readonly labels: readonly string[];
  readonly roles?: readonly ItemRole[];
}): Promise<GoldLabelSets> {
  const { labels } = options;
  const L = labels.length;
  const read = await readGoldVotes({ ...options, known: (code) => isSetCode(code, labels) });
  const n = read.items.length;
  const yes = new Float64Array(n * L);
  const truth = new Uint8Array(n * L);
  read.items.forEach((item, i) => {
    const probabilities = read.votes[i]?.probabilities ?? {};
    labels.forEach((label, l) => {
      const p = probabilities[label];
      yes[i * L + l] =
        typeof p === 'number' && Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0;
    });
    for (const l of labelSetIndices(item.goldLabel as string, labels)) truth[i * L + l] = 1;
  });
  return {
    ids: read.items.map((item) => item.id),
    voteIds: read.votes.map((vote) => vote.id),
    yes,
    truth,
    codes: read.items.map((item) => item.goldLabel as string),
    L,
    missing: read.missing,
    abstained: read.abstained,
    fromRuns: read.fromRuns,
  };
}
