import { describe, expect, it } from 'vitest';
import { createLinkedomDocument } from '../linkedom-document.js';
import { confusionMatrixPlot, shownClasses } from './confusion-matrix-plot.js';

describe('confusionMatrixPlot', () => {
  it('draws one cell per pair of labels and prints the non-zero counts', () => {
    const svg = confusionMatrixPlot(
      {
        labels: ['a', 'b', '<c>'],
        counts: [
          [5, 1, 0],
          [0, 7, 2],
          [0, 0, 9],
        ],
      },
      { document: createLinkedomDocument() },
    ).outerHTML;
    expect(svg).toMatch(/^<svg\b/);
    expect(svg).toContain('id="plot-confusion-matrix"');
    const cells = /<g aria-label="cell">(.*?)<\/g>/.exec(svg)?.[1] ?? '';
    expect(cells.match(/<rect/g)).toHaveLength(9);
    expect(svg).toContain('>&lt;c&gt;</text>');
    for (const n of [5, 1, 7, 2, 9]) expect(svg).toContain(`>${n}</text>`);
    expect(svg).not.toContain('>0</text>');
  });

  it('keeps the most confused classes of a large label set, in label order', () => {
    const K = 30;
    const counts = Array.from({ length: K }, (_, g) =>
      Array.from({ length: K }, (_, p) => (g === p ? 10 : 0)),
    );
    (counts[3] as number[])[7] = 5;
    (counts[20] as number[])[3] = 2;
    (counts[29] as number[])[1] = 1;
    const shown = shownClasses(counts, 4);
    expect(shown).toEqual([1, 3, 7, 20]);
    expect(shownClasses(counts.slice(0, 3).map((row) => row.slice(0, 3)))).toEqual([0, 1, 2]);
  });
});
