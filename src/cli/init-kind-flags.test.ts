import { describe, expect, it } from 'vitest';
import { kindSettings, scaleLevels } from './init-kind-flags.js';

describe('init kind flags', () => {
  it('turns --scale into the levels, lowest first', () => {
    expect(scaleLevels('1-5').map((l) => l.name)).toEqual(['1', '2', '3', '4', '5']);
    expect(scaleLevels('-3-1').map((l) => l.name)).toEqual(['-3', '-2', '-1', '0', '1']);
    expect(scaleLevels('0..2').map((l) => l.name)).toEqual(['0', '1', '2']);
    expect(() => scaleLevels('5-1')).toThrow(/--scale 5-1 is not a range/);
    expect(() => scaleLevels('1-5.5')).toThrow(/not a range of whole numbers/);
  });

  it('gives each kind its options and refuses a flag of another kind', () => {
    expect(kindSettings({})).toEqual({ kind: 'classify' });
    expect(kindSettings({ kind: 'multilabel', maxLabels: '3', measure: 'per-label' })).toEqual({
      kind: 'multilabel',
      multilabel: { maxLabels: 3, measure: 'per-label' },
    });
    expect(kindSettings({ kind: 'rating', withinK: '2' })).toEqual({
      kind: 'rating',
      rating: { withinK: 2 },
    });
    expect(kindSettings({ kind: 'pairwise', systemFields: 'sa, sb' })).toEqual({
      kind: 'pairwise',
      pairwise: { systemA: 'sa', systemB: 'sb' },
    });
    expect(() => kindSettings({ kind: 'ranking' })).toThrow(
      '--kind ranking is not one of classify, multilabel, pairwise, rating',
    );
    expect(() => kindSettings({ kind: 'pairwise', scale: '1-5' })).toThrow(
      '--scale is for --kind rating, not pairwise',
    );
    expect(() => kindSettings({ measure: 'exact' })).toThrow(
      '--measure is for --kind multilabel or rating, not classify',
    );
    expect(() => kindSettings({ kind: 'multilabel', minLabels: '-1' })).toThrow(
      '--min-labels must be a whole number ≥ 0, got -1',
    );
    expect(() => kindSettings({ kind: 'pairwise', systemFields: 'sa' })).toThrow(
      /--system-fields needs two field names/,
    );
  });
});
