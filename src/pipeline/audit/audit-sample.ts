import { createRng, shuffled } from '../../core/rng.js';
import type { Store } from '../../core/ports/index.js';
import { runsOfKind } from '../../core/runs/run-records.js';

/** One accepted item sent to people for audit, with the label the machine gave it. */
export interface AuditedItem {
  readonly id: string;
  /** The item's import batch; audits are estimated per batch. */
  readonly batch: string;
  /** The accepted (auto) label at the time of routing: what people's answers are checked against. */
  readonly label: string;
  /** The audit run that drew it. */
  readonly runId: string;
  readonly startedAt: string;
}

/** Batch name of items imported without `--batch`. */
export const NO_BATCH = '(no batch)';

/**
 * Every item drawn for audit so far, from the `audit` runs that `hilo route --audit-rate`
 * records (`AuditRunConfig.items`), oldest run first; an item drawn twice keeps its latest draw.
 * @example const audited = await readAuditedItems(store); audited.get('m17')?.label
 * Complexity: O(audited items).
 */
export async function readAuditedItems(store: Store): Promise<Map<string, AuditedItem>> {
  const out = new Map<string, AuditedItem>();
  for (const run of runsOfKind(await store.listRuns({ kind: 'audit' }), 'audit')) {
    for (const { id, batch, label } of run.config.items) {
      out.set(id, { id, batch, label, runId: run.id, startedAt: run.startedAt });
    }
  }
  return out;
}

/**
 * Indexes of a seeded random share of `count` items, in increasing order: round(rate × count),
 * and at least one when the rate is positive and there is anything to draw from.
 * @example auditSample(100, 0.05, 1) // five indexes in [0, 100)
 * Complexity: O(count).
 */
export function auditSample(count: number, rate: number, seed: number): number[] {
  if (!(rate > 0) || count === 0) return [];
  const k = Math.min(count, Math.max(1, Math.round(rate * count)));
  const all = Array.from({ length: count }, (_, i) => i);
  return shuffled(all, createRng(seed))
    .slice(0, k)
    .sort((a, b) => a - b);
}
