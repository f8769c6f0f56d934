import { percent } from '../../core/format/format-number.js';
import { goldPoolCheck, type GoldPoolCheck } from '../../core/routing/gold-pool-check.js';
import type { ScoredItems } from './route-evidence.js';
import type { TestCheck } from './route-test-check.js';

/**
 * Compares the gold a promise rests on with the pool it is made about (see `goldPoolCheck`).
 * Null without both.
 * @example checkGoldAgainstPool({ gold, pool, K: labels.length })?.suspicious
 * Complexity: O(n log n + p log p + K).
 */
export function checkGoldAgainstPool(input: {
  readonly gold: ScoredItems;
  readonly pool: ScoredItems;
  readonly K: number;
}): GoldPoolCheck | null {
  const { gold, pool, K } = input;
  if (gold.ids.length === 0 || pool.ids.length === 0) return null;
  return goldPoolCheck({ gold, pool, K });
}

/**
 * The warning to print when gold does not look like a random sample of the pool; null when it
 * does (or was not checked).
 * @example goldPoolWarning(check, labels) // 'warning: gold does not look like a random sample …'
 * Complexity: O(1).
 */
export function goldPoolWarning(
  check: GoldPoolCheck | null,
  labels: readonly string[],
): string | null {
  if (check === null || !check.suspicious) return null;
  const gap = check.largestGap;
  const parts = [
    `calibrated confidence differs (Kolmogorov–Smirnov D = ${check.confidence.statistic.toFixed(3)}, ${pValue(check.confidence.pValue)})`,
    `predicted labels differ (chi-square ${check.labels.statistic.toFixed(1)} on ${check.labels.df} df, ${pValue(check.labels.pValue)}` +
      (gap
        ? `; "${labels[gap.label] ?? gap.label}" is ${percent(gap.gold)} of gold and ${percent(gap.pool)} of the pool)`
        : ')'),
  ];
  return (
    `warning: gold does not look like a random sample of the pool: ${parts.join('; ')} — tested at ${percent(check.level, 0)} for both; ` +
    `the promise holds only for items like the gold. Draw gold from the pool with \`hilo checks draw\``
  );
}

/**
 * The warning to print when the check on test items falls below the promised target beyond its
 * interval (its upper end under the target); null when it does not.
 * @example brokenPromiseWarning(check, 0.97, 0.05)
 * Complexity: O(1).
 */
export function brokenPromiseWarning(
  check: TestCheck | null,
  target: number,
  delta: number,
): string | null {
  if (!isBroken(check, target)) return null;
  const { accuracy, accepted, correct } = check as TestCheck;
  return (
    `BROKEN PROMISE: accepted labels were promised ≥ ${percent(target)} correct, but on held-out test items they are ` +
    `${percent(accuracy.estimate)} (${correct} of ${accepted}; ${percent(1 - delta, 0)} interval ${percent(accuracy.lower)}–${percent(accuracy.upper)}, all below the target). ` +
    'Gold is probably not like the pool: do not trust the accepted labels; draw gold from the pool with `hilo checks draw`'
  );
}

/**
 * True when the test items refute the promise: some were accepted and even the upper end of
 * their interval is under the target.
 * @example isBroken({ items: 500, accepted: 300, correct: 270, accuracy }, 0.97)
 * Complexity: O(1).
 */
export function isBroken(check: TestCheck | null, target: number): boolean {
  return check !== null && check.accepted > 0 && check.accuracy.upper < target;
}

function pValue(p: number): string {
  return p < 1e-4 ? 'p < 0.0001' : `p = ${p.toFixed(4)}`;
}
