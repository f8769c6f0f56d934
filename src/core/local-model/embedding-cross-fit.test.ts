import { describe, expect, it } from 'vitest';
import { PROJECT_DEFAULTS, type LocalLabellerConfig } from '../project.js';
import { crossFitEmbeddingPredict } from './embedding-cross-fit.js';

const config: LocalLabellerConfig = {
  ...PROJECT_DEFAULTS.labeller.local,
  features: 1 << 10,
  wordNgrams: 1,
  charNgrams: [0, 0],
  l2: 1e-5,
  epochs: 10,
  seed: 1,
};

/** Two directions with their labels; item 0 is mislabelled. */
function data() {
  const vectors = Array.from({ length: 40 }, (_, i) =>
    i % 2 === 0 ? Float32Array.of(1, 0.1 * (i % 5)) : Float32Array.of(0.1 * (i % 5), 1),
  );
  const labels = vectors.map((_, i) => (i % 2 === 0 ? 'x' : 'y'));
  labels[0] = 'y';
  return { vectors, labels };
}

describe('crossFitEmbeddingPredict', () => {
  it('predicts each item by a model that never saw it, reproducibly', () => {
    const { vectors, labels } = data();
    const options = {
      vectors,
      labels,
      labelSet: ['x', 'y'],
      config,
      embeddingModel: 'm',
      folds: 4,
      seed: 3,
    };
    const result = crossFitEmbeddingPredict(options);
    expect(result.probabilities).toHaveLength(40);
    expect(new Set(result.fold)).toEqual(new Set([0, 1, 2, 3]));
    // Out of fold, the mislabelled item is predicted as what its vector says, not as its label.
    expect(result.probabilities[0]?.[0]).toBeGreaterThan(0.5);
    expect(crossFitEmbeddingPredict(options).probabilities).toEqual(result.probabilities);
  });

  it('refuses impossible folds', () => {
    const { vectors, labels } = data();
    expect(() =>
      crossFitEmbeddingPredict({
        vectors,
        labels,
        labelSet: ['x', 'y'],
        config,
        embeddingModel: 'm',
        folds: 1,
        seed: 1,
      }),
    ).toThrow(/folds/);
  });
});
