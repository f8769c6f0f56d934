import type { DuplicateMark } from '../ports/duplicate-store.js';

/**
 * Why a set of duplicate marks cannot be stored, or null: an item marked twice or as its own
 * duplicate, a representative itself marked (marks point straight at a representative, so a
 * lookup never follows a chain), a similarity outside [0, 1]. Every store checks marks with it.
 * @example markProblem([{ itemId: 'a', duplicateOf: 'a', similarity: 1 }]) // 'item "a" is marked as a duplicate of itself'
 * Complexity: O(marks).
 */
export function markProblem(marks: readonly DuplicateMark[]): string | null {
  const marked = new Set<string>();
  for (const mark of marks) {
    if (mark.itemId === mark.duplicateOf)
      return `item "${mark.itemId}" is marked as a duplicate of itself`;
    if (marked.has(mark.itemId)) return `item "${mark.itemId}" is marked as a duplicate twice`;
    if (!(mark.similarity >= 0 && mark.similarity <= 1)) {
      return `similarity of "${mark.itemId}" must be in [0, 1], got ${mark.similarity}`;
    }
    marked.add(mark.itemId);
  }
  const chained = marks.find((mark) => marked.has(mark.duplicateOf));
  return chained === undefined
    ? null
    : `item "${chained.itemId}" is marked as a duplicate of "${chained.duplicateOf}", which is itself marked`;
}
