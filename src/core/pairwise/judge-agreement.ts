import { cohenKappa } from '../agreement/index.js';
import { HiloError } from '../errors.js';

/**
 * How a judge's verdicts agree with people's on the same pairs.
 * @example judgeAgreement(judge, people).kappa; // 0.61
 */
export interface JudgeAgreement {
  /** Items both have a verdict on. */
  readonly items: number;
  /** Share of those items with the same verdict. */
  readonly agreement: number;
  /** Cohen's κ over {A, B, tie}. */
  readonly kappa: number;
  /** `table[judge * 3 + people]`: counts of verdict pairs over {A, B, tie}. */
  readonly table: Float64Array;
}

/**
 * Raw agreement and Cohen's κ between a judge's verdicts and people's (e.g. their majority) on
 * the same items: class indices 0 = A, 1 = B, 2 = tie, −1 where one side has no verdict (such
 * items are skipped). Without ties in the label set, κ equals the two-class κ. NaN when no
 * item has both verdicts.
 * @example judgeAgreement(Int32Array.of(0, 0, 1, 2), Int32Array.of(0, 1, 1, 2)); // { items: 4, agreement: 0.75, kappa: 0.636…, … }
 * Complexity: O(items).
 */
export function judgeAgreement(judge: Int32Array, people: Int32Array): JudgeAgreement {
  if (judge.length !== people.length) {
    throw new HiloError('INVALID_INPUT', 'judge and people need the same items');
  }
  const table = new Float64Array(9);
  let items = 0;
  let same = 0;
  for (let i = 0; i < judge.length; i++) {
    const x = judge[i] as number;
    const y = people[i] as number;
    if (x < 0 || y < 0) continue;
    if (x > 2 || y > 2) {
      throw new HiloError(
        'INVALID_INPUT',
        `item ${i}: verdict ${Math.max(x, y)} is not A, B or tie`,
      );
    }
    table[x * 3 + y]! += 1;
    items++;
    if (x === y) same++;
  }
  const kappa = cohenKappa(judge, people, { numClasses: 3 });
  return { items, agreement: items > 0 ? same / items : Number.NaN, kappa, table };
}
