/**
 * One pool item drawn for an expert check: the expert's label, once given, is kept in the final
 * data, and the checks together are the sample a whole-data-set promise rests on. The sampling
 * probability is recorded so that estimates stay unbiased when strata were drawn unevenly.
 */
export interface Check {
  readonly itemId: string;
  /** Which draw added it (1, 2, …): later draws top up the same strata. */
  readonly draw: number;
  /** The stratum it was drawn from, e.g. `all` (uniform) or a confidence band. */
  readonly stratum: string;
  /** Items of the stratum when drawn (the population the stratum's sample represents). */
  readonly stratumSize: number;
  /** Probability that this item was drawn: drawn in its stratum / stratum size, in (0, 1]. */
  readonly probability: number;
  /** The expert's label; null until given. */
  readonly label: string | null;
  /** Who gave it: `reviewer:<id>` in the UI, `import:<file>` from `hilo import --role check`. */
  readonly labelledBy: string | null;
  /** ISO-8601; null until labelled. */
  readonly labelledAt: string | null;
  /** ISO-8601. */
  readonly drawnAt: string;
}

/** A check as drawn, before any label. */
export type NewCheck = Omit<Check, 'label' | 'labelledBy' | 'labelledAt'>;

/** A drawn item's place in the sample, as a draw recomputes it. */
export type CheckWeight = Pick<Check, 'itemId' | 'stratum' | 'stratumSize' | 'probability'>;

/** Storage of expert checks drawn from the pool (`checks` table). */
export interface CheckStore {
  /** Records drawn checks; an item already drawn is refused (CONFLICT), nothing is written. */
  addChecks(checks: readonly NewCheck[]): Promise<void>;
  /**
   * Replaces the stratum, stratum size and probability of drawn items (a top-up draw recomputes
   * them for the earlier checks); label and draw stay. An id never drawn is refused (NOT_FOUND)
   * and nothing is written.
   */
  reweighChecks(weights: readonly CheckWeight[]): Promise<void>;
  /** Every check, in item id order; `labelled` filters on whether the expert label is in. */
  listChecks(query?: { readonly labelled?: boolean }): Promise<Check[]>;
  /**
   * Sets the expert label of drawn items; an id that was never drawn is refused (NOT_FOUND) and
   * nothing is written. Giving an item the label it already has changes nothing (who and when
   * stay those of the first answer), so importing the same answers twice is idempotent.
   */
  labelChecks(
    labels: readonly { readonly itemId: string; readonly label: string }[],
    by: string,
    at: string,
  ): Promise<void>;
}
