import { HiloError } from '../../core/errors.js';
import type { Store } from '../../core/ports/index.js';
import type { ProjectConfig } from '../../core/project.js';
import type { Clock } from '../../core/ports/runtime.js';
import { gatherReportData, type ReportData } from '../report/index.js';

/**
 * The numbers behind the report's plots, gathered the way `hilo report` gathers them (no
 * example items: the dashboard shows none). Null before any labeller has run: there is nothing
 * to plot yet, which is no error.
 * @example const data = await dashboardReport({ store, project, clock }) // null in a new project
 * Complexity: that of gatherReportData.
 */
export async function dashboardReport(options: {
  readonly store: Store;
  readonly project: ProjectConfig;
  readonly clock: Clock;
}): Promise<ReportData | null> {
  try {
    return await gatherReportData({ ...options, examples: 0 });
  } catch (error) {
    if (error instanceof HiloError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

/**
 * A cheap fingerprint of what the report's plots depend on: every run (labelling runs record
 * the machine's votes as they go, routing runs the policy and decisions), the items per role
 * (new gold or test items), and the version of the stored calibrator of `source`. People's
 * answers do not move these plots: they score the machine.
 * @example const before = await dashboardReportVersion(store, 'model:local@1')
 * Complexity: O(runs) plus three counts and one model read.
 */
export async function dashboardReportVersion(store: Store, source: string | null): Promise<string> {
  const runs = (await store.listRuns({})).map(
    (r) => `${r.id}:${r.status}:${r.itemsDone}:${r.itemsFailed}:${r.endedAt ?? ''}`,
  );
  const counts = await Promise.all(
    (['gold', 'test', 'pool'] as const).map((role) => store.countItems({ role })),
  );
  const calibrator = source === null ? undefined : await store.getModel(`calibrator:${source}`);
  return JSON.stringify([runs, counts, calibrator?.version ?? null]);
}
