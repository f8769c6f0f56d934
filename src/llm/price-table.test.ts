import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_PRICES, DEFAULT_PRICES_AS_OF, priceOf } from './price-table.js';

describe('priceOf', () => {
  it('prefers the project table, then the defaults', () => {
    const own = { 'gpt-4o-mini': { inputPerMTok: 1, outputPerMTok: 2 } };
    expect(priceOf('gpt-4o-mini', own)).toEqual({ inputPerMTok: 1, outputPerMTok: 2 });
    expect(priceOf('gpt-4o-mini')).toBe(DEFAULT_MODEL_PRICES['gpt-4o-mini']);
  });

  it('prices a dated snapshot as its family, by the longest matching name', () => {
    expect(priceOf('gpt-4o-mini-2024-07-18')).toBe(DEFAULT_MODEL_PRICES['gpt-4o-mini']);
    expect(priceOf('gpt-4o-2024-08-06')).toBe(DEFAULT_MODEL_PRICES['gpt-4o']);
    expect(priceOf('claude-sonnet-4-20250514')).toBe(DEFAULT_MODEL_PRICES['claude-sonnet-4']);
  });

  it('does not guess across a name boundary, and says when it does not know', () => {
    expect(priceOf('gpt-4ox')).toBeUndefined();
    expect(priceOf('qwen2.5:7b')).toBeUndefined();
  });

  it('is dated', () => {
    expect(DEFAULT_PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
