import { createHash } from 'node:crypto';
import { HiloError } from '../../core/errors.js';
import type { EmbeddingEntry } from '../../core/ports/store.js';
import type { StoreSql } from './bulk-writes.js';
import { chunkForParameters, textSet } from './store-dialect.js';

/**
 * The key of a text in the embedding cache: sha256 of its UTF-8 bytes, hex.
 * @example embeddingTextHash('hello'); // '2cf24dba…'
 * Complexity: O(length).
 */
export function embeddingTextHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * A vector as little-endian float32 bytes, whatever the machine's byte order.
 * @example encodeVector(Float32Array.of(1, 2)).length; // 8
 * Complexity: O(dimensions).
 */
export function encodeVector(vector: Float32Array): Uint8Array {
  const bytes = new Uint8Array(vector.length * 4);
  const view = new DataView(bytes.buffer);
  for (let d = 0; d < vector.length; d++) view.setFloat32(d * 4, vector[d] as number, true);
  return bytes;
}

/**
 * Reads back `encodeVector`'s bytes (a Buffer or Uint8Array at any offset).
 * @example decodeVector(encodeVector(v)); // equal to v
 * Complexity: O(dimensions).
 * @throws HiloError INTERNAL when the byte count is not a whole number of float32s.
 */
export function decodeVector(bytes: Uint8Array): Float32Array {
  if (bytes.length % 4 !== 0) {
    throw new HiloError('INTERNAL', `a stored vector has ${bytes.length} bytes, not float32s`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vector = new Float32Array(bytes.length / 4);
  for (let d = 0; d < vector.length; d++) vector[d] = view.getFloat32(d * 4, true);
  return vector;
}

/**
 * The cached vectors of `model` for `texts`, keyed by text (each distinct text read once).
 * @example await readEmbeddingRows({ db, dialect }, 'text-embedding-3-small', ['a', 'b']);
 * Complexity: one statement per 30 000 distinct texts.
 */
export async function readEmbeddingRows(
  from: StoreSql,
  model: string,
  texts: readonly string[],
): Promise<Map<string, Float32Array>> {
  const textsByHash = new Map<string, string[]>();
  for (const text of new Set(texts)) {
    const hash = embeddingTextHash(text);
    const same = textsByHash.get(hash);
    if (same) same.push(text);
    else textsByHash.set(hash, [text]);
  }
  const found = new Map<string, Float32Array>();
  for (const hashes of chunkForParameters([...textsByHash.keys()], 1)) {
    const rows = await from.db
      .selectFrom('embeddings')
      .select(['text_hash', 'vector'])
      .where('model', '=', model)
      .where('text_hash', 'in', textSet(from.dialect, hashes))
      .execute();
    for (const row of rows) {
      const vector = decodeVector(row.vector);
      for (const text of textsByHash.get(row.text_hash) ?? []) found.set(text, vector);
    }
  }
  return found;
}

/**
 * Upserts vectors of `model`; a text given twice keeps its last vector.
 * @example await writeEmbeddingRows({ db, dialect }, 'm', [{ text: 'a', vector }], now);
 * Complexity: O(entries × dimensions); one statement per 6 000 entries.
 */
export async function writeEmbeddingRows(
  to: StoreSql,
  model: string,
  entries: readonly EmbeddingEntry[],
  now: string,
): Promise<void> {
  const byHash = new Map<string, EmbeddingEntry>();
  for (const entry of entries) byHash.set(embeddingTextHash(entry.text), entry);
  const rows = Array.from(byHash, ([hash, entry]) => ({
    model,
    text_hash: hash,
    dimensions: entry.vector.length,
    vector: encodeVector(entry.vector),
    created_at: now,
  }));
  for (const chunk of chunkForParameters(rows, 5)) {
    await to.db
      .insertInto('embeddings')
      .values(chunk)
      .onConflict((conflict) =>
        conflict.columns(['model', 'text_hash']).doUpdateSet((eb) => ({
          dimensions: eb.ref('excluded.dimensions'),
          vector: eb.ref('excluded.vector'),
          created_at: eb.ref('excluded.created_at'),
        })),
      )
      .execute();
  }
}
