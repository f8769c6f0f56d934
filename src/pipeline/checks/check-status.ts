import type { Store } from '../../core/ports/index.js';

/** One stratum of the checks: its pool items when last drawn, checks drawn and answered. */
export interface CheckStratumStatus {
  readonly stratum: string;
  readonly size: number;
  readonly drawn: number;
  readonly labelled: number;
}

export interface CheckStatus {
  readonly drawn: number;
  readonly labelled: number;
  /** Draws made so far (0 before the first). */
  readonly draws: number;
  readonly strata: readonly CheckStratumStatus[];
  /** The expert's price per item, from `prices.expertItemUsd`. */
  readonly expertItemUsd: number;
  /** Answers so far at the expert's price. */
  readonly costSoFar: number;
  /** What the answers still missing will cost. */
  readonly costToGo: number;
}

/**
 * `hilo checks`: how many checks were drawn and answered, per stratum, and their cost at the
 * expert's price per item.
 * @example const status = await checkStatus({ store, expertItemUsd: 1 })
 * Complexity: one read of the checks, O(checks).
 */
export async function checkStatus(options: {
  readonly store: Store;
  readonly expertItemUsd: number;
}): Promise<CheckStatus> {
  const checks = await options.store.listChecks();
  const strata = new Map<string, { size: number; drawn: number; labelled: number }>();
  let labelled = 0;
  let draws = 0;
  for (const check of checks) {
    const s = strata.get(check.stratum) ?? { size: check.stratumSize, drawn: 0, labelled: 0 };
    s.drawn++;
    if (check.label !== null) {
      s.labelled++;
      labelled++;
    }
    strata.set(check.stratum, s);
    draws = Math.max(draws, check.draw);
  }
  const price = options.expertItemUsd;
  return {
    drawn: checks.length,
    labelled,
    draws,
    strata: [...strata.entries()]
      .map(([stratum, s]) => ({ stratum, ...s }))
      .sort((a, b) => (a.stratum < b.stratum ? -1 : a.stratum > b.stratum ? 1 : 0)),
    expertItemUsd: price,
    costSoFar: labelled * price,
    costToGo: (checks.length - labelled) * price,
  };
}
