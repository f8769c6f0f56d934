import { dynamicOverlapOf } from '../../core/cost/dynamic-overlap.js';
import { annotationCost, controlsPerTask } from '../../core/cost/cost-model.js';
import type { StaffingBasis } from '../../core/cost/describe-staffing.js';
import type { UnitCosts } from '../../core/cost/hybrid-cost.js';
import { percent, usd } from '../../core/format/format-number.js';
import type { Store } from '../../core/ports/index.js';
import type { PeopleConfig, Prices } from '../../core/project.js';
import { labelRunsOf } from '../label/index.js';

/** Staffing a plan is priced with where it departs from the project's `people` settings. */
export interface Staffing {
  /** People per item in the human zone, per audit and in the all-human baseline (default `people.overlap.human`). */
  readonly overlap?: number;
  /** Control tasks per real human task (default from `people.controlRate`, see `controlsPerTask`). */
  readonly controlRate?: number;
  /** Share of accepted items sent to people for audit (default 0). */
  readonly auditRate?: number;
}

export interface PricedUnits extends UnitCosts, StaffingBasis {
  /** Where the machine price came from, for the printout. */
  readonly machineBasis: string;
}

/**
 * Per-item prices of a plan for a labeller: the machine's cost per item from what its label
 * runs actually cost (tokens as priced when labelled, plus hosting per hour × run time), a
 * person's cost per item from the project's hourly rate and speed, and the people per item
 * from the project's `people` settings: `overlap.human` per human-zone item and per audit,
 * `overlap.overlap` at first per overlap-zone item and, when `overlap.max` is higher, more while
 * the posterior is below `targetPosterior` (dynamic overlap, priced with people
 * `humanAccuracy` accurate).
 * @example const unit = await planUnitCosts({ store, source: 'llm:gpt-4o-mini#ab12', prices: config.prices, people: config.people, humanAccuracy: 0.95 });
 * Complexity: one read of the label runs.
 */
export async function planUnitCosts(options: {
  readonly store: Store;
  readonly source: string;
  readonly prices: Prices;
  readonly people: PeopleConfig;
  readonly humanAccuracy: number;
  readonly staffing?: Staffing;
}): Promise<PricedUnits> {
  const { prices, people } = options;
  const staffing = options.staffing ?? {};
  const runs = await labelRunsOf(options.store, options.source);
  let items = 0;
  let cost = 0;
  let hours = 0;
  for (const run of runs) {
    items += run.itemsDone + run.itemsFailed;
    cost += run.costUsd;
    // Imported predictions ran elsewhere: their price is the run's cost, no hosting time here.
    if (run.endedAt !== null && run.config.kind !== 'import') {
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
    overlap: staffing.overlap ?? people.overlap.human,
    overlapZoneHumans: people.overlap.overlap,
    dynamicOverlap: dynamicOverlapOf(people, options.humanAccuracy),
    controlRate: staffing.controlRate ?? controlsPerTask(people.controlRate),
    auditRate: staffing.auditRate ?? 0,
    overlapBasis: staffing.overlap === undefined ? 'people.overlap.human' : '--overlap',
    controlBasis:
      staffing.controlRate === undefined
        ? `people.controlRate: ${percent(people.controlRate, 0)} of served items`
        : '--control-rate',
  };
}
