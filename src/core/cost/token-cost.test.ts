import { describe, expect, it } from 'vitest';
import { tokenCost } from './token-cost.js';

const mini = { inputPerMTok: 0.15, outputPerMTok: 0.6 };

describe('tokenCost', () => {
  it('charges input and output per million tokens', () => {
    expect(tokenCost({ tokensIn: 1000, tokensOut: 10 }, mini)).toBe(0.000156);
    expect(tokenCost({ tokensIn: 123_457, tokensOut: 321 }, mini)).toBe(0.01871115);
    expect(
      tokenCost(
        { tokensIn: 2_000_000, tokensOut: 1_000_000 },
        { inputPerMTok: 2.5, outputPerMTok: 10 },
      ),
    ).toBe(15);
  });

  it('prices an embedding call by its input alone', () => {
    expect(
      tokenCost({ tokensIn: 87, tokensOut: 0 }, { inputPerMTok: 0.02, outputPerMTok: 0 }),
    ).toBe(0.00000174);
  });

  it('costs nothing without tokens or at a zero price', () => {
    expect(tokenCost({ tokensIn: 0, tokensOut: 0 }, mini)).toBe(0);
    expect(
      tokenCost({ tokensIn: 5000, tokensOut: 50 }, { inputPerMTok: 0, outputPerMTok: 0 }),
    ).toBe(0);
  });
});
