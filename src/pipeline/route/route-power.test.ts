import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { guaranteedPolicy } from '../../core/routing/guaranteed-policy.js';

/** Sentiment sentences, 600 gold and 1,800 pool items (see the fixture's .md for provenance). */
const fixture = JSON.parse(
  readFileSync(
    new URL('../../testing/fixtures/sentiment-route-scores.json', import.meta.url),
    'utf8',
  ),
) as { gold: { scores: number[]; correct: number[] }; pool: number[] };

describe('threshold choice on the sentiment sentences (600 gold)', () => {
  const { gold, pool } = fixture;

  it('certifies a threshold at an 85% target where the strictest start certified nothing', () => {
    const before = guaranteedPolicy({ gold, pool, target: 0.85, delta: 0.05, start: 'gold-size' });
    expect(before.threshold).toBeNull();
    const first = before.tests[0];
    expect(first?.accepted).toBeLessThan(40);
    expect(first?.certified).toBe(false);

    const after = guaranteedPolicy({ gold, pool, target: 0.85, delta: 0.05 });
    expect(after.threshold).not.toBeNull();
    expect(after.start?.goldAccepted).toBeGreaterThan(first?.accepted ?? 0);
    expect(after.counts.accept).toBeGreaterThan(0.25 * pool.length);
    // The certified threshold's accepted gold clears the target with its own bound too.
    expect(after.summary.goldAcceptedCorrect / after.summary.goldAccepted).toBeGreaterThan(0.85);
    expect(after.goldNeeded).toBeNull();
  });

  it('says how much more gold a stricter target needs, never none when nothing passed', () => {
    const figures = [0.9, 0.92, 0.94, 0.96].map((target) => {
      const policy = guaranteedPolicy({ gold, pool, target, delta: 0.05 });
      const need = policy.goldNeeded;
      if (policy.threshold !== null) expect(need).toBeNull();
      else if (need?.additionalGold !== null) {
        expect(need?.additionalGold).toBeGreaterThan(0);
        expect(need?.totalGold).toBe(600 + (need?.additionalGold as number));
      }
      return need?.additionalGold;
    });
    expect(figures.some((f) => typeof f === 'number' && f > 0)).toBe(true);
  });
});
