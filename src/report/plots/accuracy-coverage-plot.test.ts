import { describe, expect, it } from 'vitest';
import { createLinkedomDocument } from '../linkedom-document.js';
import { accuracyCoveragePlot } from './accuracy-coverage-plot.js';

const points = [0.1, 0.5, 1].map((coverage) => ({
  coverage,
  accuracy: 1 - coverage / 10,
  lower: 0.85 - coverage / 10,
  upper: 1,
  accepted: Math.round(500 * coverage),
}));

describe('accuracyCoveragePlot', () => {
  it('draws the curve, its band, the target and the chosen point', () => {
    const svg = accuracyCoveragePlot(
      {
        points,
        target: { value: 0.95, label: 'target 95%' },
        chosen: { coverage: 0.5, accuracy: 0.95, label: 'chosen ≥ 0.9' },
      },
      { document: createLinkedomDocument() },
    ).outerHTML;
    expect(svg).toContain('id="plot-accuracy-coverage"');
    expect(svg).toContain('aria-label="area"');
    expect(svg).toContain('aria-label="line"');
    expect(svg).toContain('target 95%');
    expect(svg).toContain('chosen ≥ 0.9');
    expect(svg.match(/<circle/g)).toHaveLength(1);
  });

  it('marks nothing without a target or a chosen point', () => {
    const svg = accuracyCoveragePlot({ points }, { document: createLinkedomDocument() }).outerHTML;
    expect(svg).not.toContain('aria-label="rule"');
    expect(svg).not.toContain('<circle');
  });
});
