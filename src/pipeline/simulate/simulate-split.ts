import { HiloError } from '../../core/errors.js';
import { shuffled, type Rng } from '../../core/rng.js';

/** Labels as class indexes, with the label set they index. */
export interface IndexedLabels {
  readonly labelSet: readonly string[];
  readonly classes: Int32Array;
}

/**
 * Class indexes of string labels; the label set is the given one or the labels seen, sorted
 * (numerically when all are numbers).
 * @example indexLabels(['b', 'a', 'b']) // { labelSet: ['a', 'b'], classes: Int32Array [1, 0, 1] }
 * Complexity: O(n log K).
 * @throws HiloError INVALID_INPUT on a label outside a given label set or fewer than 2 labels.
 */
export function indexLabels(
  labels: readonly string[],
  labelSet?: readonly string[],
): IndexedLabels {
  const set = labelSet ? [...labelSet] : [...new Set(labels)];
  if (!labelSet) {
    const numeric = set.every((l) => l.trim() !== '' && Number.isFinite(Number(l)));
    set.sort(numeric ? (a, b) => Number(a) - Number(b) : undefined);
  }
  if (set.length < 2)
    throw new HiloError('INVALID_INPUT', `need at least 2 labels, found ${set.length}`);
  const index = new Map(set.map((l, k) => [l, k]));
  const classes = Int32Array.from(labels, (label, i) => {
    const k = index.get(label);
    if (k === undefined) {
      throw new HiloError('INVALID_INPUT', `item ${i}: label "${label}" is not in the label set`, {
        field: 'label',
      });
    }
    return k;
  });
  return { labelSet: set, classes };
}

/**
 * A stratified held-out split: within every class the items are shuffled and `testShare` of
 * them (rounded, at least one for a class of two or more) go to the test side.
 * @example const { pool, test } = stratifiedSplit(classes, 0.2, createRng(1));
 * Complexity: O(n).
 */
export function stratifiedSplit(
  classes: Int32Array,
  testShare: number,
  rng: Rng,
): { readonly pool: Int32Array; readonly test: Int32Array } {
  if (!(testShare > 0 && testShare < 1)) {
    throw new HiloError(
      'INVALID_INPUT',
      `the test share must be between 0 and 1, got ${testShare}`,
    );
  }
  const byClass = new Map<number, number[]>();
  classes.forEach((k, i) => {
    const group = byClass.get(k);
    if (group) group.push(i);
    else byClass.set(k, [i]);
  });
  const pool: number[] = [];
  const test: number[] = [];
  for (const k of [...byClass.keys()].sort((a, b) => a - b)) {
    const group = shuffled(byClass.get(k) as number[], rng);
    const take = group.length < 2 ? 0 : Math.max(1, Math.round(testShare * group.length));
    test.push(...group.slice(0, take));
    pool.push(...group.slice(take));
  }
  return {
    pool: Int32Array.from(shuffled(pool, rng)),
    test: Int32Array.from(test.sort((a, b) => a - b)),
  };
}

/**
 * A seed for one named part of a simulation, so that adding a strategy or an experiment does
 * not change the random draws of the others. FNV-1a of the name mixed with the seed.
 * @example subSeed(1, 'margin')
 * Complexity: O(name length).
 */
export function subSeed(seed: number, name: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
