import { HiloError } from '../errors.js';
import type { LocalLabellerConfig } from '../project.js';
import { decodeBase64, encodeBase64 } from './base64.js';
import {
  createEmbeddingClassifier,
  type EmbeddingClassifier,
  type EmbeddingClassifierState,
} from './embedding-classifier.js';
import { packCodes, unpackCodes, type QuantizedWeights } from './quantized-weights.js';

const FORMAT = 'hilo.embedding-classifier';
const VERSION = 1;

/** 8-bit codes with one scale per output unit, as stored. */
interface CodesPayload {
  readonly scales: number[];
  readonly codes: string;
}

interface EmbeddingClassifierPayload {
  readonly format: string;
  readonly version: number;
  readonly kind: 'logistic' | 'mlp';
  readonly labelSet: string[];
  readonly config: LocalLabellerConfig;
  readonly trainedOn: number;
  readonly embeddingModel: string;
  readonly dimensions: number;
  /** logistic: `dimensions × labels`; mlp: the first layer, `dimensions × hidden`. */
  readonly weights: CodesPayload;
  /** logistic: the biases; mlp: the first layer's. */
  readonly bias: number[];
  readonly hidden?: number;
  readonly w2?: number[];
  readonly b2?: number[];
}

/**
 * A compact JSON string of an embedding classifier (format `hilo.embedding-classifier`): the
 * large layer as packed 8-bit codes in base64 (about one byte per weight), the rest as
 * numbers. A 768-dimension, 77-label regression takes about 80 KB.
 * @example const payload = serializeEmbeddingClassifier(model); await store.saveModel({ name, payload, ... });
 * Complexity: O(D × max(K, H)).
 */
export function serializeEmbeddingClassifier(model: EmbeddingClassifier): string {
  const { net, ...rest } = model.state;
  const codes = (q: QuantizedWeights): CodesPayload => ({
    scales: Array.from(q.scales),
    codes: encodeBase64(packCodes(q.codes)),
  });
  const payload: EmbeddingClassifierPayload =
    net.kind === 'logistic'
      ? {
          format: FORMAT,
          version: VERSION,
          kind: net.kind,
          ...rest,
          labelSet: [...rest.labelSet],
          weights: codes(net.weights),
          bias: Array.from(net.bias),
        }
      : {
          format: FORMAT,
          version: VERSION,
          kind: net.kind,
          ...rest,
          labelSet: [...rest.labelSet],
          weights: codes(net.w1),
          bias: Array.from(net.b1),
          hidden: net.hidden,
          w2: Array.from(net.w2),
          b2: Array.from(net.b2),
        };
  return JSON.stringify(payload);
}

/**
 * Whether a stored model payload is an embedding classifier (rather than a TF-IDF one), so
 * a labelling step knows to embed the texts first. Reads only the start of the text.
 * @example if (isEmbeddingClassifierPayload(stored.payload)) vectors = (await embedTexts(...)).vectors;
 * Complexity: O(1).
 */
export function isEmbeddingClassifierPayload(payload: string): boolean {
  return payload.startsWith(`{"format":"${FORMAT}"`);
}

/**
 * Reads back a classifier written by `serializeEmbeddingClassifier`; it predicts exactly as the
 * original.
 * @example const model = deserializeEmbeddingClassifier(stored.payload); model.predict(vectors);
 * Complexity: O(D × max(K, H)).
 * @throws HiloError INVALID_INPUT when the text is not such a model or is damaged.
 */
export function deserializeEmbeddingClassifier(payload: string): EmbeddingClassifier {
  let data: EmbeddingClassifierPayload;
  try {
    data = JSON.parse(payload) as EmbeddingClassifierPayload;
  } catch (cause) {
    throw new HiloError('INVALID_INPUT', 'embedding classifier payload is not JSON', undefined, {
      cause,
    });
  }
  if (data?.format !== FORMAT || data.version !== VERSION) {
    throw new HiloError('INVALID_INPUT', `model payload is not ${FORMAT} version ${VERSION}`);
  }
  try {
    return createEmbeddingClassifier(decodeState(data));
  } catch (cause) {
    if (cause instanceof HiloError) throw cause;
    throw new HiloError('INVALID_INPUT', 'embedding classifier payload is malformed', undefined, {
      cause,
    });
  }
}

function decodeState(data: EmbeddingClassifierPayload): EmbeddingClassifierState {
  const K = data.labelSet.length;
  const D = data.dimensions;
  const units = data.kind === 'mlp' ? (data.hidden ?? 0) : K;
  const weights: QuantizedWeights = {
    classCount: units,
    scales: Float64Array.from(data.weights.scales),
    codes: unpackCodes(decodeBase64(data.weights.codes), D * units),
  };
  const bias = Float64Array.from(data.bias);
  if (weights.scales.length !== units || bias.length !== units) {
    throw new HiloError(
      'INVALID_INPUT',
      'embedding classifier payload has layers of the wrong size',
    );
  }
  const common = {
    labelSet: data.labelSet,
    config: data.config,
    trainedOn: data.trainedOn,
    embeddingModel: data.embeddingModel,
    dimensions: D,
  };
  if (data.kind === 'logistic') return { ...common, net: { kind: 'logistic', weights, bias } };
  const w2 = Float64Array.from(data.w2 ?? []);
  const b2 = Float64Array.from(data.b2 ?? []);
  if (w2.length !== units * K || b2.length !== K) {
    throw new HiloError(
      'INVALID_INPUT',
      'embedding classifier payload has layers of the wrong size',
    );
  }
  return { ...common, net: { kind: 'mlp', hidden: units, w1: weights, b1: bias, w2, b2 } };
}
