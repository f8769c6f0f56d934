import { describe, expect, it } from 'vitest';
import { createLinkedomDocument } from '../linkedom-document.js';
import { costAccuracyPlot } from './cost-accuracy-plot.js';

const points = [0.2, 0.6, 1].map((coverage) => ({
  coverage,
  cost: 100 * (1 - coverage) + 1,
  accuracy: { estimate: 0.99 - coverage / 20, lower: 0.95 - coverage / 20, upper: 1 },
}));
const base = {
  points,
  allHuman: { cost: 110, accuracy: 0.95 },
  allMachine: { cost: 1, accuracy: { estimate: 0.9, lower: 0.86, upper: 0.93 } },
};

describe('costAccuracyPlot', () => {
  it('draws a dot per policy, both baselines, and rings the chosen one', () => {
    const svg = costAccuracyPlot(
      { ...base, chosen: 1, target: 0.97 },
      { document: createLinkedomDocument() },
    ).outerHTML;
    expect(svg).toContain('id="plot-cost-accuracy"');
    expect(svg).toContain('people alone');
    expect(svg).toContain('machine alone');
    expect(svg).toContain('chosen: 60% accepted');
    expect(svg.match(/<circle/g)).toHaveLength(points.length + 1);
    expect(svg).toContain('>$100</text>');
  });

  it('rings nothing when no policy is chosen', () => {
    const svg = costAccuracyPlot(
      { ...base, chosen: null },
      { document: createLinkedomDocument() },
    ).outerHTML;
    expect(svg).not.toContain('chosen:');
    expect(svg.match(/<circle/g)).toHaveLength(points.length);
  });
});
