import { decimal, percent } from '../format/format-number.js';
import type { UnitCosts } from './hybrid-cost.js';
import type { OverlapPeople } from './overlap-people-of.js';

/** Where the people per human item and the control rate came from: a setting or a flag. */
export interface StaffingBasis {
  readonly overlapBasis: string;
  readonly controlBasis: string;
}

const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;

/**
 * The staffing every cost figure assumes, in words, naming the settings it comes from: people
 * per overlap item (with dynamic overlap, the expected number over the routed overlap items and
 * what the expectation rests on), per human item and per audit, and controls per task.
 * @example describeStaffing(unit, { expected: 630, fewest: 600, most: 1500 }, 300)
 * // 'overlap items priced at 2.1 people each on average (…); human items at 1 person each (people.overlap.human: 1); …'
 * Complexity: O(1).
 */
export function describeStaffing(
  unit: UnitCosts & StaffingBasis,
  overlap: OverlapPeople | null,
  overlapItems: number,
): string {
  const start = unit.overlapZoneHumans;
  const dynamic = unit.dynamicOverlap ?? null;
  let overlapPart: string;
  if (dynamic === null) {
    overlapPart = `overlap items priced at ${people(start)} each (people.overlap.overlap: ${start})`;
  } else {
    const average =
      overlap !== null && overlapItems > 0
        ? `${decimal(overlap.expected / overlapItems, 2)} people each on average, expected from the machine's calibrated confidence with people ${percent(dynamic.humanAccuracy, 0)} accurate`
        : `${start} to ${dynamic.max} people each`;
    overlapPart =
      `overlap items priced at ${average} (dynamic overlap: people.overlap.overlap: ${start} at first, ` +
      `one more while the leading label's posterior is below people.targetPosterior: ${dynamic.targetPosterior}, ` +
      `up to people.overlap.max: ${dynamic.max})`;
  }
  const audits = unit.auditRate > 0 ? ' and audited items' : '';
  return (
    `${overlapPart}; human items${audits} at ${people(unit.overlap)} each (${unit.overlapBasis}: ${unit.overlap}); ` +
    `${decimal(unit.controlRate, 3)} control tasks per task (${unit.controlBasis})`
  );
}
