import { describe, expect, it } from 'vitest';
import { createLinkedomDocument } from '../linkedom-document.js';
import { confidenceHistogramPlot } from './confidence-histogram-plot.js';

const edges = [0, 0.25, 0.5, 0.75, 1];

function rects(svg: string): number {
  const group = /<g aria-label="rect">(.*?)<\/g><\/g>/.exec(svg)?.[1] ?? '';
  return (group.match(/<rect/g) ?? []).length;
}

describe('confidenceHistogramPlot', () => {
  it('stacks right and wrong held-out items and draws the pool beside, one bar per non-empty bin', () => {
    const svg = confidenceHistogramPlot(
      { edges, right: [0, 1, 4, 20], wrong: [0, 2, 1, 0], pool: [1, 0, 3, 30] },
      { document: createLinkedomDocument() },
    ).outerHTML;
    expect(svg).toContain('id="plot-confidence-histogram"');
    expect(svg).toContain('Held-out items');
    expect(svg).toContain('Pool items');
    expect(rects(svg)).toBe(3 + 2 + 3);
  });

  it('leaves out the pool panel when there is no pool', () => {
    const svg = confidenceHistogramPlot(
      { edges, right: [0, 1, 4, 20], wrong: [0, 2, 1, 0], pool: [0, 0, 0, 0] },
      { document: createLinkedomDocument() },
    ).outerHTML;
    expect(svg).not.toContain('Pool items');
    expect(rects(svg)).toBe(5);
  });
});
