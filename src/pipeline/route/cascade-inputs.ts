import type { StageAnswers } from '../../core/cascade/index.js';
import type { LabelledCheck } from '../../core/cascade/index.js';
import { HiloError } from '../../core/errors.js';
import type { CheckStore, Store } from '../../core/ports/index.js';
import { readMemberTable } from './ensemble-members.js';

/** The pool as the cascade sees it: each stage's answers per item, and the labelled checks. */
export interface CascadeInputs {
  /** Pool items, drawn checks included, in id order. */
  readonly ids: readonly string[];
  readonly stage1: StageAnswers;
  readonly stage2: StageAnswers;
  readonly checks: readonly LabelledCheck[];
  /** Labelled checks left out: their item is not in the pool, or their label not in the label set. */
  readonly skippedChecks: number;
  /** Per stage: whether its votes went through a stored calibrator. */
  readonly calibrated: readonly [boolean, boolean];
}

/**
 * Reads both stages' newest votes on the pool items (through their calibrators) and the expert
 * checks that have a label. A stage's confidence is its calibrated probability of its top
 * label, with mass outside the label set kept outside (so "I don't know" lowers it); NaN where
 * the stage abstained or has no vote.
 * @example const inputs = await readCascadeInputs({ store, checks: store, stages: ['model:local@3', 'llm:big#1'], labels })
 * Complexity: O(n · K) over n pool items, store reads in pages.
 */
export async function readCascadeInputs(options: {
  readonly store: Store;
  readonly checks: CheckStore;
  readonly stages: readonly [string, string];
  readonly labels: readonly string[];
}): Promise<CascadeInputs> {
  const { labels } = options;
  const K = labels.length;
  const labelled = await options.checks.listChecks({ labelled: true });
  if (labelled.length === 0) {
    throw new HiloError(
      'NOT_FOUND',
      'no expert checks with a label: draw them with `hilo checks draw` and have experts answer them',
    );
  }
  const drawn = new Set(labelled.map((c) => c.itemId));
  const table = await readMemberTable({ store: options.store, sources: options.stages, labels });
  const keep = table.items.flatMap((item, i) =>
    item.role === 'pool' || drawn.has(item.id) ? [i] : [],
  );
  const answers = (j: number): StageAnswers => {
    const rows = (table.members[j] as { rows: Float64Array }).rows;
    const predicted = new Int32Array(keep.length).fill(-1);
    const confidence = new Float64Array(keep.length).fill(Number.NaN);
    keep.forEach((i, r) => {
      const row = i * (K + 1);
      if (Number.isNaN(rows[row] as number)) return;
      let best = 0;
      for (let k = 1; k < K; k++)
        if ((rows[row + k] as number) > (rows[row + best] as number)) best = k;
      predicted[r] = best;
      confidence[r] = rows[row + best] as number;
    });
    return { predicted, confidence };
  };
  const ids = keep.map((i) => (table.items[i] as { id: string }).id);
  const position = new Map(ids.map((id, r) => [id, r]));
  const index = new Map(labels.map((l, k) => [l, k]));
  const checks: LabelledCheck[] = [];
  for (const c of labelled) {
    const at = position.get(c.itemId);
    const label = c.label === null ? undefined : index.get(c.label);
    if (at === undefined || label === undefined) continue;
    checks.push({ index: at, stratum: c.stratum, stratumSize: c.stratumSize, label });
  }
  return {
    ids,
    stage1: answers(0),
    stage2: answers(1),
    checks,
    skippedChecks: labelled.length - checks.length,
    calibrated: [table.calibrated[0] ?? false, table.calibrated[1] ?? false],
  };
}
