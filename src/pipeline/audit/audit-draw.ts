import type { Store } from '../../core/ports/index.js';
import type { AuditDraw, AuditRunConfig } from '../../core/runs/run-records.js';
import { auditSample, NO_BATCH, readAuditedItems } from './audit-sample.js';

/**
 * Draws the audit sample among accepted items not drawn before and not marked as duplicates and records it as an `audit`
 * run: `config.items` lists `{ id, batch, label }`, the label being the accepted one. Audited
 * items stay accepted (zone `accept`, decided `auto`): the audit run is the list people get, and
 * `hilo audit` compares their answers with the recorded label.
 * @example await drawAudit(tx, { runId, ids, zones, batches, labels, predicted, rate: 0.05, seed: 1, source, target, delta, now })
 * Complexity: O(routed items + previously audited items).
 */
export async function drawAudit(
  store: Store,
  input: {
    runId: string;
    ids: readonly string[];
    zones: Uint8Array;
    batches: readonly (string | null)[];
    labels: readonly string[];
    predicted: Int32Array;
    rate: number;
    seed: number;
    source: string;
    target: number;
    delta: number;
    now: string;
  },
): Promise<{ runId: string; items: number }> {
  const before = await readAuditedItems(store);
  // An item marked as a duplicate carries its representative's label: auditing it measures
  // the same answer twice, so only representatives (and unmarked items) are drawn.
  const duplicates = new Set((await store.listDuplicates()).map((mark) => mark.itemId));
  const eligible: number[] = [];
  for (let i = 0; i < input.predicted.length; i++) {
    const id = input.ids[i] as string;
    if (input.zones[i] === 0 && !before.has(id) && !duplicates.has(id)) eligible.push(i);
  }
  const items = auditSample(eligible.length, input.rate, input.seed).map((e): AuditDraw => {
    const i = eligible[e] as number;
    return {
      id: input.ids[i] as string,
      batch: input.batches[i] ?? NO_BATCH,
      label: input.labels[input.predicted[i] as number] as string,
    };
  });
  const runId = input.runId.replace(/^route-/, 'audit-');
  const config: AuditRunConfig = {
    routeRun: input.runId,
    source: input.source,
    rate: input.rate,
    seed: input.seed,
    target: input.target,
    delta: input.delta,
    eligible: eligible.length,
    items,
  };
  await store.createRun({
    id: runId,
    kind: 'audit',
    config,
    status: 'done',
    itemsDone: items.length,
    itemsFailed: 0,
    tokensIn: 0,
    tokensOut: 0,
    costUsd: 0,
    startedAt: input.now,
    endedAt: input.now,
  });
  return { runId, items: items.length };
}
