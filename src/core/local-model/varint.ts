import { HiloError } from '../errors.js';

/**
 * LEB128 bytes of non-negative integers below 2³¹: small counts take one byte instead of four.
 * Sorted indices are best passed as their gaps.
 * @example encodeVarints([1, 300]) // Uint8Array [1, 172, 2]
 * Complexity: O(n).
 */
export function encodeVarints(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length * 5);
  let o = 0;
  for (let i = 0; i < values.length; i++) {
    let value = values[i] as number;
    while (value >= 0x80) {
      out[o++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    out[o++] = value;
  }
  return out.slice(0, o);
}

/**
 * Inverse of `encodeVarints`.
 * @example decodeVarints(Uint8Array.of(1, 172, 2), 2) // Int32Array [1, 300]
 * Complexity: O(bytes).
 * @throws HiloError INVALID_INPUT when the bytes do not hold exactly `count` numbers.
 */
export function decodeVarints(bytes: Uint8Array, count: number): Int32Array {
  const values = new Int32Array(count);
  let n = 0;
  let value = 0;
  let shift = 0;
  for (const byte of bytes) {
    value |= (byte & 0x7f) << shift;
    if (byte & 0x80) {
      shift += 7;
      continue;
    }
    if (n < count) values[n] = value;
    n++;
    value = 0;
    shift = 0;
  }
  if (n !== count || shift !== 0) {
    throw new HiloError('INVALID_INPUT', `expected ${count} packed numbers, found ${n}`);
  }
  return values;
}
