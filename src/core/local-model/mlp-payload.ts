import { HiloError } from '../errors.js';
import type { LocalLabellerConfig } from '../project.js';
import { decodeBase64, encodeBase64 } from './base64.js';
import {
  decodeFeaturizer,
  encodeFeaturizer,
  type FeaturizerPayload,
} from './featurizer-payload.js';
import type { MlpState } from './local-classifier-state.js';
import { packCodes, unpackCodes } from './quantized-weights.js';

/** The stored form of an MLP classifier (format `hilo.local-mlp`, version 1). */
export interface MlpPayload {
  readonly format: string;
  readonly version: number;
  readonly labelSet: string[];
  readonly config: LocalLabellerConfig;
  readonly trainedOn: number;
  readonly hidden: number;
  readonly featurizer: FeaturizerPayload;
  /** One scale per hidden unit and the packed 8-bit codes of the first layer. */
  readonly scales: number[];
  readonly codes: string;
  readonly b1: number[];
  readonly w2: number[];
  readonly b2: number[];
}

export const MLP_FORMAT = { format: 'hilo.local-mlp', version: 1 } as const;

/**
 * The JSON object of an MLP classifier: the first layer as packed 8-bit codes (about one byte per
 * column and hidden unit), the small second layer as numbers.
 * @example JSON.stringify(encodeMlp(mlp.state as MlpState))
 * Complexity: O(D × H + H × K).
 */
export function encodeMlp(state: MlpState): MlpPayload {
  return {
    ...MLP_FORMAT,
    labelSet: [...state.labelSet],
    config: state.config,
    trainedOn: state.trainedOn,
    hidden: state.hidden,
    featurizer: encodeFeaturizer(state.featurizer),
    scales: Array.from(state.w1.scales),
    codes: encodeBase64(packCodes(state.w1.codes)),
    b1: Array.from(state.b1),
    w2: Array.from(state.w2),
    b2: Array.from(state.b2),
  };
}

/**
 * Inverse of `encodeMlp`.
 * @example const state = decodeMlp(JSON.parse(payload));
 * Complexity: O(D × H + H × K).
 * @throws HiloError INVALID_INPUT when the layers' sizes do not fit together.
 */
export function decodeMlp(data: MlpPayload): MlpState {
  const K = data.labelSet.length;
  const H = data.hidden;
  const featurizer = decodeFeaturizer(data.featurizer);
  if (
    !Number.isInteger(H) ||
    H < 1 ||
    data.scales.length !== H ||
    data.b1.length !== H ||
    data.w2.length !== H * K ||
    data.b2.length !== K
  ) {
    throw new HiloError(
      'INVALID_INPUT',
      `local MLP payload's layers do not fit ${H} hidden units and ${K} labels`,
    );
  }
  return {
    kind: 'mlp',
    labelSet: data.labelSet,
    config: data.config,
    trainedOn: data.trainedOn,
    featurizer,
    hidden: H,
    w1: {
      classCount: H,
      scales: Float64Array.from(data.scales),
      codes: unpackCodes(decodeBase64(data.codes), featurizer.buckets.length * H),
    },
    b1: Float64Array.from(data.b1),
    w2: Float64Array.from(data.w2),
    b2: Float64Array.from(data.b2),
  };
}
