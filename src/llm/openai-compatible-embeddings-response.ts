import type { BodyParse } from './http-attempt.js';
import { isRecord } from './is-record.js';

/** An embeddings response body with a `data` list, its entries not yet checked. */
export interface RawEmbeddings {
  readonly data: readonly unknown[];
  /** `usage.prompt_tokens` (else `total_tokens`), when the server sent it. */
  readonly promptTokens: number | undefined;
}

/**
 * The first look at an embeddings body: a JSON object with a `data` array. A body without one
 * is unreadable (a proxy's error page, a cut connection) and worth a retry; what the entries
 * hold is checked by `readEmbeddingVectors`, whose failures a retry would only repeat.
 * @example parseEmbeddingsResponse({ data: [{ index: 0, embedding: [0.1, 0.2] }], usage: { prompt_tokens: 2 } });
 * Complexity: O(1).
 */
export function parseEmbeddingsResponse(json: unknown): BodyParse<RawEmbeddings> {
  if (!isRecord(json)) return { ok: false, reason: 'the body is not a JSON object' };
  const data = json['data'];
  if (!Array.isArray(data)) return { ok: false, reason: 'the body has no "data" list' };
  const usage = json['usage'];
  let promptTokens: number | undefined;
  if (isRecord(usage)) {
    const tokens = usage['prompt_tokens'] ?? usage['total_tokens'];
    if (typeof tokens === 'number' && Number.isFinite(tokens) && tokens >= 0) promptTokens = tokens;
  }
  return { ok: true, value: { data, promptTokens } };
}

/**
 * The vectors of an embeddings answer, in input order, or why they cannot be trusted: the
 * count must equal the inputs, `index` (when every entry has one) must be each of 0..n−1
 * once, each `embedding` must be finite numbers or base64 little-endian float32
 * (`encoding_format: "base64"`), and all must have one length — `dimensions` when given.
 * @example readEmbeddingVectors(raw.data, 2, 768); // { ok: true, value: [Float32Array(768), Float32Array(768)] }
 * Complexity: O(count × dimensions).
 */
export function readEmbeddingVectors(
  data: readonly unknown[],
  expectedCount: number,
  dimensions: number | undefined,
): BodyParse<Float32Array[]> {
  if (data.length !== expectedCount) {
    return fail(`${data.length} vectors for ${expectedCount} texts`);
  }
  const vectors: (Float32Array | undefined)[] = new Array<Float32Array | undefined>(data.length);
  const indexed = data.every((entry) => isRecord(entry) && entry['index'] !== undefined);
  let length = dimensions;
  for (let i = 0; i < data.length; i++) {
    const entry = data[i];
    if (!isRecord(entry)) return fail(`entry ${i} is not an object`);
    const at = indexed ? entry['index'] : i;
    if (typeof at !== 'number' || !Number.isInteger(at) || at < 0 || at >= data.length) {
      return fail(`entry ${i} has index ${JSON.stringify(at)}, not one of 0..${data.length - 1}`);
    }
    if (vectors[at] !== undefined) return fail(`index ${at} appears twice`);
    const vector = readVector(entry['embedding']);
    if (typeof vector === 'string') return fail(`entry ${i}: ${vector}`);
    if (length === undefined) length = vector.length;
    if (vector.length !== length || length === 0) {
      return fail(`entry ${i} has ${vector.length} dimensions, expected ${length}`);
    }
    vectors[at] = vector;
  }
  return { ok: true, value: vectors as Float32Array[] };
}

function readVector(embedding: unknown): Float32Array | string {
  if (typeof embedding === 'string') return decodeFloat32Base64(embedding);
  if (!Array.isArray(embedding)) return 'the embedding is neither a list of numbers nor base64';
  const vector = new Float32Array(embedding.length);
  for (let d = 0; d < embedding.length; d++) {
    const value: unknown = embedding[d];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return `value ${d} is ${JSON.stringify(value)}, not a finite number`;
    }
    vector[d] = value;
  }
  return vector;
}

function decodeFloat32Base64(text: string): Float32Array | string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return 'the base64 embedding has invalid characters';
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 4 !== 0) return `the base64 embedding has ${bytes.length} bytes, not float32s`;
  const vector = new Float32Array(bytes.length / 4);
  for (let d = 0; d < vector.length; d++) {
    const value = bytes.readFloatLE(d * 4);
    if (!Number.isFinite(value)) return `value ${d} is ${value}, not a finite number`;
    vector[d] = value;
  }
  return vector;
}

function fail(reason: string): BodyParse<never> {
  return { ok: false, reason };
}
