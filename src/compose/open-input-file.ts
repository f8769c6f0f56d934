import type { ProjectConfig } from '../core/project.js';
import type { RecordSource } from '../core/ports/index.js';
import { inputLimits, type TextEncoding } from '../files/input-limits.js';
import { openRecordSource } from '../files/open-record-source.js';

/**
 * Opens a user's file of records under the project's `input` caps, in the given encoding
 * (default UTF-8).
 * @example const source = await openInputFile('items.csv', config, 'latin1');
 * Complexity: that of `openRecordSource`.
 */
export function openInputFile(
  file: string,
  config: Pick<ProjectConfig, 'input'>,
  encoding?: TextEncoding,
): Promise<RecordSource> {
  return openRecordSource(file, {
    limits: inputLimits(config.input),
    ...(encoding ? { encoding } : {}),
  });
}
