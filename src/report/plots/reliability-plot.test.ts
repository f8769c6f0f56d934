import { describe, expect, it } from 'vitest';
import { createLinkedomDocument } from '../linkedom-document.js';
import { reliabilityPlot } from './reliability-plot.js';

const bins = [
  { lower: 0.6, upper: 0.7, meanConfidence: 0.65, accuracy: 0.5, count: 10 },
  { lower: 0.9, upper: 1, meanConfidence: 0.97, accuracy: 0.9, count: 90 },
];

describe('reliabilityPlot', () => {
  it('draws a panel before and after calibration with a bar and a dot per bin', () => {
    const svg = reliabilityPlot(
      { before: bins, after: bins.slice(1), beforeNote: 'ECE 8%', afterNote: 'ECE 2%' },
      { document: createLinkedomDocument() },
    ).outerHTML;
    expect(svg).toContain('id="plot-reliability"');
    expect(svg).toContain('Before calibration');
    expect(svg).toContain('After calibration');
    expect(svg).toContain('ECE 8%');
    expect(svg.match(/<circle/g)).toHaveLength(3);
  });

  it('draws one raw panel when nothing was calibrated', () => {
    const svg = reliabilityPlot(
      { before: bins, after: null },
      { document: createLinkedomDocument() },
    ).outerHTML;
    expect(svg).toContain('Raw confidence');
    expect(svg).not.toContain('After calibration');
    expect(svg.match(/<circle/g)).toHaveLength(2);
  });
});
