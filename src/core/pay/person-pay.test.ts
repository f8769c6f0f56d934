import { describe, expect, it } from 'vitest';
import { PROJECT_DEFAULTS } from '../project.js';
import { meetsBonus, payRate, personPay, type PaidWork } from './person-pay.js';

const bonus = { controlAccuracyAtLeast: 0.9, minControls: 5, percent: 10 };
const prices = { ...PROJECT_DEFAULTS.prices, humanHourlyUsd: 15, humanItemsPerHour: 120 };
const work = (over: Partial<PaidWork>): PaidWork => ({
  answers: 0,
  workedMs: 0,
  controls: 0,
  controlsCorrect: 0,
  bonusEligible: true,
  ...over,
});

describe('payRate', () => {
  it('per answer is the cost model’s price of one annotation: $15 / 120 = $0.125', () => {
    expect(payRate(prices, { basis: 'answer', bonus })).toEqual({ basis: 'answer', usd: 0.125 });
  });
  it('per hour is the hourly rate', () => {
    expect(payRate(prices, { basis: 'hour', bonus })).toEqual({ basis: 'hour', usd: 15 });
  });
});

describe('meetsBonus', () => {
  it('is met exactly at the threshold and not one answer below', () => {
    expect(meetsBonus(9, 10, bonus)).toBe(true); // 90.0%
    expect(meetsBonus(27, 30, bonus)).toBe(true); // 0.9 × 30 = 27.000000000000004 in floats
    expect(meetsBonus(26, 30, bonus)).toBe(false); // 86.7%
    expect(meetsBonus(8, 9, bonus)).toBe(false); // 88.9%
  });
  it('needs minControls controls', () => {
    expect(meetsBonus(4, 4, bonus)).toBe(false);
    expect(meetsBonus(5, 5, bonus)).toBe(true);
    expect(meetsBonus(0, 0, { ...bonus, minControls: 0 })).toBe(false);
  });
});

describe('personPay', () => {
  const perAnswer = { rate: { basis: 'answer' as const, usd: 0.125 }, bonus };

  it('200 answers at $0.125 with 9/10 controls: $25.00 + 10% = $27.50', () => {
    expect(personPay(work({ answers: 200, controls: 10, controlsCorrect: 9 }), perAnswer)).toEqual({
      baseCents: 2500,
      bonusCents: 250,
      totalCents: 2750,
      bonusEarned: true,
    });
  });

  it('8/9 controls earn no bonus', () => {
    expect(
      personPay(work({ answers: 200, controls: 9, controlsCorrect: 8 }), perAnswer),
    ).toMatchObject({ baseCents: 2500, bonusCents: 0, totalCents: 2500, bonusEarned: false });
  });

  it('rounds to the cent, halves up: 3 answers at $0.125 = $0.375 → 38¢, bonus 3.8¢ → 4¢', () => {
    expect(personPay(work({ answers: 3, controls: 5, controlsCorrect: 5 }), perAnswer)).toEqual({
      baseCents: 38,
      bonusCents: 4,
      totalCents: 42,
      bonusEarned: true,
    });
  });

  it('a discounted or suspended person is paid base without the bonus', () => {
    expect(
      personPay(
        work({ answers: 200, controls: 10, controlsCorrect: 10, bonusEligible: false }),
        perAnswer,
      ),
    ).toMatchObject({ baseCents: 2500, bonusCents: 0, bonusEarned: false });
  });

  it('per hour: 1 h 30 min at $15 = $22.50, answers do not count', () => {
    expect(
      personPay(work({ answers: 999, workedMs: 90 * 60_000 }), {
        rate: { basis: 'hour', usd: 15 },
        bonus,
      }),
    ).toMatchObject({ baseCents: 2250, bonusCents: 0, totalCents: 2250 });
  });
});
