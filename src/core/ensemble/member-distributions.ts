import { HiloError } from '../errors.js';

/**
 * One machine labeller's distributions over the same n items, as an ensemble member sees them.
 * Row i holds K label probabilities then the mass outside the label set (`otherMass`, e.g. an
 * "I don't know" option): n × (K + 1) values, each row summing to 1. A row of NaN means the
 * member abstained on the item or never labelled it.
 * @example const member: MemberDistributions = { K: 2, rows: Float64Array.of(0.7, 0.2, 0.1, NaN, NaN, NaN) }
 */
export interface MemberDistributions {
  readonly K: number;
  readonly rows: Float64Array;
}

/**
 * Smallest probability a log is taken of, so a member's hard 0 is a large, finite penalty.
 * @example Math.log(Math.max(p, LOG_FLOOR))
 */
export const LOG_FLOOR = 1e-6;

/**
 * A member row from label probabilities and other mass: rescaled so labels + other sum to 1;
 * `null` (an abstention, or no vote) gives a row of NaN.
 * @example memberRow({ a: 0.6, b: 0.2 }, 0.2, ['a', 'b']) // Float64Array [0.6, 0.2, 0.2]
 * Complexity: O(K).
 */
export function memberRow(
  probabilities: Readonly<Record<string, number>> | null,
  otherMass: number,
  labels: readonly string[],
): Float64Array {
  const row = new Float64Array(labels.length + 1);
  if (probabilities === null) return row.fill(Number.NaN);
  let sum = Math.max(0, otherMass);
  labels.forEach((label, k) => {
    const p = Math.max(0, probabilities[label] ?? 0);
    row[k] = p;
    sum += p;
  });
  row[labels.length] = Math.max(0, otherMass);
  if (!(sum > 0)) return row.fill(Number.NaN);
  for (let k = 0; k <= labels.length; k++) row[k] = (row[k] as number) / sum;
  return row;
}

/**
 * Throws INVALID_INPUT unless every member has the same K and n; returns n.
 * @example checkMembers([a, b]) // 100
 * Complexity: O(m).
 */
export function checkMembers(members: readonly MemberDistributions[]): number {
  const first = members[0];
  if (first === undefined)
    throw new HiloError('INVALID_INPUT', 'an ensemble needs at least one member');
  const width = first.K + 1;
  const n = first.rows.length / width;
  for (const [j, m] of members.entries()) {
    if (m.K !== first.K || m.rows.length !== n * width || !Number.isInteger(n)) {
      throw new HiloError(
        'INVALID_INPUT',
        `ensemble member ${j + 1} has ${m.rows.length} values for K = ${m.K}; expected ${n} rows of ${width}`,
      );
    }
  }
  return n;
}

/**
 * Whether member `m` has a row for item i (it did not abstain and labelled the item).
 * @example present(member, 3)
 * Complexity: O(1).
 */
export function present(member: MemberDistributions, i: number): boolean {
  return !Number.isNaN(member.rows[i * (member.K + 1)] as number);
}
