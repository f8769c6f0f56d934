import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, requestCacheKey } from './request-cache-key.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: [true, { d: null, c: 'x', e: undefined }] })).toBe(
      '{"a":[true,{"c":"x","d":null}],"b":1}',
    );
  });

  it('does not depend on key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('refuses non-finite numbers', () => {
    expect(() => canonicalJson({ t: Number.NaN })).toThrow(TypeError);
  });
});

describe('requestCacheKey', () => {
  const request = {
    model: 'm',
    messages: [{ role: 'user' as const, content: 'hi' }],
    temperature: 0,
  };

  it('is a sha256 that equal requests share', () => {
    const key = requestCacheKey(request);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(
      requestCacheKey({
        temperature: 0,
        messages: [{ content: 'hi', role: 'user' }],
        model: 'm',
        n: 1,
      }),
    ).toBe(key);
  });

  it('changes with the model, any message, any parameter and the scope', () => {
    const keys = new Set([
      requestCacheKey(request),
      requestCacheKey({ ...request, model: 'm2' }),
      requestCacheKey({ ...request, messages: [{ role: 'system', content: 'hi' }] }),
      requestCacheKey({ ...request, temperature: 0.5 }),
      requestCacheKey({ ...request, maxTokens: 1 }),
      requestCacheKey({ ...request, n: 2 }),
      requestCacheKey({ ...request, topLogprobs: 2 }),
      requestCacheKey({ ...request, seed: 1 }),
      requestCacheKey({ ...request, jsonSchema: { name: 'a', schema: {} } }),
      requestCacheKey(request, 'other weights'),
    ]);
    expect(keys.size).toBe(10);
  });
});
