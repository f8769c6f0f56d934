import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { HiloError } from '../core/errors.js';

/**
 * A byte stream of a text file, unzipped on the fly when `gzip`. A broken gzip stream surfaces
 * as an error on the returned stream, not on the raw file stream, so one listener sees all.
 * @example const input = openTextInput('items.jsonl.gz', true);
 * Complexity O(1) to open; memory one read buffer (64 KiB).
 */
export function openTextInput(path: string, gzip: boolean): Readable {
  const file = createReadStream(path, { highWaterMark: 1 << 16 });
  if (!gzip) return file;
  const gunzip = createGunzip();
  file.on('error', (error) => gunzip.destroy(error));
  gunzip.on('close', () => file.destroy());
  return file.pipe(gunzip);
}

/**
 * Turns an error raised while reading a file into a HiloError naming the file; HiloErrors pass
 * through. Used by every reader so a broken gzip or an unreadable file reads the same.
 * @example catch (error) { throw readFailure(path, error); }
 * Complexity O(1).
 */
export function readFailure(path: string, error: unknown): HiloError {
  if (error instanceof HiloError) return error;
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return new HiloError('NOT_FOUND', 'no such file', { file: path });
  const message = error instanceof Error ? error.message : String(error);
  return new HiloError(
    'INVALID_INPUT',
    `cannot read the file: ${message}`,
    { file: path },
    {
      cause: error,
    },
  );
}
