import { HiloError } from './errors.js';

/**
 * The error for a file that holds no records at all (empty, blank lines only, or a header row
 * only): an import that finds nothing to read stops rather than reporting success.
 * @example throw emptyFileError('items.csv', 'items') // "0 items in items.csv: …"
 * Complexity O(1).
 */
export function emptyFileError(file: string, records: string): HiloError {
  return new HiloError(
    'INVALID_INPUT',
    `0 ${records} in ${file}: the file is empty or holds only a header row; nothing was imported`,
  );
}
