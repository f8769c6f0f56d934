import { usd } from '../../core/format/format-number.js';
import type { Store } from '../../core/ports/index.js';
import type { Prices } from '../../core/project.js';
import { labelRunsOf } from '../label/index.js';
import { ENSEMBLE_PREFIX, readEnsembleSpec } from './ensemble-spec.js';

/** What one item costs a labeller, and where that figure came from (for the printout). */
export interface MachineUnitCost {
  readonly perItem: number;
  readonly basis: string;
}

/**
 * A labeller's machine cost per item from what its label runs cost (tokens as priced when
 * labelled, plus hosting per hour × run time). An ensemble costs what its members cost per
 * item, summed; a labeller with no label run recorded costs 0, and the basis says so.
 * @example const { perItem, basis } = await machineUnitCost({ store, source: 'llm:gpt-4o-mini#ab12', prices })
 * Complexity: one read of the label runs per labeller (per member for an ensemble).
 */
export async function machineUnitCost(options: {
  readonly store: Store;
  readonly source: string;
  readonly prices: Prices;
}): Promise<MachineUnitCost> {
  const { store, source } = options;
  if (source.startsWith(ENSEMBLE_PREFIX)) {
    const spec = await readEnsembleSpec(store, source);
    if (spec) {
      const parts = [];
      for (const member of spec.sources)
        parts.push(await machineUnitCost({ ...options, source: member }));
      return {
        perItem: parts.reduce((sum, p) => sum + p.perItem, 0),
        basis: `the sum of its members' costs per item (${parts.map((p) => p.basis).join('; ')})`,
      };
    }
  }
  const runs = await labelRunsOf(store, source);
  let items = 0;
  let cost = 0;
  let hours = 0;
  for (const run of runs) {
    items += run.itemsDone + run.itemsFailed;
    cost += run.costUsd;
    // Imported predictions ran elsewhere: their price is the run's cost, no hosting time here.
    if (run.endedAt !== null && run.config.kind !== 'import') {
      hours += Math.max(0, Date.parse(run.endedAt) - Date.parse(run.startedAt)) / 3_600_000;
    }
  }
  const hosting = options.prices.hostingPerHourUsd * hours;
  return items > 0
    ? {
        perItem: (cost + hosting) / items,
        basis: `${usd(cost + hosting, 4)} over ${items} items labelled by ${source}`,
      }
    : { perItem: 0, basis: `no label run of ${source} recorded: machine cost taken as 0` };
}
