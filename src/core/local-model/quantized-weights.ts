import { HiloError } from '../errors.js';

/** Weights as 8-bit codes with one scale per class: weight = code × scales[class]. */
export interface QuantizedWeights {
  readonly classCount: number;
  readonly scales: Float64Array;
  /** Feature-major like the weights: code of (column j, class k) at j × classCount + k. */
  readonly codes: Int8Array;
}

/**
 * Rounds feature-major weights to 8-bit codes, scaled per class by its largest magnitude.
 * A model of 10⁵ columns × 77 classes then takes 7.7 MB instead of 62 MB, and the logit error
 * stays around 10⁻² of a scale step per active feature, far below what moves a prediction.
 * @example const q = quantizeWeights(Float64Array.of(0.5, -1, 0.25, 2), 2); // scales [0.5/127, 2/127]
 * Complexity: O(weights).
 */
export function quantizeWeights(weights: Float64Array, classCount: number): QuantizedWeights {
  const scales = new Float64Array(classCount);
  for (let i = 0; i < weights.length; i++) {
    const k = i % classCount;
    const magnitude = Math.abs(weights[i] as number);
    if (magnitude > (scales[k] as number)) scales[k] = magnitude;
  }
  for (let k = 0; k < classCount; k++) scales[k] = (scales[k] as number) / 127;
  const codes = new Int8Array(weights.length);
  for (let i = 0; i < weights.length; i++) {
    const scale = scales[i % classCount] as number;
    codes[i] = scale === 0 ? 0 : Math.round((weights[i] as number) / scale);
  }
  return { classCount, scales, codes };
}

/**
 * The float weights the codes stand for (identical wherever they are computed).
 * @example dequantizeWeights(quantizeWeights(w, K)) // ≈ w
 * Complexity: O(weights).
 */
export function dequantizeWeights(quantized: QuantizedWeights): Float64Array {
  const { classCount, scales, codes } = quantized;
  const weights = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++)
    weights[i] = (codes[i] as number) * (scales[i % classCount] as number);
  return weights;
}

// Codes are in [-127, 127], so -128 is free to mark a run of zeros (next byte: length − 1).
const ZERO_RUN = 0x80;

/**
 * Bytes of the codes with runs of zeros shortened to two bytes: most n-grams matter to few
 * classes, so most codes are zero.
 * @example packCodes(Int8Array.of(3, 0, 0, 0, -2)) // Uint8Array [3, 128, 2, 254]
 * Complexity: O(n).
 */
export function packCodes(codes: Int8Array): Uint8Array {
  const out = new Uint8Array(codes.length + 2);
  let o = 0;
  let i = 0;
  while (i < codes.length) {
    let run = 0;
    while (run < 256 && i + run < codes.length && codes[i + run] === 0) run++;
    if (run >= 2) {
      out[o++] = ZERO_RUN;
      out[o++] = run - 1;
      i += run;
    } else {
      out[o++] = (codes[i] as number) & 255;
      i++;
    }
  }
  return out.slice(0, o);
}

/**
 * Inverse of `packCodes`.
 * @example unpackCodes(Uint8Array.of(3, 128, 2, 254), 5) // Int8Array [3, 0, 0, 0, -2]
 * Complexity: O(length).
 * @throws HiloError INVALID_INPUT when the bytes do not expand to exactly `length` codes.
 */
export function unpackCodes(bytes: Uint8Array, length: number): Int8Array {
  const codes = new Int8Array(length);
  let o = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (byte === ZERO_RUN) {
      o += (bytes[++i] ?? 0) + 1;
    } else {
      if (o < length) codes[o] = byte > 127 ? byte - 256 : byte;
      o++;
    }
  }
  if (o !== length) {
    throw new HiloError('INVALID_INPUT', `packed weights expand to ${o} codes, expected ${length}`);
  }
  return codes;
}
