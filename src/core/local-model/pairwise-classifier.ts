import { HiloError } from '../errors.js';
import type { LocalLabellerConfig } from '../project.js';
import type { Rng } from '../rng.js';
import {
  deserializeLocalClassifier,
  serializeLocalClassifier,
  trainLocalClassifier,
} from './local-classifier.js';
import type { LocalClassifier } from './local-classifier-state.js';
import { swapPairwiseText, swapVerdict } from './pairwise-text.js';

/**
 * A pairwise-preference model over texts written by `pairwiseText`: a local classifier over the
 * verdicts (a, b, maybe tie) that gives the same answer whichever response is shown first.
 */
export interface PairwiseClassifier {
  readonly labelSet: readonly string[];
  readonly trainedOn: number;
  readonly model: LocalClassifier;
  predict(texts: readonly string[]): { probabilities: Float64Array[] };
}

export interface TrainPairwiseOptions {
  /** Items as `pairwiseText` writes them. */
  readonly texts: readonly string[];
  /** Each item's verdict, one of `labelSet`. */
  readonly labels: readonly string[];
  /** The project's verdicts: `a, b` or `a, b, tie`. */
  readonly labelSet: readonly string[];
  readonly config: LocalLabellerConfig;
  readonly rng?: Rng;
}

/**
 * Trains on every pair twice, as shown and with A and B exchanged (the verdict swapped with
 * it), and predicts the mean of P(verdict | A, B) and the swapped P(verdict | B, A). So the
 * model has no position bias by construction: exchanging the responses exchanges P(a) and P(b)
 * exactly, and what it learns is which content wins, not which side.
 * @example const model = trainPairwiseClassifier({ texts, labels, labelSet: ['a', 'b', 'tie'], config });
 * Complexity: one local-classifier training on 2n texts; prediction scores 2 texts per item.
 * @throws HiloError INVALID_INPUT when the verdicts are not a and b (and maybe tie).
 */
export function trainPairwiseClassifier(options: TrainPairwiseOptions): PairwiseClassifier {
  const { texts, labels, labelSet, config } = options;
  if (!labelSet.includes('a') || !labelSet.includes('b')) {
    throw new HiloError(
      'INVALID_INPUT',
      `a pairwise model needs the verdicts a and b, got ${labelSet.join(', ')}`,
    );
  }
  const model = trainLocalClassifier({
    texts: [...texts, ...texts.map(swapPairwiseText)],
    labels: [...labels, ...labels.map(swapVerdict)],
    labelSet,
    config,
    ...(options.rng ? { rng: options.rng } : {}),
  });
  return pairwiseOf(model);
}

function pairwiseOf(model: LocalClassifier): PairwiseClassifier {
  const { labelSet } = model;
  const mirror = labelSet.map((label) => labelSet.indexOf(swapVerdict(label)));
  return {
    labelSet,
    trainedOn: model.trainedOn / 2,
    model,
    predict(texts) {
      const shown = model.predict(texts).probabilities;
      const swapped = model.predict(texts.map(swapPairwiseText)).probabilities;
      return {
        probabilities: shown.map((p, i) => {
          const q = swapped[i] as Float64Array;
          return p.map((v, k) => (v + (q[mirror[k] as number] as number)) / 2);
        }),
      };
    },
  };
}

const FORMAT = { format: 'hilo.pairwise', version: 1 } as const;

/**
 * A pairwise model as one JSON string (its classifier in the local classifier's format).
 * @example deserializePairwiseClassifier(serializePairwiseClassifier(model)).predict([text]);
 * Complexity: O(model size).
 */
export function serializePairwiseClassifier(model: PairwiseClassifier): string {
  return JSON.stringify({ ...FORMAT, model: serializeLocalClassifier(model.model) });
}

/**
 * Whether a stored model payload is a pairwise model.
 * @example isPairwisePayload(serializePairwiseClassifier(model)) // true
 * Complexity: O(payload length).
 */
export function isPairwisePayload(payload: string): boolean {
  return payload.startsWith(`{"format":"${FORMAT.format}"`);
}

/**
 * Reads back a model written by `serializePairwiseClassifier`.
 * @example const model = deserializePairwiseClassifier(stored.payload);
 * Complexity: O(model size).
 * @throws HiloError INVALID_INPUT when the text is not such a model.
 */
export function deserializePairwiseClassifier(payload: string): PairwiseClassifier {
  let data: { format?: unknown; version?: unknown; model?: unknown } | null;
  try {
    data = JSON.parse(payload) as typeof data;
  } catch (cause) {
    throw new HiloError('INVALID_INPUT', 'local model payload is not JSON', undefined, { cause });
  }
  if (data?.format !== FORMAT.format || data.version !== FORMAT.version) {
    throw new HiloError(
      'INVALID_INPUT',
      `local model payload is not ${FORMAT.format} version ${FORMAT.version}`,
    );
  }
  if (typeof data.model !== 'string')
    throw new HiloError('INVALID_INPUT', 'local model payload is malformed');
  return pairwiseOf(deserializeLocalClassifier(data.model));
}
