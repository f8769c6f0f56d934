import type { PaySettings, Prices } from '../project.js';

/** What a person did in a period that pay is figured from. */
export interface PaidWork {
  /** Paid answers: tasks and controls (not exam answers, not skips). */
  readonly answers: number;
  /** Time worked on those answers, in ms. */
  readonly workedMs: number;
  /** First answers to controls, and how many of them were right. */
  readonly controls: number;
  readonly controlsCorrect: number;
  /** False for people a rule discounted or suspended: they get base pay without a bonus. */
  readonly bonusEligible: boolean;
}

/** A person's pay, in whole cents so that base + bonus = total exactly. */
export interface PayAmounts {
  readonly baseCents: number;
  readonly bonusCents: number;
  readonly totalCents: number;
  readonly bonusEarned: boolean;
}

/** The rate base pay is counted at: USD per answer or per hour worked. */
export interface PayRate {
  readonly basis: PaySettings['basis'];
  readonly usd: number;
}

/**
 * The rate of `pay.basis` from the human price of the cost model: per answer
 * `humanHourlyUsd / humanItemsPerHour`, per hour `humanHourlyUsd`.
 * @example payRate({ humanHourlyUsd: 15, humanItemsPerHour: 120, … }, { basis: 'answer', … }) // { basis: 'answer', usd: 0.125 }
 * Complexity: O(1).
 */
export function payRate(prices: Prices, pay: PaySettings): PayRate {
  return pay.basis === 'hour'
    ? { basis: 'hour', usd: prices.humanHourlyUsd }
    : { basis: 'answer', usd: prices.humanHourlyUsd / prices.humanItemsPerHour };
}

/**
 * Whether control accuracy earns the bonus: at least `minControls` controls and
 * correct / controls ≥ `controlAccuracyAtLeast`, the boundary included (9 of 10 meets 0.9).
 * @example meetsBonus(9, 10, { controlAccuracyAtLeast: 0.9, minControls: 5, percent: 10 }) // true
 * Complexity: O(1).
 */
export function meetsBonus(
  correct: number,
  controls: number,
  bonus: PaySettings['bonus'],
): boolean {
  if (controls === 0 || controls < bonus.minControls) return false;
  // Compared as counts, with room for rounding: 0.9 × 30 is 27.000000000000004 in floating point.
  return correct >= bonus.controlAccuracyAtLeast * controls - 1e-9;
}

/**
 * A person's pay: base = answers (or hours worked) × the rate, rounded to the cent; bonus =
 * `percent` of base, rounded to the cent, when control accuracy meets the rule and the person is
 * eligible; total = base + bonus.
 * @example personPay({ answers: 200, workedMs: 0, controls: 10, controlsCorrect: 9, bonusEligible: true }, { rate: { basis: 'answer', usd: 0.125 }, bonus }) // base 2500¢, bonus 250¢
 * Complexity: O(1).
 */
export function personPay(
  work: PaidWork,
  options: { readonly rate: PayRate; readonly bonus: PaySettings['bonus'] },
): PayAmounts {
  const units = options.rate.basis === 'hour' ? work.workedMs / 3_600_000 : work.answers;
  const baseCents = cents(units * options.rate.usd);
  const bonusEarned =
    work.bonusEligible && meetsBonus(work.controlsCorrect, work.controls, options.bonus);
  const bonusCents = bonusEarned ? Math.round((baseCents * options.bonus.percent) / 100) : 0;
  return { baseCents, bonusCents, totalCents: baseCents + bonusCents, bonusEarned };
}

/** Dollars to whole cents, halves up; 1e-9 absorbs binary rounding (0.145 × 100 = 14.499…). */
function cents(usd: number): number {
  return Math.round(usd * 100 + 1e-9);
}
