import type { Store } from '../../core/ports/index.js';
import type { RouteRun, RouteRunConfig } from '../../core/runs/run-records.js';

/**
 * The id of the next route run: `route-<n>-<yyyymmddhhmmss>`, n counting the route runs stored.
 * @example await nextRouteRunId(store, Date.parse('2026-12-07T16:32:27Z')) // 'route-2-20261207163227'
 * Complexity: one read of the route runs.
 */
export async function nextRouteRunId(store: Store, startedMs: number): Promise<string> {
  const previous = (await store.listRuns({ kind: 'route' })).length;
  const stamp = new Date(startedMs)
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .slice(0, 14);
  return `route-${previous + 1}-${stamp}`;
}

/**
 * A finished route run: routing spends no tokens, so only its config, the decisions written and
 * its times vary.
 * @example await tx.createRun(finishedRouteRun({ id, config, itemsDone: 120, startedMs, endedAt }))
 * Complexity: O(1).
 */
export function finishedRouteRun(run: {
  readonly id: string;
  readonly config: RouteRunConfig;
  readonly itemsDone: number;
  readonly startedMs: number;
  readonly endedAt: string;
}): RouteRun {
  return {
    id: run.id,
    kind: 'route',
    config: run.config,
    status: 'done',
    itemsDone: run.itemsDone,
    itemsFailed: 0,
    tokensIn: 0,
    tokensOut: 0,
    costUsd: 0,
    startedAt: new Date(run.startedMs).toISOString(),
    endedAt: run.endedAt,
  };
}
