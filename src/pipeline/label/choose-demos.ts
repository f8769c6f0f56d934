import { HiloError } from '../../core/errors.js';
import type { Store } from '../../core/ports/index.js';
import { selectDemos } from '../../core/prompt/select-demos.js';
import { createRng } from '../../core/rng.js';
import type { Item } from '../../core/types.js';

export interface ChooseDemosOptions {
  readonly store: Pick<Store, 'listItems'>;
  readonly labels: readonly string[];
  /** `labeller.llm.fewShot`: 0 means no demos and no gold needed. */
  readonly k: number;
  readonly seed: number;
}

/**
 * The few-shot demos of one LLM run: `k` gold items balanced over labels, drawn with `seed`, so
 * the prompt (and the vote source that names its version) is the same for a resumed run.
 * @example const demos = await chooseDemos({ store, labels: ['spam', 'ham'], k: 4, seed: 1 });
 * Complexity: one read of the gold items, then O(gold + k).
 */
export async function chooseDemos(options: ChooseDemosOptions): Promise<Item[]> {
  const { k } = options;
  if (k <= 0) return [];
  const gold = await options.store.listItems({ role: 'gold' });
  if (gold.length === 0)
    throw new HiloError(
      'INVALID_INPUT',
      `few-shot needs gold items (labeller.llm.fewShot is ${k}); import some with --role gold or set fewShot: 0`,
    );
  return selectDemos({ gold, k, labels: options.labels, rng: createRng(options.seed) });
}
