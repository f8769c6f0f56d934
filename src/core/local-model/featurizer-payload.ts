import { HiloError } from '../errors.js';
import { decodeBase64, encodeBase64 } from './base64.js';
import type { HashedTfidfState } from './hashed-tfidf.js';
import { decodeVarints, encodeVarints } from './varint.js';

/** A fitted featurizer as JSON: ascending column buckets as varint gaps, all base64. */
export interface FeaturizerPayload {
  readonly options: HashedTfidfState['options'];
  readonly documents: number;
  readonly columns: number;
  readonly buckets: string;
  readonly documentFrequency: string;
}

/**
 * The featurizer part of a serialized local model.
 * @example JSON.stringify({ featurizer: encodeFeaturizer(model.state.featurizer) })
 * Complexity: O(columns).
 */
export function encodeFeaturizer(featurizer: HashedTfidfState): FeaturizerPayload {
  const gaps = new Int32Array(featurizer.buckets.length);
  for (let c = 0, previous = 0; c < gaps.length; c++) {
    const bucket = featurizer.buckets[c] as number;
    gaps[c] = bucket - previous;
    previous = bucket;
  }
  return {
    options: featurizer.options,
    documents: featurizer.documents,
    columns: gaps.length,
    buckets: encodeBase64(encodeVarints(gaps)),
    documentFrequency: encodeBase64(encodeVarints(featurizer.documentFrequency)),
  };
}

/**
 * Inverse of `encodeFeaturizer`.
 * @example const state = decodeFeaturizer(payload.featurizer);
 * Complexity: O(columns).
 * @throws HiloError INVALID_INPUT when a bucket lies beyond the feature count.
 */
export function decodeFeaturizer(payload: FeaturizerPayload): HashedTfidfState {
  const columns = payload.columns;
  const buckets = decodeVarints(decodeBase64(payload.buckets), columns);
  for (let c = 1; c < columns; c++)
    buckets[c] = (buckets[c] as number) + (buckets[c - 1] as number);
  if (columns > 0 && (buckets[columns - 1] as number) >= payload.options.features) {
    throw new HiloError(
      'INVALID_INPUT',
      'local model payload has a bucket beyond its feature count',
    );
  }
  return {
    options: payload.options,
    documents: payload.documents,
    buckets,
    documentFrequency: decodeVarints(decodeBase64(payload.documentFrequency), columns),
  };
}
