import { describe, expect, it } from 'vitest';
import { annotatorQuality } from './annotator-quality.js';
import { crowdHistory } from '../../testing/fixtures/crowd-fixture.js';
import { annotator } from '../../testing/builders/index.js';

describe('annotatorQuality', () => {
  it("joins control accuracy and its interval with each person's Dawid-Skene matrix", async () => {
    const ctx = await crowdHistory();
    await ctx.store.people.updateAnnotator('good1', { controlsSeen: 20, controlsCorrect: 19 });
    await ctx.store.people.createAnnotator(annotator('newcomer'), 'h-new');
    const report = await annotatorQuality(ctx);
    const by = new Map(report.annotators.map((a) => [a.id, a]));
    const good = by.get('good1');
    expect(good).toMatchObject({ controls: 20, controlAccuracy: 0.95, fittedVotes: 60 });
    expect(good?.controlInterval.low).toBeLessThan(0.95);
    expect(good?.controlInterval.high).toBeGreaterThan(0.95);
    expect(good?.estimatedAccuracy).toBeGreaterThan(0.85);
    expect(by.get('bad1')?.estimatedAccuracy).toBeLessThan(0.75);
    // A discounted person is still fitted, so the list shows why.
    expect(by.get('disc')).toMatchObject({ discounted: true, fittedVotes: 60 });
    expect(by.get('newcomer')).toMatchObject({
      fittedVotes: 0,
      estimatedAccuracy: null,
      usesPooled: true,
      confusion: null,
    });
    const spamRow = good?.confusion?.spam ?? {};
    expect((spamRow.spam ?? 0) + (spamRow.ham ?? 0)).toBeCloseTo(1, 12);
    expect(spamRow.spam).toBeGreaterThan(0.85);
    expect(report.pooled.ham?.ham).toBeGreaterThan(0.5);
    expect(report.votes).toBe(60 * 9);
  });
});
