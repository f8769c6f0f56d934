import { describe, expect, it } from 'vitest';
import { confusionPosterior, oneCoinMatrix, pooledConfusionMatrix } from './confusion-posterior.js';
import { dawidSkene } from './dawid-skene.js';
import { simulateCrowd } from './fixtures/simulated-crowd.js';
import { createVoteMatrix } from './vote-matrix.js';

describe('confusionPosterior', () => {
  it('gives the E-step posterior of a fitted Dawid-Skene model for every item', () => {
    const crowd = simulateCrowd({
      numItems: 200,
      numAnnotators: 12,
      numClasses: 3,
      votesPerItem: 3,
      seed: 5,
    });
    const matrix = createVoteMatrix({ ...crowd, numClasses: 3 });
    // Stopped after exactly one sweep, the stored posteriors are the E-step of the stored model.
    const ds = dawidSkene(matrix, { maxIterations: 1, tolerance: 0 });
    const model = {
      numClasses: 3,
      classPriors: ds.classPriors,
      confusion: ds.skills.confusion as Float64Array,
    };
    for (const i of [0, 17, 199]) {
      const start = matrix.itemOffsets[i] as number;
      const end = matrix.itemOffsets[i + 1] as number;
      const p = confusionPosterior(model, {
        matrix: matrix.annotator.slice(start, end),
        label: matrix.label.slice(start, end),
      });
      for (let k = 0; k < 3; k++) expect(p[k]).toBeCloseTo(ds.posteriors[i * 3 + k] as number, 6);
    }
  });

  it('reads a soft vote through its matrix, ignores a zero-weight vote, and is the prior without votes', () => {
    const model = {
      numClasses: 2,
      classPriors: Float64Array.of(0.5, 0.5),
      confusion: Float64Array.of(...oneCoinMatrix(2, 0.9), ...oneCoinMatrix(2, 0.5)),
    };
    const prior = confusionPosterior(model, {
      matrix: new Int32Array(0),
      label: new Int32Array(0),
    });
    expect([...prior]).toEqual([0.5, 0.5]);
    const soft = confusionPosterior(model, {
      matrix: Int32Array.of(0),
      label: Int32Array.of(-1),
      soft: Float64Array.of(1, 0),
    });
    expect(soft[0]).toBeCloseTo(0.9);
    // An annotator no better than a coin moves nothing.
    const coin = confusionPosterior(model, { matrix: Int32Array.of(1), label: Int32Array.of(0) });
    expect(coin[0]).toBeCloseTo(0.5);
    const ignored = confusionPosterior(model, {
      matrix: Int32Array.of(0, 0),
      label: Int32Array.of(0, 1),
      weight: Float64Array.of(1, 0),
    });
    expect(ignored[0]).toBeCloseTo(0.9);
  });
});

describe('pooledConfusionMatrix', () => {
  it('pools the included annotators, starts from the prior and keeps rows stochastic', () => {
    // Annotator 0 always right, annotator 1 always says class 0.
    const matrix = createVoteMatrix({
      numClasses: 2,
      item: Int32Array.of(0, 1, 2, 3, 0, 1, 2, 3),
      annotator: Int32Array.of(0, 0, 0, 0, 1, 1, 1, 1),
      label: Int32Array.of(0, 1, 0, 1, 0, 0, 0, 0),
    });
    const gold = Int32Array.of(0, 1, 0, 1);
    const { state } = dawidSkene(matrix, { gold, smoothing: 0 });
    const onlyGood = pooledConfusionMatrix(state, { include: Uint8Array.of(1, 0) });
    expect([...onlyGood]).toEqual([1, 0, 0, 1]);
    const both = pooledConfusionMatrix(state);
    expect(both[2]).toBeCloseTo(0.5); // truth 1: half the answers say 0
    const withPrior = pooledConfusionMatrix(state, {
      include: Uint8Array.of(1, 0),
      prior: oneCoinMatrix(2, 0.5),
      priorWeight: 2,
    });
    expect(withPrior[0]).toBeCloseTo((2 + 1) / 4);
    expect((withPrior[2] as number) + (withPrior[3] as number)).toBeCloseTo(1);
  });
});
