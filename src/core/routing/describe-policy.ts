import { count, percent } from '../format/format-number.js';
import type { GoldNeeded } from './gold-needed.js';

/**
 * The figures `describePolicy` turns into words: the routed counts, the gold the promise rests on,
 * the target, and optionally the costs.
 * @example describePolicy({ ...guaranteedPolicy(input).summary, cost: { plan: 1200, allHuman: 4100 } })
 */
export interface PolicySummary {
  /** Pool items and how they were routed. */
  readonly total: number;
  readonly accepted: number;
  readonly overlap: number;
  readonly human: number;
  /** Gold the promise rests on: all of it, the accepted part, and the right ones among those. */
  readonly goldSize: number;
  readonly goldAccepted: number;
  readonly goldAcceptedCorrect: number;
  readonly target: number;
  readonly delta: number;
  /** Whether a threshold was certified (false: nothing is accepted on the machine's word). */
  readonly certified: boolean;
  /** Estimate of the gold a guarantee would need, when none was certified. */
  readonly goldNeeded?: GoldNeeded | null;
  /**
   * What "correct" counts, when it is not plain accuracy: the task kind's measure in words
   * ("exact-set accuracy", "accuracy within ±1"), named in the sentence.
   */
  readonly measure?: string;
  /**
   * Costs of this plan and of people alone, in `currency` (default "$"), and the people per item
   * they were priced with, in words ("overlap items at 2.1 people each…").
   */
  readonly cost?: {
    readonly plan: number;
    readonly allHuman: number;
    readonly currency?: string;
    readonly pricedWith?: string;
  };
}

function money(value: number, currency: string): string {
  return `${currency}${count(value)}`;
}

function peopleSentence(s: PolicySummary): string {
  const rest = s.overlap + s.human;
  if (rest === 0) return '';
  const parts: string[] = [];
  if (s.overlap > 0) parts.push(`${count(s.overlap)} with the machine as one more voter`);
  if (s.human > 0) parts.push(`${count(s.human)} to people alone`);
  return ` The other ${count(rest)} go to people: ${parts.join(' and ')}.`;
}

function costSentence(s: PolicySummary): string {
  if (!s.cost) return '';
  const currency = s.cost.currency ?? '$';
  const saved = s.cost.allHuman > 0 ? 1 - s.cost.plan / s.cost.allHuman : 0;
  const comparison = saved >= 0 ? `${percent(saved, 0)} less` : `${percent(-saved, 0)} more`;
  const priced = s.cost.pricedWith ? `, with ${s.cost.pricedWith}` : '';
  return ` Cost ${money(s.cost.plan, currency)} against ${money(s.cost.allHuman, currency)} for people alone (${comparison})${priced}.`;
}

function neededSentence(s: PolicySummary): string {
  const need = s.goldNeeded;
  if (!need) return '';
  const where = `On the ${percent(need.goldCoverage, 0)} of gold the machine was most confident about, it was ${percent(need.observedAccuracy, 1)} correct`;
  if (need.additionalGold === null) {
    return ` ${where}, not above the target, so more gold alone would not be enough: a better labeller or a lower target is needed.`;
  }
  return ` ${where}; if that holds, about ${count(need.additionalGold)} more gold items (${count(need.totalGold ?? 0)} in all) would be enough.`;
}

/**
 * The chosen policy in plain words, for the report and the terminal.
 * @example describePolicy({ total: 3000, accepted: 2130, overlap: 300, human: 570, goldSize: 500, goldAccepted: 320, goldAcceptedCorrect: 315, target: 0.97, delta: 0.05, certified: true })
 * // "Accepting the machine's label for 71% of items (2,130 of 3,000); on 500 gold items the accepted labels were 98.4% correct (315 of 320), and with 95% confidence at least 97.0%, ..."
 * Complexity: O(1).
 */
export function describePolicy(s: PolicySummary): string {
  const confidence = percent(1 - s.delta, 0);
  const by = s.measure ? ` by ${s.measure}` : '';
  const promise = ` The promise holds for items drawn like these ${count(s.goldSize)} gold items, which must be a random sample of the pool.`;
  if (!s.certified || s.accepted === 0) {
    return (
      `No threshold can promise accepted labels ${percent(s.target, 1)} correct${by} with ${confidence} confidence ` +
      `from the ${count(s.goldSize)} gold items available, so all ${count(s.total)} items go to people.` +
      neededSentence(s) +
      costSentence(s)
    );
  }
  const observed = s.goldAccepted > 0 ? s.goldAcceptedCorrect / s.goldAccepted : Number.NaN;
  return (
    `Accepting the machine's label for ${percent(s.accepted / Math.max(1, s.total), 0)} of items ` +
    `(${count(s.accepted)} of ${count(s.total)}); on ${count(s.goldSize)} gold items the accepted labels were ` +
    `${percent(observed, 1)} correct${by} (${count(s.goldAcceptedCorrect)} of ${count(s.goldAccepted)}), ` +
    `and with ${confidence} confidence at least ${percent(s.target, 1)}, the target.` +
    peopleSentence(s) +
    promise +
    costSentence(s)
  );
}
