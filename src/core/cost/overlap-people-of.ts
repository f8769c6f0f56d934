import { ZONE_CODES } from '../routing/assign-zones.js';
import { expectedOverlapPeople } from './dynamic-overlap.js';
import type { UnitCosts } from './hybrid-cost.js';

/** People-answers on an overlap zone: expected, and the fewest and most dynamic overlap allows. */
export interface OverlapPeople {
  readonly expected: number;
  readonly fewest: number;
  readonly most: number;
}

/**
 * People each pool item would wait for if it landed in the overlap zone, under the unit's
 * staffing: `overlapZoneHumans` each without dynamic overlap; with it, the expectation from the
 * item's calibrated confidence (`expectedOverlapPeople`), between `overlapZoneHumans` and
 * `dynamicOverlap.max`. `inZone` sums them over the items a routing puts in the overlap zone.
 * @example overlapPeopleOf(pool, unit).inZone(zones).expected
 * Complexity: O(n · max²) once, then O(n) per `inZone`.
 */
export function overlapPeopleOf(
  confidence: ArrayLike<number>,
  unit: UnitCosts,
): { inZone(zones: Uint8Array): OverlapPeople } {
  const start = unit.overlapZoneHumans;
  const dynamic = unit.dynamicOverlap ?? null;
  const most = dynamic === null ? start : Math.max(start, dynamic.max);
  const each = new Float64Array(confidence.length);
  for (let i = 0; i < each.length; i++) {
    each[i] =
      dynamic === null
        ? start
        : expectedOverlapPeople(confidence[i] as number, { start, ...dynamic });
  }
  return {
    inZone(zones) {
      let expected = 0;
      let n = 0;
      for (let i = 0; i < zones.length; i++) {
        if (zones[i] !== ZONE_CODES.overlap) continue;
        expected += each[i] as number;
        n++;
      }
      return { expected, fewest: n * start, most: n * most };
    },
  };
}
