import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { HiloError } from '../core/errors.js';

/** A text file being written; it appears under its name only when closed. */
export interface TextOutput {
  write(text: string): Promise<void>;
  /** Writes what is buffered and moves the file into place. */
  close(): Promise<void>;
  /** Deletes what was written; the target file is left as it was. */
  abort(): Promise<void>;
}

/** Below this many buffered characters, writes only append to memory. */
const CHUNK_CHARS = 1 << 16;

/**
 * Writes a text file through a temporary file beside it, renamed over the target on close, so
 * a killed export never leaves a half-written file under the real name. Honours backpressure.
 * @example const out = openTextOutput('out.jsonl', false); await out.write('{}\n'); await out.close();
 * Complexity O(bytes); memory one 64 KiB chunk plus the stream's buffer.
 */
export function openTextOutput(path: string, gzip: boolean): TextOutput {
  const temporary = temporaryPath(path);
  let streams: { file: Writable; head: Writable } | undefined;
  let failure: Error | undefined;
  const remember = (error: Error) => {
    failure ??= error;
  };
  // Opened on the first write, so a sink that is never used leaves nothing behind.
  const open = () => {
    if (streams) return streams;
    const file = createWriteStream(temporary);
    const head: Writable = gzip ? createGzip() : file;
    if (gzip) head.pipe(file);
    file.on('error', remember);
    head.on('error', remember);
    streams = { file, head };
    return streams;
  };
  let pending: string[] = [];
  let pendingChars = 0;
  let settled = false;

  const check = () => {
    if (failure) throw writeFailure(path, failure);
    if (settled) throw new HiloError('INTERNAL', 'write after close', { file: path });
  };
  const flush = async () => {
    const { file, head } = open();
    if (pendingChars === 0) return;
    const text = pending.join('');
    pending = [];
    pendingChars = 0;
    if (!head.write(text)) {
      // Wait for room, or for the file to close on an error; drop the losing listener.
      const done = new AbortController();
      const { signal } = done;
      await Promise.race([once(head, 'drain', { signal }), once(file, 'close', { signal })])
        .catch(remember)
        .finally(() => done.abort());
    }
    check();
  };

  return {
    async write(text) {
      check();
      pending.push(text);
      pendingChars += text.length;
      if (pendingChars >= CHUNK_CHARS) await flush();
    },
    async close() {
      check();
      await flush();
      settled = true;
      const { file, head } = open();
      const closed = once(file, 'close');
      head.end();
      await closed.catch(remember);
      if (failure) {
        await rm(temporary, { force: true });
        throw writeFailure(path, failure);
      }
      await rename(temporary, path);
    },
    async abort() {
      if (settled) return;
      settled = true;
      if (streams === undefined) return;
      const { file, head } = streams;
      const closed = once(file, 'close').catch(() => undefined);
      head.destroy();
      file.destroy();
      await closed;
      await rm(temporary, { force: true });
    },
  };
}

/**
 * Where a file is written before it is moved into place: same folder, so the move is atomic.
 * @example temporaryPath('/data/out.csv') // '/data/out.csv.1234.tmp'
 * Complexity O(1).
 */
export function temporaryPath(path: string): string {
  return `${path}.${process.pid}.tmp`;
}

/**
 * A HiloError naming the file for a failed write.
 * @example throw writeFailure('out.csv', error);
 * Complexity O(1).
 */
export function writeFailure(path: string, error: unknown): HiloError {
  if (error instanceof HiloError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code === 'ENOENT' ? 'NOT_FOUND' : 'INVALID_INPUT';
  return new HiloError(code, `cannot write the file: ${message}`, { file: path }, { cause: error });
}
