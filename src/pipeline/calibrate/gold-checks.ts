import { HiloError } from '../../core/errors.js';
import { voteCommand } from '../label/index.js';

/** What every calibration counts about the gold it read. */
interface GoldCounts {
  readonly missing: number;
  readonly abstained: number;
  readonly fromRuns: number;
}

/** Fewest gold items with a vote that calibration accepts. */
export const MIN_GOLD = 10;

/**
 * Refuses calibration on fewer than `MIN_GOLD` gold items with a vote, saying how to get more.
 * @example requireGold('model:local@1', 4, counts) // throws INVALID_INPUT
 * Complexity: O(1).
 */
export function requireGold(source: string, n: number, gold: GoldCounts): void {
  if (n >= MIN_GOLD) return;
  throw new HiloError(
    'INVALID_INPUT',
    `calibration needs gold items with a vote from ${source}; found ${n}` +
      (gold.missing > 0
        ? ` (${gold.missing} gold items have no vote yet: run ${voteCommand(source)})`
        : '') +
      `. Import at least ${MIN_GOLD} (hundreds for a useful guarantee) with --role gold`,
  );
}

/**
 * The warnings about gold left out, and about a local model's votes that come from a label run
 * rather than cross-fitting (a model that trained on an item is overconfident on it).
 * @example goldWarnings('model:local@1', { missing: 2, abstained: 0, fromRuns: 0 })
 * Complexity: O(1).
 */
export function goldWarnings(source: string, gold: GoldCounts): string[] {
  const warnings: string[] = [];
  if (gold.missing > 0)
    warnings.push(`${gold.missing} gold items have no vote from ${source} and are left out`);
  if (gold.abstained > 0) warnings.push(`${gold.abstained} gold votes abstained and are left out`);
  if (source.startsWith('model:') && gold.fromRuns > 0) {
    warnings.push(
      `${gold.fromRuns} gold votes of ${source} come from a label run, not from cross-fitting: ` +
        'if the model trained on those items, its confidence on them is too high (re-run `hilo learn`)',
    );
  }
  return warnings;
}
