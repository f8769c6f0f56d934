import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll } from 'vitest';
import type { RecordError, RecordSource, SourceRecord } from '../../core/ports/records.js';

/** A scratch folder for one test file, removed after its tests. */
export interface TempDir {
  path(name: string): string;
  /** Writes a file (gzipped when the name ends in `.gz`) and returns its path. */
  write(name: string, content: string | Uint8Array): string;
}

/**
 * Creates a temporary folder, deleted when the test file's tests are done.
 * @example const dir = useTempDir(); const file = dir.write('a.csv', 'id\n1\n');
 */
export function useTempDir(): TempDir {
  const root = mkdtempSync(join(tmpdir(), 'hilo-files-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  return {
    path: (name) => join(root, name),
    write(name, content) {
      const file = join(root, name);
      writeFileSync(file, name.endsWith('.gz') ? gzipSync(content) : content);
      return file;
    },
  };
}

/**
 * Everything a source yields, flattened, with the batch sizes seen.
 * @example const { records } = await readAll(source);
 */
export async function readAll(
  source: RecordSource,
  batchSize = 1000,
): Promise<{ records: (SourceRecord | RecordError)[]; sizes: number[] }> {
  const records: (SourceRecord | RecordError)[] = [];
  const sizes: number[] = [];
  for await (const batch of source.batches(batchSize)) {
    sizes.push(batch.length);
    records.push(...batch);
  }
  return { records, sizes };
}

/**
 * The promise's rejection, for asserting on error codes and locations.
 * @example expect((await failure(open())).code).toBe('NOT_FOUND');
 */
export async function failure(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected a failure');
}
