import { createHash } from 'node:crypto';
import type { ChatRequest } from '../core/ports/chat-model.js';
import { toChatCompletionsBody } from './chat-completions-body.js';

/**
 * JSON with object keys sorted at every depth and `undefined` members left out, so equal values
 * give equal text whatever order their keys were written in. Non-finite numbers are refused:
 * JSON has no spelling for them and two requests must not collide through `null`.
 * @example canonicalJson({ b: 1, a: [true, { d: null, c: 'x' }] }); // '{"a":[true,{"c":"x","d":null}],"b":1}'
 * Complexity: O(size · log(keys per object)).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot key a non-finite number (${value})`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new TypeError(`cannot key a value of type ${typeof value}`);
}

/**
 * The cache key of a request: sha256 (hex) of the canonical JSON of its wire body — model,
 * messages and every parameter — so requests that would be sent identically share a key
 * (`n: 1` and no `n` alike). `scope` separates caches that share a model name but not a model
 * (llama.cpp ignores the name), and a format version lets a future change of the stored form
 * start afresh instead of misreading old entries.
 * @example requestCacheKey({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }); // 64 hex digits
 * Complexity: O(size of the request).
 */
export function requestCacheKey(request: ChatRequest, scope = ''): string {
  const text = canonicalJson({ v: 1, scope, body: toChatCompletionsBody(request) });
  return createHash('sha256').update(text).digest('hex');
}
