/** The store name of the local model; versions count up from 1. */
export const LOCAL_MODEL_NAME = 'local';

/**
 * Vote source of a local model version.
 * @example localSource(3) // 'model:local@3'
 * Complexity: O(1).
 */
export function localSource(version: number): string {
  return `model:${LOCAL_MODEL_NAME}@${version}`;
}
