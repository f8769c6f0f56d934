import type { LabelRun, Run } from '../../core/runs/run-records.js';
import type { SpendData } from './report-data-types.js';

/**
 * The newest run that passes `keep`, by start time.
 * @example newestRun(runsOfKind(await store.listRuns({ kind: 'route' }), 'route'), (run) => run.status === 'done')
 * Complexity: O(runs).
 */
export function newestRun<R extends Run>(runs: readonly R[], keep: (run: R) => boolean): R | null {
  let best: R | null = null;
  for (const run of runs) {
    if (keep(run) && (best === null || run.startedAt >= best.startedAt)) best = run;
  }
  return best;
}

/**
 * What the source's label runs cost: runs, items, tokens and money.
 * @example spendOf(await labelRunsOf(store, 'model:local@1')).costUsd
 * Complexity: O(runs).
 */
export function spendOf(runs: readonly LabelRun[]): SpendData {
  return {
    runs: runs.length,
    items: runs.reduce((n, run) => n + run.itemsDone + run.itemsFailed, 0),
    tokensIn: runs.reduce((n, run) => n + run.tokensIn, 0),
    tokensOut: runs.reduce((n, run) => n + run.tokensOut, 0),
    costUsd: runs.reduce((n, run) => n + run.costUsd, 0),
  };
}
