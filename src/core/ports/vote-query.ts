/** Which votes a read or a tally covers; every field given must match. */
export interface VoteQuery {
  readonly itemIds?: readonly string[];
  readonly source?: string;
  /** Sources starting with this prefix, e.g. `llm:` or `model:`. */
  readonly sourcePrefix?: string;
  readonly runId?: string;
}
