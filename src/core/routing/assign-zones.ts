/**
 * Where an item goes: the machine's label is kept, people join the machine, or people only.
 * @example const zone: Zone = ZONES[policy.zones[i] ?? 2] ?? 'human'
 */
export type Zone = 'accept' | 'overlap' | 'human';

/** Zone codes in the `Uint8Array` that `assignZones` returns. */
export const ZONE_CODES: Readonly<Record<Zone, number>> = { accept: 0, overlap: 1, human: 2 };

/**
 * Zone names by code.
 * @example ZONES[assignZones({ confidence: [0.99], hi: 0.95 })[0]] // 'accept'
 */
export const ZONES: readonly Zone[] = ['accept', 'overlap', 'human'];

/**
 * Input of `assignZones`: each item's confidence, and the accept (hi) and people-only (lo)
 * thresholds, global or per predicted class.
 * @example assignZones({ confidence, predicted, hi: Float64Array.of(0.95, 0.9), lo: 0.5 })
 */
export interface ZoneThresholds {
  /** Calibrated confidence of each item in its predicted label. */
  readonly confidence: ArrayLike<number>;
  /** Predicted label index of each item; needed only with per-class thresholds. */
  readonly predicted?: ArrayLike<number>;
  /** Accept when confidence ≥ hi; one number, or one per predicted class (Infinity: never). */
  readonly hi: number | ArrayLike<number>;
  /** People only when confidence < lo; in between, overlap. A lo above hi counts as hi. */
  readonly lo: number | ArrayLike<number>;
}

function thresholdFor(
  value: number | ArrayLike<number>,
  predicted: ArrayLike<number> | undefined,
  i: number,
): number {
  if (typeof value === 'number') return value;
  const c = predicted?.[i];
  return c === undefined
    ? Number.POSITIVE_INFINITY
    : ((value[c] as number | undefined) ?? Number.POSITIVE_INFINITY);
}

/**
 * Zone of every item from a pair of thresholds on calibrated confidence: accept at or above
 * `hi`, people only below `lo`, overlap in between. Per-class thresholds use the item's
 * predicted label; an item whose class has no threshold is never accepted.
 * @example assignZones({ confidence: [0.99, 0.8, 0.4], hi: 0.95, lo: 0.6 }) // Uint8Array [0, 1, 2]
 * Complexity: O(n).
 */
export function assignZones(input: ZoneThresholds): Uint8Array {
  const { confidence, predicted } = input;
  const zones = new Uint8Array(confidence.length);
  for (let i = 0; i < confidence.length; i++) {
    const c = confidence[i] as number;
    const hi = thresholdFor(input.hi, predicted, i);
    const lo = Math.min(hi, thresholdFor(input.lo, predicted, i));
    zones[i] = c >= hi ? ZONE_CODES.accept : c >= lo ? ZONE_CODES.overlap : ZONE_CODES.human;
  }
  return zones;
}

/**
 * Number of items in each zone.
 * @example countZones(Uint8Array.of(0, 0, 2)) // { accept: 2, overlap: 0, human: 1 }
 * Complexity: O(n).
 */
export function countZones(zones: Uint8Array): Record<Zone, number> {
  const counts = [0, 0, 0];
  for (let i = 0; i < zones.length; i++)
    counts[zones[i] as number] = (counts[zones[i] as number] as number) + 1;
  return { accept: counts[0] as number, overlap: counts[1] as number, human: counts[2] as number };
}
