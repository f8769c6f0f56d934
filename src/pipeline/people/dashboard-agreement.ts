import type { Vote } from '../../core/types.js';

/** Items per agreement bin of the histogram: `from` ≤ agreement < `to` (the last bin holds 1). */
export interface AgreementBin {
  readonly from: number;
  readonly to: number;
  readonly items: number;
}

/** One overlap item's agreement among the people who answered it. */
export interface ItemAgreement {
  readonly itemId: string;
  readonly answers: number;
  /** Share of pairs of its people who gave the same label (1 when all agree). */
  readonly agreement: number;
  /** Answers per label. */
  readonly labels: Readonly<Record<string, number>>;
}

export interface AgreementSummary {
  /** Task items answered by at least two people. */
  readonly items: number;
  /** Mean of their per-item agreement; null before any. */
  readonly mean: number | null;
  /** Items fully agreed on (agreement 1). */
  readonly unanimous: number;
  readonly bins: readonly AgreementBin[];
  /** The least agreed items that are not unanimous, lowest first (at most `lowest` of them). */
  readonly lowest: readonly ItemAgreement[];
}

/** Bins of the histogram: fifths of [0, 1]. */
const BINS = 5;

/**
 * Per-item agreement among people on task items with two or more answers: the share of pairs of
 * answers that match, Σ n_k(n_k − 1) / n(n − 1) over the labels k (Fleiss' P_i), its mean, a
 * histogram in fifths, and the least agreed items (unanimous ones left out).
 * @example itemAgreement(byItem, taskIds, { lowest: 10 }).mean // 0.83
 * Complexity: O(answers + items log items).
 */
export function itemAgreement(
  byItem: ReadonlyMap<string, readonly Vote[]>,
  taskIds: ReadonlySet<string>,
  options: { readonly lowest: number },
): AgreementSummary {
  const rows: ItemAgreement[] = [];
  for (const [itemId, votes] of byItem) {
    if (!taskIds.has(itemId)) continue;
    const labels: Record<string, number> = {};
    let n = 0;
    for (const vote of votes) {
      if (vote.label === null) continue;
      labels[vote.label] = (labels[vote.label] ?? 0) + 1;
      n++;
    }
    if (n < 2) continue;
    let pairs = 0;
    for (const k of Object.values(labels)) pairs += k * (k - 1);
    rows.push({ itemId, answers: n, agreement: pairs / (n * (n - 1)), labels });
  }
  const counts = new Array<number>(BINS).fill(0);
  let total = 0;
  for (const row of rows) {
    total += row.agreement;
    const bin = Math.min(BINS - 1, Math.floor(row.agreement * BINS));
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  rows.sort(
    (a, b) => a.agreement - b.agreement || b.answers - a.answers || cmp(a.itemId, b.itemId),
  );
  return {
    items: rows.length,
    mean: rows.length === 0 ? null : total / rows.length,
    unanimous: rows.filter((r) => r.agreement === 1).length,
    bins: counts.map((items, b) => ({ from: b / BINS, to: (b + 1) / BINS, items })),
    lowest: rows.filter((r) => r.agreement < 1).slice(0, options.lowest),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
