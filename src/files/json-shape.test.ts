import { describe, expect, it } from 'vitest';
import { jsonFieldAt, jsonShape, keepLiterals } from './json-shape.js';

describe('jsonShape', () => {
  it('measures nesting, skipping brackets inside strings', () => {
    expect(jsonShape('{"a": "[[[{{{", "b": [[1]]}').depth).toBe(3);
    expect(jsonShape('[]').depth).toBe(1);
  });

  it('keeps the text of top-level numbers a parse would change, and only those', () => {
    const text =
      '{"id": 12345678901234567891, "n": 1.0, "e": 1e3, "ok": 17, "f": 0.5, "x": {"deep": 1.0}, "k\\"q": -0}';
    const shape = jsonShape(text);
    expect(Object.fromEntries(shape.literals ?? [])).toEqual({
      id: '12345678901234567891',
      n: '1.0',
      e: '1e3',
      'k"q': '-0',
    });
    const values = JSON.parse(text) as Record<string, unknown>;
    keepLiterals(values, shape);
    expect(values).toMatchObject({
      id: '12345678901234567891',
      n: '1.0',
      e: '1e3',
      ok: 17,
      f: 0.5,
      x: { deep: 1 },
    });
  });
});

describe('jsonFieldAt', () => {
  it('names the top-level key whose value the text ends in', () => {
    expect(jsonFieldAt('{"id": 1, "text": "caf')).toBe('text');
    expect(jsonFieldAt('{"id": 1, "meta": {"note": "x')).toBe('meta');
    expect(jsonFieldAt('{"id": 1, "te')).toBeUndefined();
  });
});
