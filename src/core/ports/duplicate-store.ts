/** One item marked as a duplicate of another, its representative (`hilo dedup --apply`). */
export interface DuplicateMark {
  readonly itemId: string;
  readonly duplicateOf: string;
  /** Jaccard similarity of their shingle sets; 1 for texts equal once normalised. */
  readonly similarity: number;
}

/**
 * Storage of duplicate marks (`duplicates` table). A marked item is skipped by the first pass
 * and the people queue and shares its representative's decision.
 */
export interface DuplicateStore {
  /**
   * Replaces every mark with these, atomically. Refused, with nothing written: an item not
   * stored (NOT_FOUND), an item marked twice or as its own duplicate, a representative that is
   * itself marked, a similarity outside [0, 1] (INVALID_INPUT).
   */
  replaceDuplicates(marks: readonly DuplicateMark[]): Promise<void>;
  /** Marks in item id order; `itemIds` keeps those of these duplicates. */
  listDuplicates(query?: { readonly itemIds?: readonly string[] }): Promise<DuplicateMark[]>;
  /**
   * These items (those stored) in the order they were first imported, ties (one import) in id
   * order: a cluster's earliest pool item is its representative. Re-importing keeps the place.
   */
  itemsByImport(ids: readonly string[]): Promise<string[]>;
}
