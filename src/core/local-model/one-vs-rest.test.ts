import { describe, expect, it } from 'vitest';
import { PROJECT_DEFAULTS } from '../project.js';
import {
  deserializeOneVsRest,
  isOneVsRestPayload,
  serializeOneVsRest,
  trainOneVsRest,
} from './one-vs-rest.js';

const config = {
  ...PROJECT_DEFAULTS.labeller.local,
  features: 1 << 12,
  wordNgrams: 1,
  charNgrams: [0, 0] as const,
  epochs: 30,
  l2: 1e-4,
};
const LABELS = ['fruit', 'cars', 'music'];
const WORDS = [
  ['apple', 'banana', 'mango'],
  ['engine', 'wheel', 'brake'],
  ['guitar', 'drum', 'piano'],
];

/** Each text names one word of every label in its set, so the sets are learnable. */
function corpus(n: number) {
  const texts: string[] = [];
  const sets: number[][] = [];
  for (let i = 0; i < n; i++) {
    const set = [0, 1, 2].filter((l) => ((i >> l) & 1) === 1);
    texts.push(set.map((l) => WORDS[l]?.[i % 3]).join(' ') || 'nothing here');
    sets.push(set);
  }
  return { texts, sets };
}

describe('trainOneVsRest', () => {
  it('gives each label its own probability, high where the label applies and low elsewhere', () => {
    const { texts, sets } = corpus(48);
    const model = trainOneVsRest({ texts, sets, labelSet: LABELS, config });
    const [both, none] = model.predict(['banana piano', 'nothing here']).probabilities;
    expect(both?.[0]).toBeGreaterThan(0.7);
    expect(both?.[2]).toBeGreaterThan(0.7);
    expect(both?.[1]).toBeLessThan(0.3);
    expect(Math.max(...(none ?? []))).toBeLessThan(0.3);
    // Rows are not distributions: two labels can both be likely.
    expect((both?.[0] ?? 0) + (both?.[2] ?? 0)).toBeGreaterThan(1.2);
    expect(model.trainedOn).toBe(48);
  });

  it('keeps a label no text carries unlikely', () => {
    const { texts, sets } = corpus(16);
    const model = trainOneVsRest({
      texts,
      sets: sets.map((s) => s.filter((l) => l !== 1)),
      labelSet: LABELS,
      config,
    });
    expect(model.predict(['engine wheel']).probabilities[0]?.[1]).toBeLessThan(0.5);
  });

  it('is stored and read back predicting the same', () => {
    const { texts, sets } = corpus(24);
    const model = trainOneVsRest({ texts, sets, labelSet: LABELS, config });
    const payload = serializeOneVsRest(model);
    expect(isOneVsRestPayload(payload)).toBe(true);
    const back = deserializeOneVsRest(payload);
    expect(back.labelSet).toEqual(LABELS);
    const a = model.predict(['apple drum']).probabilities[0];
    const b = back.predict(['apple drum']).probabilities[0];
    expect([...(b ?? [])]).toEqual([...(a ?? [])]);
  });

  it('refuses an index outside the labels and a damaged payload', () => {
    expect(() => trainOneVsRest({ texts: ['a'], sets: [[3]], labelSet: LABELS, config })).toThrow(
      /label index 3 is outside 0..2/,
    );
    expect(() => deserializeOneVsRest('{"format":"hilo.one-vs-rest","version":1}')).toThrow(
      /not hilo.one-vs-rest version 1/,
    );
    expect(isOneVsRestPayload('{"format":"hilo.local-classifier"}')).toBe(false);
  });
});
