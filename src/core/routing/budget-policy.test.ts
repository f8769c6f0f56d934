import { describe, expect, it } from 'vitest';
import { chooseWithinBudget } from './budget-policy.js';

const policy = (name: string, cost: number, estimate: number, lower: number) => ({
  name,
  cost,
  accuracy: { estimate, lower, upper: Math.min(1, estimate + 0.02) },
});

describe('chooseWithinBudget', () => {
  const policies = [
    policy('machine only', 10, 0.9, 0.88),
    policy('strict', 800, 0.97, 0.96),
    policy('middle', 500, 0.95, 0.93),
    policy('middle, cheaper', 450, 0.95, 0.93),
    policy('people only', 2000, 0.98, 0.97),
  ];

  it('picks the most accurate policy that fits the budget', () => {
    expect(chooseWithinBudget(policies, 1000)?.name).toBe('strict');
    expect(chooseWithinBudget(policies, 5000)?.name).toBe('people only');
  });

  it('breaks ties by lower bound, then by cost', () => {
    expect(chooseWithinBudget(policies, 600)?.name).toBe('middle, cheaper');
    const tied = [policy('a', 100, 0.9, 0.85), policy('b', 200, 0.9, 0.87)];
    expect(chooseWithinBudget(tied, 300)?.name).toBe('b');
  });

  it('returns null when nothing fits', () => {
    expect(chooseWithinBudget(policies, 5)).toBeNull();
  });
});
