import { HiloError } from '../core/errors.js';

/**
 * Every number, probability, integer and choice the CLI reads from a flag goes through these
 * parsers, so a bad value is always one line naming the flag and the value:
 * `--limit: "0" is not a whole number ≥ 1`.
 */

/**
 * A whole number within [min, max] (both optional).
 * @example integerFlag('--folds', '5', { min: 2 }) // 5
 */
export function integerFlag(
  flag: string,
  value: string,
  range: { readonly min?: number; readonly max?: number } = {},
): number {
  const n = parsed(value);
  const { min = -Infinity, max = Infinity } = range;
  if (!Number.isInteger(n) || n < min || n > max)
    throw invalid(flag, value, `a whole number${bounds(min, max)}`);
  return n;
}

/**
 * A number within [min, max] (both optional).
 * @example numberFlag('--budget', '12.5', { min: 0 }) // 12.5
 */
export function numberFlag(
  flag: string,
  value: string,
  range: { readonly min?: number; readonly max?: number } = {},
): number {
  const x = parsed(value);
  const { min = -Infinity, max = Infinity } = range;
  if (!(x >= min && x <= max)) throw invalid(flag, value, `a number${bounds(min, max)}`);
  return x;
}

/**
 * A number strictly greater than 0 (a count of seconds, a rate).
 * @example positiveFlag('--interval', '0.5') // 0.5
 */
export function positiveFlag(flag: string, value: string): number {
  const x = parsed(value);
  if (!(x > 0 && x < Infinity)) throw invalid(flag, value, 'a number > 0');
  return x;
}

/**
 * A probability strictly inside (0, 1).
 * @example probabilityFlag('--target-accuracy', '0.97') // 0.97
 */
export function probabilityFlag(flag: string, value: string): number {
  const x = parsed(value);
  if (!(x > 0 && x < 1)) throw invalid(flag, value, 'a number between 0 and 1 (exclusive)');
  return x;
}

/**
 * One of a fixed set of names.
 * @example choiceFlag('--labeller', 'llm', ['local', 'llm'] as const) // 'llm'
 */
export function choiceFlag<T extends string>(
  flag: string,
  value: string,
  choices: readonly T[],
): T {
  if (!(choices as readonly string[]).includes(value))
    throw invalid(flag, value, `one of ${choices.join(', ')}`);
  return value as T;
}

/**
 * A comma-separated list of names from a fixed set; blanks around commas are ignored.
 * @example listFlag('--roles', 'pool, gold', ITEM_ROLES) // ['pool', 'gold']
 */
export function listFlag<T extends string>(
  flag: string,
  value: string,
  choices: readonly T[],
): T[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  if (names.length === 0) throw invalid(flag, value, `a list of ${choices.join(', ')}`);
  return names.map((name) => choiceFlag(flag, name, choices));
}

function parsed(value: string): number {
  return value.trim() === '' ? Number.NaN : Number(value);
}

function bounds(min: number, max: number): string {
  if (Number.isFinite(min) && Number.isFinite(max)) return ` in [${min}, ${max}]`;
  if (Number.isFinite(min)) return ` ≥ ${min}`;
  if (Number.isFinite(max)) return ` ≤ ${max}`;
  return '';
}

function invalid(flag: string, value: string, expected: string): HiloError {
  return new HiloError('INVALID_INPUT', `${flag}: "${value}" is not ${expected}`);
}
