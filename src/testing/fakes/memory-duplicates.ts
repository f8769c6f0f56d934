import { HiloError } from '../../core/errors.js';
import { markProblem } from '../../core/near-duplicates/index.js';
import type { DuplicateMark } from '../../core/ports/duplicate-store.js';

/**
 * The marks of `replaceDuplicates` as the memory store keeps them, after the SQL stores' checks:
 * what `markProblem` refuses is INVALID_INPUT, an item not stored NOT_FOUND.
 * @example state.duplicates = checkedDuplicates(marks, (id) => state.items.has(id))
 * Complexity: O(marks).
 */
export function checkedDuplicates(
  marks: readonly DuplicateMark[],
  hasItem: (id: string) => boolean,
): Map<string, DuplicateMark> {
  const problem = markProblem(marks);
  if (problem !== null) throw new HiloError('INVALID_INPUT', problem);
  const missing = marks.flatMap((m) => [m.itemId, m.duplicateOf]).find((id) => !hasItem(id));
  if (missing !== undefined) throw new HiloError('NOT_FOUND', `no item "${missing}" to mark`);
  return new Map(marks.map((mark) => [mark.itemId, { ...mark }]));
}
