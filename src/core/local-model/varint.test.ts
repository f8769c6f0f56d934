import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HiloError } from '../errors.js';
import { decodeVarints, encodeVarints } from './varint.js';

describe('varints', () => {
  it('writes 7 bits per byte, low bits first', () => {
    expect(Array.from(encodeVarints([1, 300, 0]))).toEqual([1, 172, 2, 0]);
  });

  it('round-trips non-negative 31-bit integers', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 31 - 1 })), (values) => {
        expect(Array.from(decodeVarints(encodeVarints(values), values.length))).toEqual(values);
      }),
    );
  });

  it('refuses bytes that hold a different count or end mid-number', () => {
    expect(() => decodeVarints(encodeVarints([1, 2]), 3)).toThrow(HiloError);
    expect(() => decodeVarints(encodeVarints([1, 2, 3]), 2)).toThrow(HiloError);
    expect(() => decodeVarints(Uint8Array.of(0x81), 0)).toThrow(HiloError);
  });
});
