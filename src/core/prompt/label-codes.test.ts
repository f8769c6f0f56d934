import { describe, expect, it } from 'vitest';
import { HiloError } from '../errors.js';
import { assignLabelCodes, CODE_ALPHABET } from './label-codes.js';

describe('assignLabelCodes', () => {
  it('gives labels single-character codes in order', () => {
    const codes = assignLabelCodes(['negative', 'neutral', 'positive']);
    expect(codes.kind).toBe('codes');
    expect(codes.codes).toEqual(['A', 'B', 'C']);
    expect(codes.indexByCode.get('B')).toBe(1);
    expect(codes.labels).toEqual(['negative', 'neutral', 'positive']);
  });

  it('uses 62 distinct codes, then falls back to the names', () => {
    const labels = (n: number): string[] => Array.from({ length: n }, (_, i) => `label-${i}`);
    const sixtyTwo = assignLabelCodes(labels(62));
    expect(sixtyTwo.kind).toBe('codes');
    expect(new Set(sixtyTwo.codes).size).toBe(62);
    expect(sixtyTwo.codes.at(25)).toBe('Z');
    expect(sixtyTwo.codes.at(26)).toBe('a');
    expect(sixtyTwo.codes.at(-1)).toBe('9');
    const many = assignLabelCodes(labels(63));
    expect(many.kind).toBe('names');
    expect(many.codes).toEqual(labels(63));
    expect(many.indexByCode.get('label-62')).toBe(62);
  });

  it('keeps names that already are code characters', () => {
    expect(assignLabelCodes(['1', '2', '3', '4', '5']).codes).toEqual(['1', '2', '3', '4', '5']);
    expect(assignLabelCodes(['x', 'Y']).codes).toEqual(['x', 'Y']);
    expect(assignLabelCodes(['1', '2', '10']).codes).toEqual(['A', 'B', 'C']);
  });

  it('rejects an empty or duplicated label set', () => {
    expect(() => assignLabelCodes([])).toThrow(HiloError);
    expect(() => assignLabelCodes(['a', 'b', 'a'])).toThrow(/duplicate/);
  });

  it('has an alphabet of distinct one-character codes', () => {
    expect(CODE_ALPHABET).toHaveLength(62);
    expect(new Set(CODE_ALPHABET).size).toBe(62);
    expect(CODE_ALPHABET.every((code) => code.length === 1)).toBe(true);
  });
});
