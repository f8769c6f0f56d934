import { describe, expect, it } from 'vitest';
import { hilo } from './cli-harness.js';

describe('hilo route --max-error', () => {
  it('refuses to mix the whole-data-set promise with the accepted-accuracy one', async () => {
    const both = await hilo(['route', '--max-error', '0.05', '--target-accuracy', '0.97']);
    expect(both.code).not.toBe(0);
    expect(both.err).toMatch(/--max-error .* and --target-accuracy .* cannot be combined/);
    const budget = await hilo(['route', '--max-error', '0.05', '--budget', '100']);
    expect(budget.err).toMatch(/--budget/);
  });

  it('takes --people-error only with --max-error, and ε strictly between 0 and 1', async () => {
    const alone = await hilo(['route', '--people-error', '0.02']);
    expect(alone.code).not.toBe(0);
    expect(alone.err).toMatch(/--people-error goes with --max-error/);
    const zero = await hilo(['route', '--max-error', '0']);
    expect(zero.code).not.toBe(0);
    expect(zero.err).toMatch(/--max-error/);
  });
});
