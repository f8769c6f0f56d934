/** A person's note on an item, left with the annotate page's flag / comment key. */
export interface ItemComment {
  readonly itemId: string;
  readonly annotatorId: string;
  readonly text: string;
  /** ISO-8601. */
  readonly createdAt: string;
}

/** Where people's notes on items are kept; part of the PeopleStore. */
export interface ItemCommentStore {
  addComment(comment: ItemComment): Promise<void>;
  /** The comments on these items, oldest first (ties by annotator id). */
  listComments(query: { readonly itemIds: readonly string[] }): Promise<ItemComment[]>;
}
