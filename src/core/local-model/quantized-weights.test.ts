import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HiloError } from '../errors.js';
import { dequantizeWeights, packCodes, quantizeWeights, unpackCodes } from './quantized-weights.js';

describe('quantizeWeights', () => {
  it('maps each class largest magnitude to ±127 and stays within half a step (halves round up)', () => {
    const weights = Float64Array.of(0.5, -1, -0.25, 2, 0.1, 0);
    const q = quantizeWeights(weights, 2);
    expect(Array.from(q.scales)).toEqual([0.5 / 127, 2 / 127]);
    expect(Array.from(q.codes)).toEqual([127, -63, -63, 127, 25, 0]);
    const back = dequantizeWeights(q);
    weights.forEach((w, i) =>
      expect(Math.abs(back[i]! - w)).toBeLessThanOrEqual(q.scales[i % 2]! / 2),
    );
  });

  it('keeps an all-zero class at zero', () => {
    const q = quantizeWeights(Float64Array.of(0, 1, 0, -1), 2);
    expect(q.scales[0]).toBe(0);
    expect(Array.from(dequantizeWeights(q))).toEqual([0, 1, 0, -1]);
  });
});

describe('packCodes', () => {
  it('shortens runs of zeros to two bytes', () => {
    expect(Array.from(packCodes(Int8Array.of(3, 0, 0, 0, -2, 0)))).toEqual([3, 128, 2, 254, 0]);
    expect(packCodes(new Int8Array(1000)).length).toBe(8);
  });

  it('round-trips any codes in [-127, 127]', () => {
    const codes = fc.array(fc.oneof(fc.constant(0), fc.integer({ min: -127, max: 127 })), {
      maxLength: 2000,
    });
    fc.assert(
      fc.property(codes, (values) => {
        const original = Int8Array.from(values);
        expect(unpackCodes(packCodes(original), original.length)).toEqual(original);
      }),
    );
  });

  it('refuses bytes that expand to another length', () => {
    const packed = packCodes(Int8Array.of(1, 0, 0, 2));
    expect(() => unpackCodes(packed, 5)).toThrow(HiloError);
    expect(() => unpackCodes(packed, 3)).toThrow(HiloError);
  });
});
