import { describe, expect, it } from 'vitest';
import { parseProjectConfig } from './project-schema.js';

function problems(raw: unknown): string {
  const parsed = parseProjectConfig(raw);
  if (parsed.ok) throw new Error('expected problems');
  return parsed.problems.join('\n');
}

describe('task kinds in hilo.yaml', () => {
  it('gives a pairwise project its verdicts and its prompt and response fields by default', () => {
    const parsed = parseProjectConfig({ name: 'judge', kind: 'pairwise' });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.config.labels.map((l) => l.name)).toEqual(['a', 'b', 'tie']);
    expect(parsed.config.fields).toEqual(['prompt', 'a', 'b']);
    expect(parsed.config.pairwise.swap).toBe(true);
  });

  it('follows renamed pairwise fields and allows leaving out the tie', () => {
    const parsed = parseProjectConfig({
      name: 'judge',
      kind: 'pairwise',
      labels: ['a', 'b'],
      pairwise: { prompt: 'question', a: 'left', b: 'right', systemA: 'model_a' },
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.config.fields).toEqual(['question', 'left', 'right']);
    expect(parsed.config.labels.map((l) => l.name)).toEqual(['a', 'b']);
    expect(parsed.config.pairwise.systemA).toBe('model_a');
    expect(parsed.config.pairwise.systemB).toBeNull();
  });

  it('refuses pairwise labels other than a, b, tie and fields that hide a response', () => {
    expect(problems({ name: 'j', kind: 'pairwise', labels: ['left', 'right'] })).toContain(
      "labels: a pairwise project's labels are a, b and (optionally) tie, in that order; got left,right",
    );
    expect(problems({ name: 'j', kind: 'pairwise', fields: ['prompt', 'a'] })).toContain(
      'fields: a pairwise project shows both responses; add b to fields',
    );
    expect(problems({ name: 'j', kind: 'pairwise', pairwise: { a: 'prompt' } })).toContain(
      'pairwise: prompt, a and b must be three different fields',
    );
  });

  it('requires labels for every kind but pairwise', () => {
    expect(problems({ name: 'x', kind: 'rating' })).toContain('labels: required');
    expect(problems({ name: 'x' })).toContain('labels: required');
  });

  it('checks a multi-label project: no "|" in a name, bounds within the label count', () => {
    expect(problems({ name: 'x', kind: 'multilabel', labels: ['a|b', 'c'] })).toContain(
      'cannot contain "|"',
    );
    expect(
      problems({ name: 'x', kind: 'multilabel', labels: ['a', 'b'], multilabel: { maxLabels: 3 } }),
    ).toContain('multilabel.maxLabels: 3 is more than the 2 labels');
    expect(
      problems({
        name: 'x',
        kind: 'multilabel',
        labels: ['a', 'b', 'c'],
        multilabel: { minLabels: 3, maxLabels: 2 },
      }),
    ).toContain('multilabel.minLabels: 3 is more than maxLabels (2)');
    const parsed = parseProjectConfig({ name: 'x', kind: 'multilabel', labels: ['a', 'b'] });
    expect(parsed.ok && parsed.config.multilabel).toEqual({
      minLabels: 0,
      maxLabels: null,
      measure: 'exact',
    });
  });

  it('takes a rating scale with anchors and a within-k measure', () => {
    const parsed = parseProjectConfig({
      name: 'x',
      kind: 'rating',
      labels: [
        { name: '1', description: 'not abusive' },
        '2',
        '3',
        '4',
        { name: '5', description: 'severe' },
      ],
      rating: { measure: 'within-k', withinK: 1 },
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.config.rating).toEqual({ measure: 'within-k', withinK: 1 });
    expect(parsed.config.labels[0]).toEqual({ name: '1', description: 'not abusive' });
  });
});
