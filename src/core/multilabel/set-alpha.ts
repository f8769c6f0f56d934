import { HiloError } from '../errors.js';
import { masiDistance } from './masi-distance.js';

/**
 * Options of `setAlpha`: the distance between two label sets (default MASI); it must be 0 for
 * equal sets. Sets reach it as ascending, distinct label indices.
 * @example setAlpha(units, { distance: (a, b) => (a.join() === b.join() ? 0 : 1) }) // nominal
 */
export interface SetAlphaOptions {
  readonly distance?: (a: readonly number[], b: readonly number[]) => number;
}

/**
 * Krippendorff's α for set-valued annotations: `units[i][j]` is annotator j's label set for item
 * i, or null when missing. Items with fewer than 2 sets are not pairable and drop out.
 * α = 1 − D_o / D_e, with D_o = (1/n) Σ_u Σ_{i≠j in u} δ(v_i, v_j) / (m_u − 1) and
 * D_e = Σ_{i≠j} δ(v_i, v_j) / (n(n − 1)) over all n pairable sets (Krippendorff 2011 with an
 * arbitrary distance; MASI as in Passonneau 2006). NaN when fewer than 2 sets are pairable or
 * when no disagreement is expected (D_e = 0).
 * @example setAlpha([[[0, 1], [0]], [[2], [2]], [[1], null]]) // items × annotators
 * Complexity: O(Σ_u m_u² · s + V² · s) for V distinct sets of at most s labels.
 */
export function setAlpha(
  units: readonly (readonly (readonly number[] | null)[])[],
  options: SetAlphaOptions = {},
): number {
  const distance = options.distance ?? masiDistance;
  const distinct = new Map<string, { set: readonly number[]; count: number }>();
  let n = 0;
  let observed = 0;
  for (const unit of units) {
    const present: (readonly number[])[] = [];
    for (const value of unit) if (value !== null) present.push(canonical(value));
    const m = present.length;
    if (m < 2) continue;
    let within = 0;
    for (let i = 0; i < m; i++) {
      for (let j = i + 1; j < m; j++) within += 2 * distance(present[i]!, present[j]!);
    }
    observed += within / (m - 1);
    n += m;
    for (const set of present) {
      const key = set.join(',');
      const entry = distinct.get(key);
      if (entry) entry.count++;
      else distinct.set(key, { set, count: 1 });
    }
  }
  if (n < 2) return Number.NaN;
  const groups = [...distinct.values()];
  let expected = 0;
  for (let c = 0; c < groups.length; c++) {
    for (let k = c + 1; k < groups.length; k++) {
      const a = groups[c]!;
      const b = groups[k]!;
      expected += 2 * a.count * b.count * distance(a.set, b.set);
    }
  }
  if (expected === 0) return Number.NaN;
  return 1 - ((n - 1) * observed) / expected;
}

function canonical(set: readonly number[]): number[] {
  const sorted = [...new Set(set)].sort((a, b) => a - b);
  for (const label of sorted) {
    if (!Number.isInteger(label) || label < 0) {
      throw new HiloError('INVALID_INPUT', `label index ${label} is not a non-negative integer`);
    }
  }
  return sorted;
}
