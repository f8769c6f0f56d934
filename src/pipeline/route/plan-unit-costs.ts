import { dynamicOverlapOf } from '../../core/cost/dynamic-overlap.js';
import { annotationCost, controlsPerTask } from '../../core/cost/cost-model.js';
import type { StaffingBasis } from '../../core/cost/describe-staffing.js';
import type { UnitCosts } from '../../core/cost/hybrid-cost.js';
import { percent } from '../../core/format/format-number.js';
import type { Store } from '../../core/ports/index.js';
import type { PeopleConfig, Prices } from '../../core/project.js';
import { machineUnitCost } from './machine-unit-cost.js';

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
  const machine = await machineUnitCost(options);
  return {
    machinePerItem: machine.perItem,
    machineBasis: machine.basis,
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
