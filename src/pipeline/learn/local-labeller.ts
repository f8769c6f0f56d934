import type { LocalClassifier } from '../../core/local-model/local-classifier.js';
import type { Item } from '../../core/types.js';
import { itemText } from '../items/index.js';
import { textPredictor, type LocalPredictor } from './local-predictor.js';
import { localSource, type LabelOutcome, type Labeller } from '../label/index.js';

export interface LocalLabellerOptions {
  /** A text classifier, or any predictor (e.g. one over embeddings). */
  readonly model: LocalClassifier | LocalPredictor;
  readonly version: number;
  readonly fields: readonly string[];
}

/**
 * The local model as a first-pass labeller: its softmax over the project's labels is the
 * distribution. Scores 512 items per call; no network, no cost.
 * @example const labeller = createLocalLabeller({ model, version: 2, fields: ['text'] });
 */
export function createLocalLabeller(options: LocalLabellerOptions): Labeller {
  const { version, fields } = options;
  const model = 'state' in options.model ? textPredictor(options.model) : options.model;
  const labelSet = model.labelSet;
  return {
    source: localSource(version),
    batchSize: 512,
    concurrency: 1,
    description: { kind: 'local', version, trainedOn: model.trainedOn },
    label: async (items: readonly Item[]): Promise<LabelOutcome[]> => {
      const started = performance.now();
      const probabilities = await model.predict(items.map((item) => itemText(item, fields)));
      const latencyMs = (performance.now() - started) / Math.max(1, items.length);
      return probabilities.map((p) => localOutcome(labelSet, p, latencyMs));
    },
  };
}

/**
 * The local model's outcome for one item: its softmax over `labelSet` as the distribution and
 * the most probable label (first on ties).
 * @example localOutcome(['ham', 'spam'], Float64Array.of(0.2, 0.8), 0).label // 'spam'
 * Complexity: O(K).
 */
export function localOutcome(
  labelSet: readonly string[],
  p: Float64Array,
  latencyMs: number,
): LabelOutcome {
  return {
    label: labelSet[topIndex(p)] as string,
    probabilities: Object.fromEntries(labelSet.map((l, k) => [l, p[k] as number])),
    method: 'local-model',
    otherMass: 0,
    verbalized: null,
    rationale: null,
    abstainReason: null,
    tokensIn: 0,
    tokensOut: 0,
    costUsd: 0,
    latencyMs,
  };
}

/**
 * Index of the largest value (the first on ties).
 * @example topIndex(Float64Array.of(0.2, 0.5, 0.3)) // 1
 * Complexity: O(K).
 */
export function topIndex(p: Float64Array): number {
  let top = 0;
  for (let k = 1; k < p.length; k++) if ((p[k] as number) > (p[top] as number)) top = k;
  return top;
}
