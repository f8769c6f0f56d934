/**
 * Numbers as hilo prints them, in the terminal, the report, the server's captions and the web
 * app alike: percentages with intervals, counts, money. A missing figure prints as "–".
 */

/** How a missing figure (null, NaN, ±Infinity) prints. */
const MISSING = '–';

/**
 * A share as a percentage: 0.9312 → "93.1%"; NaN or null → "–".
 * @example percent(0.9312) // "93.1%"; percent(0.5, 0) // "50%"
 * Complexity: O(1).
 */
export function percent(value: number | null, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return MISSING;
  return `${(100 * value).toFixed(digits)}%`;
}

/**
 * An interval's bounds as "90.2–95.3%".
 * @example percentRange({ lower: 0.902, upper: 0.953 }) // "90.2–95.3%"
 * Complexity: O(1).
 */
export function percentRange(
  interval: { readonly lower: number; readonly upper: number },
  digits = 1,
): string {
  if (!Number.isFinite(interval.lower) || !Number.isFinite(interval.upper)) return MISSING;
  return `${(100 * interval.lower).toFixed(digits)}–${(100 * interval.upper).toFixed(digits)}%`;
}

/**
 * 2130 → "2,130".
 * @example count(2130) // "2,130"
 * Complexity: O(digits).
 */
export function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/**
 * Money with cents below 100, whole units above: "$0.13", "$1,250".
 * @example money(1250.4, '$') // "$1,250"
 * Complexity: O(digits).
 */
export function money(value: number, currency = '$'): string {
  const digits = Math.abs(value) < 100 ? 2 : 0;
  const sign = value < 0 ? '−' : '';
  return `${sign}${currency}${Math.abs(value).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

/**
 * Dollars with `digits` decimals (cents by default), as the terminal and the dashboard print
 * amounts: "$12.50", "$1250.00", a price per item "$0.0012".
 * @example usd(12.5) // "$12.50"; usd(0.00123, 4) // "$0.0012"
 * Complexity: O(digits).
 */
export function usd(value: number, digits = 2): string {
  return `$${value.toFixed(digits)}`;
}

/**
 * A small price per unit with enough digits to be non-zero: "$0.00042".
 * @example unitPrice(0.000417) // "$0.00042"
 * Complexity: O(1).
 */
export function unitPrice(value: number, currency = '$'): string {
  if (value === 0) return `${currency}0`;
  if (value >= 0.01) return `${currency}${value.toFixed(value >= 1 ? 2 : 3)}`;
  return `${currency}${value.toPrecision(2)}`;
}

/**
 * Probability with three decimals for thresholds: "0.934".
 * @example decimal(0.93412) // "0.934"
 * Complexity: O(1).
 */
export function decimal(value: number | null, digits = 3): string {
  return value === null || !Number.isFinite(value) ? MISSING : value.toFixed(digits);
}
