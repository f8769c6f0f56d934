import { describe, expect, it } from 'vitest';
import { HiloError } from '../errors.js';
import { buildVoteMatrix, sortLabels } from './build-vote-matrix.js';
import { createVoteMatrix } from './vote-matrix.js';

describe('createVoteMatrix', () => {
  const matrix = createVoteMatrix({
    numClasses: 3,
    item: Int32Array.of(2, 0, 2, 1, 0),
    annotator: Int32Array.of(0, 1, 1, 0, 0),
    label: Int32Array.of(2, 1, 0, 1, 1),
  });

  it('sorts votes by item, keeping their order within an item', () => {
    expect([...matrix.itemOffsets]).toEqual([0, 2, 3, 5]);
    expect([...matrix.item]).toEqual([0, 0, 1, 2, 2]);
    expect([...matrix.annotator]).toEqual([1, 0, 0, 0, 1]);
    expect([...matrix.label]).toEqual([1, 1, 1, 2, 0]);
  });

  it('groups vote indices by annotator', () => {
    expect([...matrix.annotatorOffsets]).toEqual([0, 3, 5]);
    const ofAnnotator = (a: number) => [
      ...matrix.annotatorVotes.subarray(matrix.annotatorOffsets[a], matrix.annotatorOffsets[a + 1]),
    ];
    expect(ofAnnotator(0).every((v) => matrix.annotator[v] === 0)).toBe(true);
    expect(ofAnnotator(1).map((v) => matrix.item[v])).toEqual([0, 2]);
  });

  it('keeps soft votes with their rows, normalised, and labels them by argmax', () => {
    const soft = createVoteMatrix({
      numClasses: 2,
      item: Int32Array.of(1, 0),
      annotator: Int32Array.of(0, 0),
      label: Int32Array.of(-1, 0),
      soft: { votes: Int32Array.of(0), probabilities: Float64Array.of(1, 3) },
    });
    expect([...(soft.softRow as Int32Array)]).toEqual([-1, 0]);
    expect([...(soft.soft as Float64Array)]).toEqual([0.25, 0.75]);
    expect(soft.label[1]).toBe(1);
  });

  it('names what is wrong with bad input', () => {
    const base = { numClasses: 2, item: Int32Array.of(0), annotator: Int32Array.of(0) };
    expect(() => createVoteMatrix({ ...base, label: Int32Array.of(2) })).toThrow(/label 2/);
    expect(() => createVoteMatrix({ ...base, label: Int32Array.of(-1) })).toThrow(HiloError);
    expect(() => createVoteMatrix({ ...base, numClasses: 1, label: Int32Array.of(0) })).toThrow(
      /numClasses/,
    );
    expect(() =>
      createVoteMatrix({ ...base, label: Int32Array.of(0), annotatorWeight: Float64Array.of(-1) }),
    ).toThrow(/weights/);
    expect(() =>
      createVoteMatrix({
        ...base,
        label: Int32Array.of(0),
        soft: { votes: Int32Array.of(0), probabilities: Float64Array.of(0, 0) },
      }),
    ).toThrow(/sum to 0/);
  });
});

describe('buildVoteMatrix', () => {
  it('maps names to indices and sorts numeric labels by value', () => {
    const built = buildVoteMatrix([
      { item: 'x', annotator: 'ann', label: '10' },
      { item: 'y', annotator: 'bob', label: '9' },
      { item: 'x', annotator: 'bob', label: '2' },
    ]);
    expect(built.labels).toEqual(['2', '9', '10']);
    expect(built.items).toEqual(['x', 'y']);
    expect(built.annotators).toEqual(['ann', 'bob']);
    expect(built.itemIndex.get('y')).toBe(1);
    expect(built.matrix.numVotes).toBe(3);
  });

  it('takes soft votes as probabilities by label name', () => {
    const built = buildVoteMatrix(
      [
        { item: 'a', annotator: 'ann', label: 'ham' },
        { item: 'a', annotator: 'llm:m#1', probabilities: { spam: 0.8, ham: 0.2 } },
      ],
      { labels: ['ham', 'spam'] },
    );
    const { softRow, soft, label } = built.matrix;
    const v = softRow?.findIndex((row) => row >= 0) as number;
    expect(label[v]).toBe(1);
    expect([...(soft as Float64Array)]).toEqual([0.2, 0.8]);
  });

  it('includes listed items without votes and applies annotator weights', () => {
    const built = buildVoteMatrix([{ item: 'a', annotator: 'ann', label: 'no' }], {
      labels: ['no', 'yes'],
      items: ['z', 'a'],
      annotatorWeights: { ann: 0.5 },
    });
    expect(built.items).toEqual(['z', 'a']);
    expect([...built.matrix.itemOffsets]).toEqual([0, 0, 1]);
    expect([...(built.matrix.annotatorWeight as Float64Array)]).toEqual([0.5]);
  });

  it('rejects a label outside the label set, naming it', () => {
    expect(() =>
      buildVoteMatrix([{ item: 'a', annotator: 'b', label: 'spma' }], { labels: ['spam', 'ham'] }),
    ).toThrow(/vote 0: label "spma"/);
    expect(() => buildVoteMatrix([{ item: 'a', annotator: 'b' }], { labels: ['a', 'b'] })).toThrow(
      /neither a label nor probabilities/,
    );
  });

  it('orders numbers by value, and mixed labels by code unit', () => {
    expect(sortLabels(['10', '9', '2'])).toEqual(['2', '9', '10']);
    expect(sortLabels(['b', '10', 'a', '9'])).toEqual(['10', '9', 'a', 'b']);
  });
});
