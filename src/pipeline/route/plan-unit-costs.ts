import { annotationCost } from '../../core/cost/cost-model.js';
import type { UnitCosts } from '../../core/cost/hybrid-cost.js';
import { usd } from '../../core/format/format-number.js';
import type { Store } from '../../core/ports/index.js';
import type { Prices } from '../../core/project.js';
import { labelRunsOf } from '../label/index.js';

/** Staffing choices a plan is priced with (people per item, controls, audits). */
export interface Staffing {
  /** People per item in the human zone and in the all-human baseline (default 1). */
  readonly overlap?: number;
  /** People per item in the overlap zone, where the machine is one more voter (default 1). */
  readonly overlapZoneHumans?: number;
  /** Control tasks per real human task (default 0.1). */
  readonly controlRate?: number;
  /** Share of accepted items sent to one person for audit (default 0). */
  readonly auditRate?: number;
}

export interface PricedUnits extends UnitCosts {
  /** Where the machine price came from, for the printout. */
  readonly machineBasis: string;
}

/**
 * Per-item prices of a plan for a labeller: the machine's cost per item from what its label
 * runs actually cost (tokens as priced when labelled, plus hosting per hour × run time), and a
 * person's cost per item from the project's hourly rate and speed.
 * @example const unit = await planUnitCosts({ store, source: 'llm:gpt-4o-mini#ab12', prices: config.prices });
 * Complexity: one read of the label runs.
 */
export async function planUnitCosts(options: {
  readonly store: Store;
  readonly source: string;
  readonly prices: Prices;
  readonly staffing?: Staffing;
}): Promise<PricedUnits> {
  const { prices } = options;
  const staffing = options.staffing ?? {};
  const runs = await labelRunsOf(options.store, options.source);
  let items = 0;
  let cost = 0;
  let hours = 0;
  for (const run of runs) {
    items += run.itemsDone + run.itemsFailed;
    cost += run.costUsd;
    if (run.endedAt !== null) {
      hours += Math.max(0, Date.parse(run.endedAt) - Date.parse(run.startedAt)) / 3_600_000;
    }
  }
  const hosting = prices.hostingPerHourUsd * hours;
  const machinePerItem = items > 0 ? (cost + hosting) / items : 0;
  const machineBasis =
    items > 0
      ? `${usd(cost + hosting, 4)} over ${items} items labelled by ${options.source}`
      : `no label run of ${options.source} recorded: machine cost taken as 0`;
  return {
    machinePerItem,
    machineBasis,
    annotation: annotationCost({
      hourlyRate: prices.humanHourlyUsd,
      itemsPerHour: prices.humanItemsPerHour,
    }),
    overlap: staffing.overlap ?? 1,
    overlapZoneHumans: staffing.overlapZoneHumans ?? 1,
    controlRate: staffing.controlRate ?? 0.1,
    auditRate: staffing.auditRate ?? 0,
  };
}
