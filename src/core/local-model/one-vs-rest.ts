import { HiloError } from '../errors.js';
import type { LocalLabellerConfig } from '../project.js';
import { createRng, type Rng } from '../rng.js';
import {
  deserializeLocalClassifier,
  serializeLocalClassifier,
  trainLocalClassifier,
} from './local-classifier.js';
import type { LocalClassifier } from './local-classifier-state.js';

/** The two classes of each label's own yes/no model. */
const NO_YES = ['no', 'yes'] as const;

/**
 * A multi-label model: one binary classifier per label on the same texts. `predict` gives one
 * row per text with P(label applies) for every label, in `labelSet` order — not a distribution.
 */
export interface OneVsRestClassifier {
  readonly labelSet: readonly string[];
  readonly trainedOn: number;
  /** One yes/no model per label, in `labelSet` order. */
  readonly models: readonly LocalClassifier[];
  predict(texts: readonly string[]): { probabilities: Float64Array[] };
}

export interface TrainOneVsRestOptions {
  readonly texts: readonly string[];
  /** The labels of each text, as indices into `labelSet` (the empty set allowed). */
  readonly sets: readonly (readonly number[])[];
  readonly labelSet: readonly string[];
  readonly config: LocalLabellerConfig;
  /** Seeds each label's optimizer in turn; default `createRng(config.seed)`. */
  readonly rng?: Rng;
}

/**
 * Trains one binary local classifier per label (one-vs-rest, "binary relevance"): label l's
 * model learns yes for the texts whose set holds l and no for the rest. A label no training
 * text carries gets a model that always leans to no.
 * @example
 * const model = trainOneVsRest({ texts, sets: [[0], [0, 2], []], labelSet: ['toxic', 'obscene', 'insult'], config });
 * model.predict(['you idiot']).probabilities[0]; // Float64Array [P(toxic), P(obscene), P(insult)]
 * Complexity: L trainings of the local classifier on all n texts.
 * @throws HiloError INVALID_INPUT on mismatched lengths, no texts or an index outside the labels.
 */
export function trainOneVsRest(options: TrainOneVsRestOptions): OneVsRestClassifier {
  const { texts, sets, labelSet, config } = options;
  if (texts.length !== sets.length) {
    throw new HiloError('INVALID_INPUT', `${texts.length} texts but ${sets.length} label sets`);
  }
  const L = labelSet.length;
  const member = sets.map((set) => {
    const row = new Uint8Array(L);
    for (const l of set) {
      if (!Number.isInteger(l) || l < 0 || l >= L) {
        throw new HiloError('INVALID_INPUT', `label index ${l} is outside 0..${L - 1}`);
      }
      row[l] = 1;
    }
    return row;
  });
  const rng = options.rng ?? createRng(config.seed);
  const models = labelSet.map((_, l) =>
    trainLocalClassifier({
      texts,
      labels: member.map((row) => NO_YES[row[l] as 0 | 1]),
      labelSet: NO_YES,
      config,
      rng: createRng(rng.int(0x100000000)),
    }),
  );
  return oneVsRestOf(labelSet, models);
}

function oneVsRestOf(
  labelSet: readonly string[],
  models: readonly LocalClassifier[],
): OneVsRestClassifier {
  return {
    labelSet,
    trainedOn: models[0]?.trainedOn ?? 0,
    models,
    predict(texts) {
      const rows = texts.map(() => new Float64Array(labelSet.length));
      models.forEach((model, l) => {
        model.predict(texts).probabilities.forEach((p, i) => {
          (rows[i] as Float64Array)[l] = p[1] as number;
        });
      });
      return { probabilities: rows };
    },
  };
}

const FORMAT = { format: 'hilo.one-vs-rest', version: 1 } as const;

interface OneVsRestPayload {
  readonly format: typeof FORMAT.format;
  readonly version: typeof FORMAT.version;
  readonly labelSet: readonly string[];
  /** Each label's model as `serializeLocalClassifier` writes it. */
  readonly models: readonly string[];
}

/**
 * A one-vs-rest model as one JSON string (each label's model in the local classifier's format).
 * @example deserializeOneVsRest(serializeOneVsRest(model)).predict(['hi']);
 * Complexity: O(L × model size).
 */
export function serializeOneVsRest(model: OneVsRestClassifier): string {
  const payload: OneVsRestPayload = {
    ...FORMAT,
    labelSet: model.labelSet,
    models: model.models.map(serializeLocalClassifier),
  };
  return JSON.stringify(payload);
}

/**
 * Whether a stored model payload is a one-vs-rest model (without decoding its weights).
 * @example isOneVsRestPayload(serializeOneVsRest(model)) // true
 * Complexity: O(1).
 */
export function isOneVsRestPayload(payload: string): boolean {
  return payload.startsWith(`{"format":"${FORMAT.format}"`);
}

/**
 * Reads back a model written by `serializeOneVsRest`; it predicts exactly as the original.
 * @example const model = deserializeOneVsRest(stored.payload);
 * Complexity: O(L × model size).
 * @throws HiloError INVALID_INPUT when the text is not such a model.
 */
export function deserializeOneVsRest(payload: string): OneVsRestClassifier {
  let data: Partial<OneVsRestPayload> | null;
  try {
    data = JSON.parse(payload) as Partial<OneVsRestPayload> | null;
  } catch (cause) {
    throw new HiloError('INVALID_INPUT', 'local model payload is not JSON', undefined, { cause });
  }
  if (
    data?.format !== FORMAT.format ||
    data.version !== FORMAT.version ||
    !Array.isArray(data.labelSet) ||
    !Array.isArray(data.models) ||
    data.models.length !== data.labelSet.length
  ) {
    throw new HiloError(
      'INVALID_INPUT',
      `local model payload is not ${FORMAT.format} version ${FORMAT.version}`,
    );
  }
  return oneVsRestOf(data.labelSet, data.models.map(deserializeLocalClassifier));
}
